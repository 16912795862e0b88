/**
 * Redis connections of every process (hub, worker, command line, BullMQ): one Redis server (`redisUrl`) or a
 * Redis Cluster (`redisCluster`, `LIENTHONG_REDIS_CLUSTER=host:port,…`) through ioredis' `Cluster`.
 *
 * A Cluster client is handed out typed as `Redis`: ioredis' `Cluster` implements the same command interface,
 * and every command this project sends is single-slot (docs/redis-keys.md lists each key family and the slot
 * its commands stay in; test/faults/cluster-*.test.ts run the deliveries, ordering and idempotency on a real
 * cluster). The few things a Cluster does differently — SCAN, which walks one node — go through the helpers
 * below, which check `isCluster`.
 */
import Redis, { Cluster, type RedisOptions } from 'ioredis';

// Redis Cluster's key-to-slot function (CRC16 of the hash tag), the one ioredis routes by; it ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const calculateSlot = require('cluster-key-slot') as (key: string) => number;

/** Where Redis is: a URL, or the seed nodes of a cluster (the URL then only lends its password/TLS). */
export interface RedisTarget {
  /** `redis://…` of a single server (Sentinel-less). */
  url: string;
  /** `host:port` of some cluster nodes; when non-empty, a Cluster client is made and `url` names no server. */
  cluster?: readonly string[];
}

/** The cluster seed list of `LIENTHONG_REDIS_CLUSTER` (`host:port,host:port`), or [] when empty. */
export function parseClusterNodes(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function seeds(nodes: readonly string[]): { host: string; port: number }[] {
  return nodes.map((n) => {
    const at = n.lastIndexOf(':');
    return { host: n.slice(0, at), port: Number(n.slice(at + 1)) };
  });
}

/** The password and TLS of `url`, which a cluster's nodes share. */
function sharedOptions(url: string): RedisOptions {
  try {
    const u = new URL(url);
    return {
      ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
      ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
      ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    };
  } catch {
    return {};
  }
}

/** A client of `target`: a `Redis` for one server, a `Cluster` (typed as `Redis`, see above) for a cluster. */
export function redisClient(target: string | RedisTarget, extra: RedisOptions = {}): Redis {
  const t = typeof target === 'string' ? { url: target } : target;
  if (!t.cluster?.length) return new Redis(t.url, extra);
  const { lazyConnect, ...nodeOptions } = extra;
  const cluster = new Cluster(seeds(t.cluster), {
    lazyConnect,
    // Reads and writes go to masters: a replica may lag, and the hub reads what it has just written.
    scaleReads: 'master',
    enableReadyCheck: true,
    // During a failover, commands wait for the new master instead of failing at once.
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 300,
    retryDelayOnTryAgain: 200,
    redisOptions: { ...sharedOptions(t.url), ...nodeOptions },
  });
  return cluster as unknown as Redis;
}

/** Redis connections for BullMQ: workers need `maxRetriesPerRequest: null` (blocking commands). */
export function bullConnection(target: string | RedisTarget, extra: RedisOptions = {}): Redis {
  return redisClient(target, { maxRetriesPerRequest: null, enableReadyCheck: true, ...extra });
}

/** The target named by a hub configuration's `redisUrl` and `redisCluster`. */
export const redisTargetOf = (hub: { redisUrl: string; redisCluster?: string }): RedisTarget => ({
  url: hub.redisUrl,
  cluster: parseClusterNodes(hub.redisCluster),
});

/**
 * Every key matching `pattern`, in batches, on one server or on every master of a cluster (SCAN walks one
 * node). `each` returns true to stop early.
 */
export async function scanKeys(
  redis: Redis,
  pattern: string,
  each: (keys: string[]) => Promise<boolean | void>,
): Promise<void> {
  const nodes = redis.isCluster ? (redis as unknown as Cluster).nodes('master') : [redis];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length && (await each(keys))) return;
    } while (cursor !== '0');
  }
}

/**
 * Waits until a replica of the master that holds `key`'s slot has every write this client sent that master
 * (Redis WAIT, on the very connection the writes went through); resolves with how many replicas have them.
 * A Redis Cluster replicates asynchronously: without this, a write acknowledged by a master that dies before
 * its replica has it is lost when the replica takes over.
 */
export async function waitForReplica(
  redis: Redis,
  key: string,
  timeoutMs: number,
): Promise<{ replicas: number; connected: number }> {
  const cluster = redis as unknown as Cluster;
  const nodeKey = cluster.slots[calculateSlot(key)]?.[0];
  const node = cluster.nodes('master').find((n) => `${n.options.host}:${n.options.port}` === nodeKey);
  if (!node) throw new Error(`no master known for the slot of ${key}`);
  // A master with no replica (its own replica took over from it, or was lost, and none is attached yet)
  // has nothing to wait for; asked again at most once a second, so a master that gets one is waited on.
  let known = replicaCounts.get(node);
  if (!known || known.at <= Date.now() - 1000) {
    const info = await node.info('replication');
    known = { connected: Number(/connected_slaves:(\d+)/.exec(info)?.[1] ?? 0), at: Date.now() };
    replicaCounts.set(node, known);
  }
  const { connected } = known;
  if (!connected) return { replicas: 0, connected: 0 };
  return { replicas: await node.wait(1, timeoutMs), connected };
}

/** How many replicas each master connection's server had, and when that was asked. */
const replicaCounts = new WeakMap<Redis, { connected: number; at: number }>();
