/**
 * Test helper: a real Redis Cluster of 3 masters and 3 replicas on 127.0.0.1, from Debian's redis-server
 * (`--cluster-enabled yes`, AOF on, each node its own data dir and free port), created with
 * `redis-cli --cluster create … --cluster-replicas 1 --cluster-yes`. Resolves once every node reports
 * `cluster_state:ok` and each master has its replica. `kill` crashes a node (SIGKILL) for fault drills;
 * `stop` ends every node and removes the data dirs.
 *
 * Use `const cluster = useRedisCluster();` at the top of a describe block (`beforeStop` as in redis.ts), or
 * `startRedisCluster()` directly.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { redisClient } from '../../queue/connection';
import { startLocalRedis, type LocalRedis } from '../../queue/local-redis';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ClusterNodeInfo {
  id: string;
  port: number;
  role: 'master' | 'slave';
  /** The master's id, for a replica. */
  masterId?: string;
  /** Whether the node is marked failed or unreachable by the one asked. */
  failed: boolean;
  slots: [number, number][];
}

export interface LocalRedisCluster {
  nodes: LocalRedis[];
  /** `127.0.0.1:port,…` — the value of LIENTHONG_REDIS_CLUSTER. */
  seeds: string;
  /** A new cluster client (ioredis Cluster, typed as Redis like the project's own). */
  client(): Redis;
  /** The cluster's view of its nodes, as a live node sees it. */
  topology(): Promise<ClusterNodeInfo[]>;
  /** The node that is master of the slot of `key` now. */
  masterOf(key: string): Promise<LocalRedis>;
  /** Waits until every slot is served again (a replica took over) and the state is ok. */
  waitHealthy(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** How soon a master that stops answering is failed over (ms). Short, so drills stay short. */
export const NODE_TIMEOUT_MS = 1500;

function parseNodes(text: string): ClusterNodeInfo[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [id, addr, flags, master, , , , , ...slots] = line.split(' ');
      const port = Number(addr.split('@')[0].split(':')[1]);
      return {
        id,
        port,
        role: flags.includes('master') ? 'master' : 'slave',
        masterId: master === '-' ? undefined : master,
        failed: /fail|noaddr/.test(flags),
        slots: slots
          .filter((s) => /^\d/.test(s))
          .map((s) => {
            const [a, b] = s.split('-').map(Number);
            return [a, b ?? a] as [number, number];
          }),
      };
    });
}

async function ask<T>(port: number, fn: (r: Redis) => Promise<T>): Promise<T> {
  const r = new Redis(port, '127.0.0.1', {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return await fn(r);
  } finally {
    r.disconnect();
  }
}

export async function startRedisCluster(): Promise<LocalRedisCluster> {
  const nodes: LocalRedis[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.stop({ removeData: true })));
  };
  try {
    for (let i = 0; i < 6; i++)
      nodes.push(
        await startLocalRedis({
          extraArgs: [
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            'nodes.conf',
            '--cluster-node-timeout',
            String(NODE_TIMEOUT_MS),
          ],
        }),
      );
    await run('redis-cli', [
      '--cluster',
      'create',
      ...nodes.map((n) => `127.0.0.1:${n.port}`),
      '--cluster-replicas',
      '1',
      '--cluster-yes',
    ]);
  } catch (err) {
    await stop();
    throw err;
  }
  const alive = () => nodes.filter((n) => n.pid !== undefined && !killed.has(n));
  const killed = new Set<LocalRedis>();
  const topology = async (): Promise<ClusterNodeInfo[]> => {
    for (const n of alive()) {
      try {
        return parseNodes(await ask(n.port, (r) => r.cluster('NODES') as Promise<string>));
      } catch {
        /* try the next node */
      }
    }
    throw new Error('no node of the cluster answers');
  };
  const waitHealthy = async (timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const states = await Promise.all(
          alive().map((n) => ask(n.port, (r) => r.cluster('INFO') as Promise<string>)),
        );
        const topo = await topology();
        const masters = topo.filter((t) => t.role === 'master' && !t.failed && t.slots.length);
        const covered = masters.reduce((s, m) => s + m.slots.reduce((a, [x, y]) => a + y - x + 1, 0), 0);
        if (states.every((s) => s.includes('cluster_state:ok')) && covered === 16384 && masters.length === 3)
          return;
      } catch {
        /* a node is still starting or failing over */
      }
      if (Date.now() > deadline) throw new Error(`the cluster is not healthy after ${timeoutMs} ms`);
      await sleep(100);
    }
  };
  const cluster: LocalRedisCluster = {
    nodes,
    seeds: nodes.map((n) => `127.0.0.1:${n.port}`).join(','),
    client: () => redisClient({ url: 'redis://127.0.0.1', cluster: cluster.seeds.split(',') }),
    topology,
    async masterOf(key) {
      const slot = await ask(alive()[0].port, (r) => r.cluster('KEYSLOT', key) as Promise<number>);
      const master = (await topology()).find(
        (t) => t.role === 'master' && !t.failed && t.slots.some(([a, b]) => slot >= a && slot <= b),
      );
      const node = nodes.find((n) => n.port === master?.port);
      if (!node) throw new Error(`no master serves slot ${slot}`);
      return node;
    },
    waitHealthy,
    stop,
  };
  // Replicas attach a moment after the create: wait for every master to have one.
  const deadline = Date.now() + 30_000;
  for (;;) {
    await waitHealthy();
    const topo = await topology();
    const masters = topo.filter((t) => t.role === 'master');
    // Attached is not enough: a replica confirms writes (WAIT) only once its first sync is done.
    const online = await Promise.all(
      masters.map((m) =>
        ask(m.port, (r) => r.info('replication') as Promise<string>).then((i) => /state=online/.test(i)),
      ),
    );
    if (masters.every((m) => topo.some((t) => t.masterId === m.id)) && online.every(Boolean)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error('replicas did not attach to their masters');
    }
    await sleep(100);
  }
  const kill = nodes.map((n) => n.kill.bind(n));
  nodes.forEach((n, i) => {
    n.kill = async () => {
      killed.add(n);
      await kill[i]();
    };
  });
  return cluster;
}

export interface RedisClusterHandle {
  cluster: LocalRedisCluster;
  /** Teardown to run while the cluster is still up. */
  beforeStop(fn: () => unknown): void;
}

export function useRedisCluster(): RedisClusterHandle {
  const teardown: (() => unknown)[] = [];
  const handle = { beforeStop: (fn: () => unknown) => void teardown.push(fn) } as RedisClusterHandle;
  beforeAll(async () => {
    handle.cluster = await startRedisCluster();
  }, 60_000);
  afterAll(async () => {
    for (const fn of teardown.reverse()) await fn();
    await handle.cluster?.stop();
  }, 60_000);
  return handle;
}
