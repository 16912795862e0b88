/** Prometheus metrics of the hub (prom-client), on a registry of its own per app. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface HubMetrics {
  registry: Registry;
  requests: Counter<'route' | 'status' | 'code'>;
  duration: Histogram<'route'>;
  upstreamErrors: Counter<'upstream' | 'code'>;
  upstreamDuration: Histogram<'upstream' | 'service'>;
  breakerState: Gauge<'upstream'>;
  refusalsBeforeAuth: Counter<'code'>;
}

const BREAKER_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): HubMetrics {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'lienthong_' });
  return {
    registry,
    requests: new Counter({
      name: 'lienthong_requests_total',
      help: 'Requests answered, by route, HTTP status and outcome code',
      labelNames: ['route', 'status', 'code'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'lienthong_request_duration_seconds',
      help: 'Time to answer a request, by route',
      labelNames: ['route'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [registry],
    }),
    upstreamErrors: new Counter({
      name: 'lienthong_upstream_errors_total',
      help: 'Upstream failures, by upstream and UpstreamError code',
      labelNames: ['upstream', 'code'],
      registers: [registry],
    }),
    upstreamDuration: new Histogram({
      name: 'lienthong_upstream_duration_seconds',
      help: 'Time an adapter call took, by upstream and service',
      labelNames: ['upstream', 'service'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [registry],
    }),
    breakerState: new Gauge({
      name: 'lienthong_breaker_state',
      help: 'Circuit breaker per upstream: 0 closed, 1 half-open, 2 open',
      labelNames: ['upstream'],
      registers: [registry],
    }),
    refusalsBeforeAuth: new Counter({
      name: 'lienthong_refusals_before_auth_total',
      help: 'Requests refused before their sender was authenticated (including HTTP parser refusals), by problem code; RATE_LIMITED once a source is over its budget',
      labelNames: ['code'],
      registers: [registry],
    }),
  };
}

export const breakerValue = (state: keyof typeof BREAKER_VALUE): number => BREAKER_VALUE[state];
