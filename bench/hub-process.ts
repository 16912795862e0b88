/**
 * Child process of `npm run bench -- exchange`: the hub, built like `lienthong serve` from config/ and the
 * LIENTHONG_* environment the bench process passes (Redis, trust dir, audit dir, upstream URL, log
 * level). BENCH_RATE_LIMIT_POINTS raises the per-member rate limit in memory so that one benchmark client
 * is not throttled (the limiter is still consulted on every request). Announces its URL when listening.
 */
import { loadConfig } from '../config/loader';
import { serveHub } from '../hub/server';
import { announceReady } from './procs';

async function main(): Promise<void> {
  const config = loadConfig();
  const points = Number(process.env.BENCH_RATE_LIMIT_POINTS);
  if (Number.isSafeInteger(points) && points > 0) config.hub.rateLimit.points = points;
  const hub = await serveHub({ config, port: 0, handleSignals: false, nodeId: 'bench-hub' });
  announceReady({ url: hub.url, logLevel: config.hub.logLevel, rateLimit: config.hub.rateLimit }, () =>
    hub.stop(),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
});
