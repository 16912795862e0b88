/**
 * The Redis the demo runs on. A running one named by LIENTHONG_REDIS_URL is used as it is. Otherwise the
 * demo starts its own `redis-server` (AOF on, a temporary data dir, a free port on 127.0.0.1); when the
 * binary is missing it installs Debian's package with apt-get if this user may (root, or sudo without a
 * password prompt) and says exactly how otherwise. `planRedis` decides; `provideRedis` does it.
 */
import { spawnSync } from 'node:child_process';
import {
  MIN_REDIS_VERSION,
  redisServerVersion,
  startLocalRedis,
  versionAtLeast,
} from '../../queue/local-redis';

export type RedisPlan =
  | { kind: 'external'; url: string }
  | { kind: 'start' }
  | { kind: 'install'; sudo: boolean }
  | { kind: 'cannot'; message: string };

export interface RedisFacts {
  /** LIENTHONG_REDIS_URL, when set. */
  url?: string;
  /** Version of the redis-server on PATH, undefined when there is none. */
  version?: readonly number[];
  /** apt-get is on PATH (a Debian or Ubuntu machine). */
  apt: boolean;
  /** Running as root. */
  root: boolean;
  /** `sudo -n true` succeeds: sudo without a password prompt. */
  sudo: boolean;
  /** LIENTHONG_INSTALL_REDIS=0: never install. */
  installRefused: boolean;
}

const MIN = MIN_REDIS_VERSION.join('.');
const HOW =
  `Install it with:\n    sudo apt-get update && sudo apt-get install -y redis-server\n` +
  `and run \`npm run demo\` again — or point the demo at a running Redis ≥ ${MIN}:\n` +
  `    LIENTHONG_REDIS_URL=redis://127.0.0.1:6379 npm run demo`;

export function planRedis(f: RedisFacts): RedisPlan {
  if (f.url) return { kind: 'external', url: f.url };
  if (f.version && versionAtLeast(f.version, MIN_REDIS_VERSION)) return { kind: 'start' };
  if (f.version) {
    return {
      kind: 'cannot',
      message: `redis-server ${f.version.join('.')} is too old: BullMQ needs ${MIN} or later. ${HOW}`,
    };
  }
  if (f.installRefused)
    return { kind: 'cannot', message: `redis-server is not installed (LIENTHONG_INSTALL_REDIS=0). ${HOW}` };
  if (!f.apt) {
    return {
      kind: 'cannot',
      message:
        `redis-server (≥ ${MIN}) is not installed and this is not a Debian-like machine (no apt-get). ` +
        `Install Redis with your system's package manager, or point the demo at a running Redis:\n` +
        `    LIENTHONG_REDIS_URL=redis://127.0.0.1:6379 npm run demo`,
    };
  }
  if (f.root) return { kind: 'install', sudo: false };
  if (f.sudo) return { kind: 'install', sudo: true };
  return {
    kind: 'cannot',
    message: `redis-server (≥ ${MIN}) is not installed, and this user cannot install packages without a password. ${HOW}`,
  };
}

const succeeds = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 10_000 });
  return r.status === 0;
};

/** What this machine offers (the inputs of planRedis). */
export function redisFacts(env: NodeJS.ProcessEnv = process.env): RedisFacts {
  const root = process.getuid?.() === 0;
  return {
    url: env.LIENTHONG_REDIS_URL || undefined,
    version: redisServerVersion(),
    apt: succeeds('apt-get', ['--version']),
    root,
    sudo: !root && succeeds('sudo', ['-n', 'true']),
    installRefused: env.LIENTHONG_INSTALL_REDIS === '0',
  };
}

export class RedisUnavailableError extends Error {}

/**
 * The AOF fsync policy of the Redis the demo starts: LIENTHONG_REDIS_APPENDFSYNC=always|everysec (default
 * everysec; see the README's Reliability section for the loss window of each).
 */
export function appendfsyncFrom(env: NodeJS.ProcessEnv = process.env): 'everysec' | 'always' {
  const v = env.LIENTHONG_REDIS_APPENDFSYNC?.trim();
  if (!v || v === 'everysec') return 'everysec';
  if (v === 'always') return 'always';
  throw new RedisUnavailableError(
    `LIENTHONG_REDIS_APPENDFSYNC must be everysec or always, not ${JSON.stringify(v)}`,
  );
}

export interface ProvidedRedis {
  url: string;
  /** What it is, for the demo's output. */
  describe: string;
  stop(): Promise<void>;
}

/** Finds, installs if it must and may, and starts the demo's Redis. */
export async function provideRedis(write: (line: string) => void): Promise<ProvidedRedis> {
  let plan = planRedis(redisFacts());
  if (plan.kind === 'install') {
    const sudo = plan.sudo ? ['sudo', '-n'] : [];
    write(
      `redis-server is missing: installing Debian's package (${plan.sudo ? 'sudo ' : ''}apt-get install redis-server) …`,
    );
    const run = (args: string[]) => {
      const [cmd, ...rest] = [...sudo, ...args];
      const r = spawnSync(cmd, rest, {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        encoding: 'utf8',
        timeout: 600_000,
      });
      if (r.status !== 0) {
        throw new RedisUnavailableError(
          `\`${[cmd, ...rest].join(' ')}\` failed (exit ${r.status}): ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' ')}\n${HOW}`,
        );
      }
    };
    run(['apt-get', 'update', '-q']);
    run(['apt-get', 'install', '-y', '-q', '--no-install-recommends', 'redis-server']);
    plan = planRedis(redisFacts());
    if (plan.kind !== 'start')
      throw new RedisUnavailableError(`redis-server is still not usable after installing it. ${HOW}`);
  }
  switch (plan.kind) {
    case 'cannot':
      throw new RedisUnavailableError(plan.message);
    case 'external':
      return {
        url: plan.url,
        describe: `the Redis at ${plan.url} (LIENTHONG_REDIS_URL)`,
        stop: async () => {},
      };
    case 'start': {
      const appendfsync = appendfsyncFrom();
      const local = await startLocalRedis({ appendfsync });
      return {
        url: local.url,
        describe: `a local redis-server on ${local.url} (AOF, appendfsync ${appendfsync}, data in ${local.dataDir})`,
        stop: () => local.stop({ removeData: true }),
      };
    }
    default:
      throw new RedisUnavailableError(`unexpected plan ${JSON.stringify(plan)}`);
  }
}
