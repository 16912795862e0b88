/**
 * Files a running process reads again — the trust dir, the data keys, the operators' tokens — every
 * `everySec` seconds (0: only on SIGHUP) and on SIGHUP. A file that does not load (half-written,
 * broken) keeps what the last good load gave, and the logger says why.
 */
import type { Logger } from './observability/logger';

/** What to read again: a name for the log, and the function that reads it (and throws when it cannot). */
export type Reloadable = readonly [what: string, load: () => void];

/** Starts reloading; returns the function that stops it. */
export function watchFiles(everySec: number, logger: Logger, files: readonly Reloadable[]): () => void {
  const reload = () => {
    for (const [what, load] of files) {
      try {
        load();
      } catch (err) {
        logger.error(
          { err: err instanceof Error ? err.message : String(err) },
          `${what} could not be reloaded; what the last good load gave stays in force`,
        );
      }
    }
  };
  const timer = everySec > 0 ? setInterval(reload, everySec * 1000) : undefined;
  timer?.unref();
  process.on('SIGHUP', reload);
  return () => {
    if (timer) clearInterval(timer);
    process.off('SIGHUP', reload);
  };
}
