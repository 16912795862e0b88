/**
 * Child processes of the benchmarks: TypeScript entry points run with `node --require tsx/cjs` (the pid is
 * the process measured, not a launcher; tsx's CommonJS hook needs no loader thread, which would add ~30 MB
 * that a compiled hub does not have), a one-line JSON "ready" handshake on stdout, RSS from /proc, and
 * one cleanup list that ends every child, redis-server and temp dir — on success, failure and Ctrl-C.
 * Children exit by themselves when their stdin closes (the bench process died); a detached watchdog
 * stops a redis-server whose bench process was killed outright.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const READY_PREFIX = 'BENCH_READY ';
const ROOT = join(__dirname, '..');

export interface BenchChild {
  name: string;
  pid: number;
  /** What the child sent with its ready line (its URLs). */
  info: Record<string, unknown>;
  stop(): Promise<void>;
}

/** Called by a child entry once it listens: tells the bench process, then exits when stdin closes. */
export function announceReady(info: Record<string, unknown>, onStop: () => Promise<void>): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    onStop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
  process.stdout.write(`${READY_PREFIX}${JSON.stringify(info)}\n`);
}

/** Starts `bench/<entry>` (or an absolute path) in its own node process and waits for its ready line. */
export function startChild(
  name: string,
  entry: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
  timeoutMs = 60_000,
): Promise<BenchChild> {
  const proc: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, '--require', 'tsx/cjs', resolve(__dirname, entry)],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString('utf8')).slice(-4000);
  });
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 6000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      void stop();
      reject(new Error(`${name} (${entry}) ${why}\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`was not ready within ${timeoutMs} ms`), timeoutMs);
    proc.once('exit', (code, signal) => fail(`exited early (${code ?? signal})`));
    proc.once('error', (err) => fail(`could not start: ${err.message}`));
    proc.stdout?.on('data', (d: Buffer) => {
      if (settled) return;
      out += d.toString('utf8');
      const line = out.split('\n').find((l) => l.startsWith(READY_PREFIX));
      if (!line) return;
      settled = true;
      clearTimeout(timer);
      const info = JSON.parse(line.slice(READY_PREFIX.length)) as Record<string, unknown>;
      resolve({ name, pid: proc.pid!, info, stop });
    });
  });
}

/** Resident set size of a process in MB (VmRSS of /proc/<pid>/status), or NaN when unreadable. */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat; NaN when unreadable. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at ')': utime and stime are 14th and 15th.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
const CLOCK_TICKS = 100;

/**
 * Kills `pid` (only that process) should the bench process die without cleaning up; returns a stop
 * function for the normal case. The watchdog ends by itself when `pid` is gone.
 */
export function watchdog(pid: number): () => void {
  const me = process.pid;
  const script = `while kill -0 ${me} 2>/dev/null; do kill -0 ${pid} 2>/dev/null || exit 0; sleep 1; done; kill ${pid} 2>/dev/null`;
  const sh = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  sh.unref();
  return () => {
    if (sh.exitCode === null && sh.signalCode === null) sh.kill('SIGTERM');
  };
}

/** Cleanup steps run in reverse order of registration, once, also on SIGINT/SIGTERM. */
export class Cleanup {
  private readonly steps: (() => Promise<void> | void)[] = [];
  private done: Promise<void> | undefined;
  private readonly onSignal = () => {
    void this.run().finally(() => process.exit(130));
  };

  constructor() {
    process.once('SIGINT', this.onSignal);
    process.once('SIGTERM', this.onSignal);
  }

  add(step: () => Promise<void> | void): void {
    this.steps.push(step);
  }

  run(): Promise<void> {
    this.done ??= (async () => {
      process.off('SIGINT', this.onSignal);
      process.off('SIGTERM', this.onSignal);
      for (const step of this.steps.reverse()) {
        try {
          await step();
        } catch (err) {
          process.stderr.write(`cleanup: ${err instanceof Error ? err.message : String(err)}\n`);
        }
      }
    })();
    return this.done;
  }
}
