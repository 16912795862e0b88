/**
 * The engine's reconcile sweep on a timer, one sweep at a time: a sweep that is still running when the
 * next tick comes (a slow Redis, a loaded machine) is not joined by a second one, so sweeps never overlap
 * and "a sweep that started after X has finished" means every earlier sweep has finished too. Tests wait
 * on `nextSweep()` instead of sleeping through a few intervals.
 */
import type { Logger } from '../observability/logger';

export interface Sweeper {
  /** Resolves once a sweep that starts after this call has finished (whatever it found). */
  nextSweep(): Promise<void>;
  stop(): void;
}

export function startSweeper(sweep: () => Promise<unknown>, everyMs: number, logger: Logger): Sweeper {
  let running = false;
  let waiting: (() => void)[] = [];
  const tick = async () => {
    if (running) return;
    running = true;
    const served = waiting;
    waiting = [];
    try {
      await sweep();
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'procedure reconcile failed');
    } finally {
      running = false;
      for (const done of served) done();
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return {
    nextSweep: () => new Promise<void>((r) => waiting.push(r)),
    stop: () => {
      clearInterval(timer);
      for (const done of waiting) done();
      waiting = [];
    },
  };
}
