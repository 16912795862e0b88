/**
 * /healthz (the process answers), /readyz (Redis answers; each upstream's breaker), /metrics (Prometheus,
 * with the delivery queues' gauges of queue/metrics.ts).
 */
import type { Request, Response } from 'express';
import { registerQueueMetrics } from '../../queue';
import type { HubDeps } from '../context';
import { breakerValue } from '../observability/metrics';

export function healthz(_req: Request, res: Response): void {
  res.json({ status: 'ok' });
}

export function createReadyz(deps: HubDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    let redis: 'up' | 'down';
    try {
      redis =
        (await Promise.race([
          deps.redis.ping(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000).unref()),
        ])) === 'PONG'
          ? 'up'
          : 'down';
    } catch {
      redis = 'down';
    }
    const upstreams = Object.fromEntries(
      deps.catalog.adapters().map((a) => [a.definition.id, { breaker: a.breakerState() }]),
    );
    const degraded = Object.values(upstreams).some((u) => u.breaker !== 'closed');
    res.status(redis === 'up' ? 200 : 503).json({
      status: redis === 'up' ? (degraded ? 'degraded' : 'ready') : 'not-ready',
      redis,
      upstreams,
    });
  };
}

export function createMetricsRoute(deps: HubDeps) {
  // Queue depth, age of the oldest waiting delivery and dead letters, read from Redis at scrape time.
  if (deps.deliveries) registerQueueMetrics(deps.metrics.registry, deps.deliveries, { clock: deps.clock });
  return async (_req: Request, res: Response): Promise<void> => {
    for (const a of deps.catalog.adapters())
      deps.metrics.breakerState.set({ upstream: a.definition.id }, breakerValue(a.breakerState()));
    res.setHeader('content-type', deps.metrics.registry.contentType);
    res.end(await deps.metrics.registry.metrics());
  };
}
