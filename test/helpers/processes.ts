/**
 * Real child processes for the fault drills and the queue benchmark: `node hub/cli/bin.js <command>` with
 * a world's LIENTHONG_* environment, started once its ready line is printed, with its output kept for the
 * failure message, and stopped by pid only (SIGTERM with a grace period, or SIGKILL for a crash). A
 * `ProcessGroup` ends every process it started, whatever happened to the test. Children preload
 * orphan-guard.js, so they also exit when the test runner itself is killed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'hub', 'cli', 'bin.js');
const GUARD = join(__dirname, 'orphan-guard.js');

export interface ChildOptions {
  /** A name for messages. */
  name: string;
  /** Arguments of `lienthong`, e.g. ['serve', '--port', '0']. */
  args: string[];
  env: Record<string, string>;
  /** The line that says the process is ready; its match is returned. */
  ready?: RegExp;
  /** How long to wait for the ready line. @defaultValue 30000 */
  readyTimeoutMs?: number;
  /** Options for node itself (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  /** Working directory. @defaultValue the project root */
  cwd?: string;
  /** Another `lienthong` script to run than this project's hub/cli/bin.js (e.g. a checkout's). */
  bin?: string;
  /** Written to its standard input, which is then closed. */
  input?: string;
}

export interface Child {
  name: string;
  pid: number;
  /** The ready line's match. */
  match: RegExpMatchArray | undefined;
  /** stdout and stderr so far (the last 64 KiB). */
  output(): string;
  /** stdout alone so far (the last 64 KiB). */
  stdout(): string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
  /** CPU time used so far, in ms (Linux). */
  cpuMs(): number;
  /** SIGKILL: a crash. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`. Resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

const KEEP = 64 * 1024;
/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on Linux). */
const CLOCK_TICKS = 100;

/** CPU time (user + system) a process has used so far, in ms, from /proc; NaN where there is no /proc. */
export function cpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

function watch(proc: ChildProcess, name: string, pid: number, match: () => RegExpMatchArray | undefined) {
  let out = '';
  let stdout = '';
  const append = (d: Buffer) => {
    out += d.toString('utf8');
    if (out.length > KEEP) out = out.slice(-KEEP);
  };
  proc.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString('utf8');
    if (stdout.length > KEEP) stdout = stdout.slice(-KEEP);
  });
  proc.stdout?.on('data', append);
  proc.stderr?.on('data', append);
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    // 'close', not 'exit': the output is complete then (stdout may still hold data at 'exit').
    proc.once('close', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });
  const signalAndWait = async (signal: NodeJS.Signals, graceMs: number) => {
    if (done) return;
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const child: Child = {
    name,
    pid,
    get match() {
      return match();
    },
    output: () => out,
    stdout: () => stdout,
    exited,
    running: () => !done,
    cpuMs: () => cpuMs(pid),
    kill: () => signalAndWait('SIGKILL', 0),
    stop: (graceMs = 10_000) => signalAndWait('SIGTERM', graceMs),
  };
  return { child, read: () => out };
}

/** Starts `node …nodeArgs` and resolves once its ready line appears (or at once without one). */
export async function startNode(
  opts: Omit<ChildOptions, 'args' | 'bin'> & { nodeArgs: string[] },
): Promise<Child> {
  const proc = spawn(process.execPath, ['--require', GUARD, ...opts.nodeArgs], {
    cwd: opts.cwd ?? ROOT,
    env: opts.env,
    stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (proc.pid === undefined) throw new Error(`${opts.name}: could not start`);
  if (opts.input !== undefined) proc.stdin!.end(opts.input);
  let matched: RegExpMatchArray | undefined;
  const { child, read } = watch(proc, opts.name, proc.pid, () => matched);
  if (!opts.ready) return child;
  const ready = opts.ready;
  const timeoutMs = opts.readyTimeoutMs ?? 30_000;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`${opts.name} not ready within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onData = () => {
      matched = ready.exec(read()) ?? undefined;
      if (matched) finish();
    };
    const onExit = () => finish(new Error(`${opts.name} exited before it was ready`));
    function finish(err?: Error) {
      clearTimeout(timer);
      proc.stdout?.off('data', onData);
      proc.off('exit', onExit);
      if (err) reject(new Error(`${err.message}\n--- output of ${opts.name} ---\n${read()}`));
      else resolve();
    }
    proc.stdout?.on('data', onData);
    proc.once('exit', onExit);
  }).catch(async (err: unknown) => {
    await child.kill();
    throw err;
  });
  return child;
}

/** Starts `node hub/cli/bin.js …args` (the `lienthong` command) like {@link startNode}. */
export function startLienthong(opts: ChildOptions): Promise<Child> {
  return startNode({ ...opts, nodeArgs: [...(opts.nodeArgs ?? []), opts.bin ?? BIN, ...opts.args] });
}

/** Runs `lienthong …args` to completion; resolves with its exit code and output. */
export async function runLienthong(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 30_000,
  more: Pick<ChildOptions, 'cwd' | 'bin' | 'input'> = {},
): Promise<{ code: number | null; output: string; stdout: string }> {
  const child = await startLienthong({ name: `lienthong ${args.join(' ')}`, args, env, ...more });
  const timer = setTimeout(() => void child.kill(), timeoutMs);
  const { code } = await child.exited;
  clearTimeout(timer);
  return { code, output: child.output(), stdout: child.stdout() };
}

/** Every process a test started, ended together. */
export class ProcessGroup {
  private readonly children: Child[] = [];

  add(child: Child): Child {
    this.children.push(child);
    return child;
  }

  async start(opts: ChildOptions): Promise<Child> {
    return this.add(await startLienthong(opts));
  }

  async startNode(opts: Omit<ChildOptions, 'args'> & { nodeArgs: string[] }): Promise<Child> {
    return this.add(await startNode(opts));
  }

  /** Output of every process, for a failure message. */
  outputs(): string {
    return this.children.map((c) => `--- ${c.name} (pid ${c.pid}) ---\n${c.output()}`).join('\n');
  }

  /** Stops every process still running (SIGTERM, then SIGKILL after `graceMs`). */
  async stopAll(graceMs = 5000): Promise<void> {
    await Promise.all(this.children.filter((c) => c.running()).map((c) => c.stop(graceMs)));
    this.children.length = 0;
  }
}
