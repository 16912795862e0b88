/**
 * Starts and stops a private redis-server process on 127.0.0.1 for development, the demo and tests.
 * The server runs with AOF on (appendfsync everysec by default) in a data directory of its own, so a
 * restart with the same directory finds every acknowledged write (within the fsync window).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Options for {@link startLocalRedis}. */
export interface LocalRedisOptions {
  /** Port to listen on. @defaultValue a free port chosen by the OS */
  port?: number;
  /** Data directory (AOF and RDB files). @defaultValue a new directory under the OS temp dir */
  dataDir?: string;
  /** AOF fsync policy: `everysec` loses at most ~1 s of writes on a crash, `always` loses none. @defaultValue 'everysec' */
  appendfsync?: 'everysec' | 'always';
  /** Path of the redis-server binary. @defaultValue the one found on PATH */
  binary?: string;
  /** How long to wait for the server to answer PING. @defaultValue 10000 */
  startTimeoutMs?: number;
  /** More redis-server arguments (e.g. `--cluster-enabled yes`). @defaultValue [] */
  extraArgs?: readonly string[];
}

export interface LocalRedis {
  readonly port: number;
  readonly host: '127.0.0.1';
  readonly url: string;
  readonly dataDir: string;
  readonly pid: number | undefined;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s). Keeps the data dir unless `removeData`. */
  stop(opts?: { removeData?: boolean }): Promise<void>;
  /** Kills the server with SIGKILL (a crash), keeping its data dir. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and data dir. */
  restart(): Promise<void>;
}

/** The minimum Redis version BullMQ is supported on. */
export const MIN_REDIS_VERSION = [6, 2, 0] as const;

/** Returns the redis-server version as [major, minor, patch], or undefined when the binary is missing. */
export function redisServerVersion(binary = 'redis-server'): [number, number, number] | undefined {
  try {
    const out = execFileSync(binary, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const m = /v=(\d+)\.(\d+)\.(\d+)/.exec(out);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
  } catch {
    return undefined;
  }
}

export function versionAtLeast(v: readonly number[], min: readonly number[]): boolean {
  for (let i = 0; i < min.length; i++) {
    if ((v[i] ?? 0) !== min[i]) return (v[i] ?? 0) > min[i];
  }
  return true;
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Sends one inline command over a raw socket and resolves with the first reply line. */
function rawCommand(port: number, command: string, timeoutMs = 1000): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = createConnection({ port, host: '127.0.0.1' });
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error('timeout'));
    }, timeoutMs);
    let buf = '';
    sock.on('connect', () => sock.write(`${command}\r\n`));
    sock.on('data', (d) => {
      buf += d.toString('utf8');
      if (buf.includes('\r\n')) {
        clearTimeout(timer);
        sock.end();
        resolve(buf.split('\r\n')[0]);
      }
    });
    sock.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts redis-server and resolves once it answers PING (and has loaded its AOF). */
export async function startLocalRedis(options: LocalRedisOptions = {}): Promise<LocalRedis> {
  const binary = options.binary ?? 'redis-server';
  const version = redisServerVersion(binary);
  if (!version) {
    throw new Error(
      'redis-server was not found on PATH. Install it (Debian/Ubuntu: sudo apt-get install -y redis-server) and try again.',
    );
  }
  if (!versionAtLeast(version, MIN_REDIS_VERSION)) {
    throw new Error(
      `redis-server ${version.join('.')} is too old: BullMQ needs ${MIN_REDIS_VERSION.join('.')} or newer.`,
    );
  }
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'lienthong-redis-'));
  const appendfsync = options.appendfsync ?? 'everysec';
  const startTimeoutMs = options.startTimeoutMs ?? 10000;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const launch = async (): Promise<void> => {
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--protected-mode',
      'yes',
      '--dir',
      dataDir,
      '--appendonly',
      'yes',
      '--appendfsync',
      appendfsync,
      '--save',
      '',
      '--daemonize',
      'no',
      '--maxmemory-policy',
      'noeviction',
      '--loglevel',
      'warning',
      '--logfile',
      join(dataDir, 'redis.log'),
      ...(options.extraArgs ?? []),
    ];
    const proc = spawn(binary, args, { stdio: 'ignore' });
    child = proc;
    let exitCode: number | null | undefined;
    exited = new Promise<void>((resolve) => {
      proc.once('exit', (code) => {
        exitCode = code;
        resolve();
      });
    });
    const deadline = Date.now() + startTimeoutMs;
    for (;;) {
      if (exitCode !== undefined)
        throw new Error(`redis-server exited with code ${exitCode}; see ${join(dataDir, 'redis.log')}`);
      try {
        const reply = await rawCommand(port, 'PING');
        if (reply === '+PONG') return;
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`redis-server did not answer on port ${port} within ${startTimeoutMs} ms`);
      }
      await sleep(25);
    }
  };

  const terminate = async (signal: NodeJS.Signals): Promise<void> => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  await launch();
  return {
    port,
    host: '127.0.0.1',
    url: `redis://127.0.0.1:${port}`,
    dataDir,
    get pid() {
      return child?.pid;
    },
    async stop(opts) {
      await terminate('SIGTERM');
      if (opts?.removeData) rmSync(dataDir, { recursive: true, force: true });
    },
    async kill() {
      await terminate('SIGKILL');
    },
    async restart() {
      await terminate('SIGTERM');
      await launch();
    },
  };
}
