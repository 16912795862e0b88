/**
 * The world of a fault drill: a private redis-server with AOF, the notify gateway simulator in this
 * process (its outbox and `/__admin/effects` are what the drills count), a prepared world (trust dir,
 * member keys, secrets, LIENTHONG_* env) and hub and worker processes started from it as real children.
 * `close()` ends every process, the simulators, the temp dirs and Redis, whatever state the drill left.
 * With `cluster: true` the processes run on a local Redis Cluster (3 masters, 3 replicas) instead.
 */
import { Agent } from 'node:http';
import type { RunningSimulator } from '../../adapters/sdk';
import { prepareWorld, type PreparedWorld } from '../../hub/sandbox/prepare-world';
import { startLocalRedis, type LocalRedis, type LocalRedisOptions } from '../../queue/local-redis';
import type { Sender } from './delivery-load';
import { ProcessGroup, runLienthong, type Child } from './processes';
import { startRedisCluster, type LocalRedisCluster } from './redis-cluster';

export interface FaultWorldOptions {
  /** LIENTHONG_* settings for every process (lock, stall, attempts, backoff …). */
  env?: Record<string, string>;
  redis?: LocalRedisOptions;
  /** Run on a Redis Cluster of 3 masters and 3 replicas (LIENTHONG_REDIS_CLUSTER). @defaultValue false */
  cluster?: boolean;
}

export interface HubProcess {
  child: Child;
  url: string;
}

export interface FaultWorld {
  /** The Redis server (with `cluster`, the cluster's first node). */
  redis: LocalRedis;
  /** The cluster, with `cluster`. */
  cluster?: LocalRedisCluster;
  world: PreparedWorld;
  notify: RunningSimulator;
  processes: ProcessGroup;
  /** A keep-alive agent for the drill's own HTTP calls. */
  agent: Agent;
  /** The ward office's one-stop system, which may send SMS deliveries. */
  ward: Sender;
  /** Another member's system with the same right. */
  otherWard: Sender;
  /** A hub; `args` are more arguments of `lienthong serve` (e.g. `--processes 3`). */
  startHub(name?: string, args?: string[]): Promise<HubProcess>;
  startWorker(name?: string, env?: Record<string, string>, args?: string[]): Promise<Child>;
  /** Runs `lienthong …args` with this world's environment. */
  cli(args: string[]): Promise<{ code: number | null; output: string }>;
  close(): Promise<void>;
}

export const WARD = 'VN:GOV:01:UBND-NGOCHA';
export const OTHER_WARD = 'VN:GOV:79:UBND-TANHIEP';

/** Defaults that keep drills short: a 2 s lock checked every second, quick retries. */
export const FAST_ENV: Record<string, string> = {
  LIENTHONG_WORKER_LOCK_MS: '2000',
  LIENTHONG_WORKER_STALLED_MS: '1000',
  LIENTHONG_DELIVERY_ATTEMPTS: '5',
  LIENTHONG_DELIVERY_BACKOFF_BASE_MS: '200',
  LIENTHONG_DELIVERY_BACKOFF_CAP_MS: '1000',
  LIENTHONG_UPSTREAM_TIMEOUT_MS: '5000',
  LIENTHONG_LOG_LEVEL: 'warn',
};

export async function startFaultWorld(opts: FaultWorldOptions = {}): Promise<FaultWorld> {
  const cluster = opts.cluster ? await startRedisCluster() : undefined;
  const redis = cluster ? cluster.nodes[0] : await startLocalRedis(opts.redis);
  const stopRedis = () => (cluster ? cluster.stop() : redis.stop({ removeData: true }));
  let world: PreparedWorld;
  try {
    world = await prepareWorld({
      redisUrl: redis.url,
      adapters: ['notify'],
      members: [WARD, OTHER_WARD],
      logLevel: 'warn',
      env: { ...FAST_ENV, ...(cluster ? { LIENTHONG_REDIS_CLUSTER: cluster.seeds } : {}), ...opts.env },
    });
  } catch (err) {
    await stopRedis();
    throw err;
  }
  const processes = new ProcessGroup();
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const sender = (member: string): Sender => ({ client: `${member}/MOTCUA`, key: world.key(member) });
  let hubs = 0;
  let workers = 0;
  return {
    redis,
    cluster,
    world,
    notify: world.simulators.notify,
    processes,
    agent,
    ward: sender(WARD),
    otherWard: sender(OTHER_WARD),
    async startHub(name = `hub-${++hubs}`, args = []) {
      const child = await processes.start({
        name,
        args: ['serve', '--port', '0', ...args],
        env: world.env,
        ready: /lienthong hub listening on (http:\/\/\S+)/,
        readyTimeoutMs: 90_000,
      });
      return { child, url: child.match![1] };
    },
    startWorker(name = `worker-${++workers}`, env = {}, args = []) {
      return processes.start({
        name,
        args: ['worker', ...args],
        env: { ...world.env, ...env },
        ready: /lienthong workers running/,
        readyTimeoutMs: 90_000,
      });
    },
    cli: (args) => runLienthong(args, world.env),
    async close() {
      agent.destroy();
      await processes.stopAll();
      await world.close();
      await stopRedis();
    },
  };
}
