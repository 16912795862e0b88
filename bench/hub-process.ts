/**
 * Child process of `npm run bench -- exchange` and `-- scale`: the hub, built like `lienthong serve` from
 * config/ and the LIENTHONG_* environment the bench process passes (Redis or Redis Cluster, trust dir,
 * audit dir, upstream URL, log level). BENCH_RATE_LIMIT_POINTS raises the per-member rate limit in memory
 * so that one benchmark client is not throttled (the limiter is still consulted on every request).
 * BENCH_HUB_PROCESSES=N runs N hub processes sharing the port, as `lienthong serve --processes N` does
 * (hub/cli/processes.ts); the ready line then lists every pid. Announces its URL when listening.
 */
import { isProcessChild, reportReady, runPrimary } from '../hub/cli/processes';
import { loadConfig } from '../config/loader';
import { serveHub } from '../hub/server';
import { announceReady, READY_PREFIX } from './procs';

async function main(): Promise<void> {
  const processes = Number(process.env.BENCH_HUB_PROCESSES ?? 1);
  if (processes > 1 && !isProcessChild()) {
    // Stops the group when the bench process goes (its stdin closes), as announceReady does for one hub.
    process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
    process.stdin.resume();
    runPrimary({
      processes,
      readyLine: (urls, pids) => `${READY_PREFIX}${JSON.stringify({ url: urls[0], pids })}`,
    });
    return;
  }
  const config = loadConfig();
  const points = Number(process.env.BENCH_RATE_LIMIT_POINTS);
  if (Number.isSafeInteger(points) && points > 0) config.hub.rateLimit.points = points;
  const index = process.env.LIENTHONG_PROCESS_INDEX;
  const hub = await serveHub({
    config,
    port: 0,
    handleSignals: isProcessChild(),
    nodeId: index === undefined ? 'bench-hub' : `bench-hub-${index}`,
  });
  if (isProcessChild()) {
    reportReady(hub.url);
    return;
  }
  announceReady({ url: hub.url, logLevel: config.hub.logLevel, rateLimit: config.hub.rateLimit }, () =>
    hub.stop(),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
});
