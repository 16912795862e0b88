/**
 * `--processes N` of `lienthong serve` and `lienthong worker`: a primary process (node:cluster) that runs N
 * children of the same command and does nothing else. Hub children share the listening port (the primary
 * hands connections out in turn); each child is a whole hub or worker with its own audit chain (its node id
 * names its pid) and shares only Redis with the others, as separate hosts would.
 *
 * The primary prints its ready line once every child is ready; it forwards SIGTERM and SIGINT to the
 * children (as SIGTERM: a child started from a terminal also gets the terminal's SIGINT itself, and its stop
 * is idempotent) and exits once they have all ended. A child that dies on its own after the start is
 * logged and started again after a backoff that doubles up to 30 s (reset once a child has lived a
 * minute). A child that dies before it was ever ready stops the whole group: a bad configuration is not
 * mended by starting again.
 */
import cluster, { type Worker } from 'node:cluster';

/** What a child sends the primary once it is ready. */
interface ReadyMessage {
  lienthong: 'ready';
  url: string;
}

const isReady = (m: unknown): m is ReadyMessage =>
  typeof m === 'object' && m !== null && (m as ReadyMessage).lienthong === 'ready';

/** Whether this process is a child of a `--processes` primary. */
export const isProcessChild = (): boolean => cluster.isWorker;

/** A child tells its primary it is ready (nothing outside a group). */
export function reportReady(url: string): void {
  if (cluster.isWorker && process.send) process.send({ lienthong: 'ready', url } satisfies ReadyMessage);
}

/** The number of `--processes`, checked: 1 to 64. */
export function parseProcesses(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    process.stderr.write(`--processes must be an integer from 1 to 64 (got ${value})\n`);
    process.exit(2);
  }
  return n;
}

export interface PrimaryOptions {
  processes: number;
  /** The ready line, given the children's ready URLs and pids. */
  readyLine(urls: string[], pids: number[]): string;
  /** Environment of the i-th child (0-based), e.g. its own metrics port. */
  childEnv?(index: number): Record<string, string>;
  /** Longest backoff before a crashed child is started again. @defaultValue 30000 */
  maxBackoffMs?: number;
}

const log = (event: string, fields: Record<string, unknown>) =>
  process.stderr.write(
    JSON.stringify({
      level: 'warn',
      time: Date.now(),
      role: 'primary',
      pid: process.pid,
      msg: event,
      ...fields,
    }) + '\n',
  );

/** Runs the primary until its children have ended after a signal; then exits the process. */
export function runPrimary(opts: PrimaryOptions): void {
  const maxBackoff = opts.maxBackoffMs ?? 30_000;
  const slots: { worker?: Worker; ready: boolean; crashes: number; startedAt: number; url?: string }[] =
    Array.from({ length: opts.processes }, () => ({ ready: false, crashes: 0, startedAt: 0 }));
  let stopping = false;
  let announced = false;
  let exitCode = 0;
  const timers = new Set<NodeJS.Timeout>();

  const finishIfDone = () => {
    if (stopping && slots.every((s) => !s.worker)) process.exit(exitCode);
  };
  const stopAll = (why: string) => {
    if (stopping) return;
    stopping = true;
    for (const t of timers) clearTimeout(t);
    log('stopping every process of the group', { why });
    for (const s of slots) s.worker?.process.kill('SIGTERM');
    finishIfDone();
  };

  const start = (i: number) => {
    const slot = slots[i];
    slot.ready = false;
    slot.startedAt = Date.now();
    const worker = cluster.fork({ LIENTHONG_PROCESS_INDEX: String(i), ...opts.childEnv?.(i) });
    slot.worker = worker;
    worker.on('message', (m: unknown) => {
      if (!isReady(m)) return;
      slot.ready = true;
      slot.url = m.url;
      if (announced) log('process restarted', { index: i, pid: worker.process.pid });
      if (!announced && slots.every((s) => s.ready)) {
        announced = true;
        process.stdout.write(
          opts.readyLine(
            slots.map((s) => s.url!),
            slots.map((s) => s.worker!.process.pid!),
          ) + '\n',
        );
      }
    });
    worker.on('exit', (code, signal) => {
      slot.worker = undefined;
      if (stopping) {
        if (code) exitCode = code;
        finishIfDone();
        return;
      }
      if (!slot.ready && !announced) {
        log('a process ended before it was ready', { index: i, code, signal });
        exitCode = code || 1;
        stopAll('a process could not start');
        return;
      }
      if (Date.now() - slot.startedAt > 60_000) slot.crashes = 0;
      const delay = Math.min(maxBackoff, 500 * 2 ** slot.crashes);
      slot.crashes++;
      log('process ended; starting it again', {
        index: i,
        pid: worker.process.pid,
        code,
        signal,
        delayMs: delay,
      });
      const t = setTimeout(() => {
        timers.delete(t);
        if (!stopping) start(i);
      }, delay);
      timers.add(t);
    });
  };

  process.on('SIGTERM', () => stopAll('SIGTERM'));
  process.on('SIGINT', () => stopAll('SIGINT'));
  for (let i = 0; i < opts.processes; i++) start(i);
}
