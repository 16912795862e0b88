/**
 * What the delivery worker says and counts: a log line for each retry (destination, attempt, code, next
 * delay), each dead letter (sender, destination, service, reason with the upstream's code and a redacted
 * excerpt), each delivery taken up again after its worker stopped, each circuit-breaker change; and
 * Prometheus counters of delivered, failed and dead-lettered deliveries per destination. Lines name the
 * delivery id and message id, never the input: personal data stays sealed.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { BreakerState } from '../../adapters/sdk/breaker';
import type { DeliveryObserver } from '../../queue';
import type { Logger } from '../observability/logger';
import { breakerValue } from '../observability/metrics';

export const DELIVERED = 'lienthong_deliveries_delivered_total';
export const FAILED_ATTEMPTS = 'lienthong_delivery_attempts_failed_total';
export const DEAD_LETTERED = 'lienthong_deliveries_dead_lettered_total';
export const RECOVERED = 'lienthong_deliveries_recovered_total';
export const DELIVERY_DURATION = 'lienthong_delivery_duration_seconds';
export const WORKER_BREAKER = 'lienthong_worker_breaker_state';

export interface WorkerObserver extends DeliveryObserver {
  breakerChanged(destination: string, state: BreakerState): void;
}

export function createWorkerObserver(logger: Logger, registry: Registry): WorkerObserver {
  const delivered = new Counter({
    name: DELIVERED,
    help: 'Deliveries delivered, per destination',
    labelNames: ['destination'],
    registers: [registry],
  });
  const failed = new Counter({
    name: FAILED_ATTEMPTS,
    help: 'Failed delivery attempts, per destination and error code (retried or not)',
    labelNames: ['destination', 'code'],
    registers: [registry],
  });
  const dead = new Counter({
    name: DEAD_LETTERED,
    help: 'Deliveries put in the dead-letter queue, per destination',
    labelNames: ['destination'],
    registers: [registry],
  });
  const recovered = new Counter({
    name: RECOVERED,
    help: 'Deliveries taken up again after their worker stopped mid-run (stalled), per destination',
    labelNames: ['destination'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: DELIVERY_DURATION,
    help: 'Time of a successful delivery attempt, per destination',
    labelNames: ['destination'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const breaker = new Gauge({
    name: WORKER_BREAKER,
    help: 'Circuit breaker of each destination in this worker: 0 closed, 1 half-open, 2 open',
    labelNames: ['destination'],
    registers: [registry],
  });
  // The children of one destination, made once: a labelled inc() or observe() hashes its labels each time.
  const perDestination = new Map<
    string,
    { delivered: ReturnType<typeof delivered.labels>; duration: ReturnType<typeof duration.labels> }
  >();
  const of = (destination: string) => {
    let c = perDestination.get(destination);
    if (!c) {
      c = { delivered: delivered.labels({ destination }), duration: duration.labels({ destination }) };
      perDestination.set(destination, c);
    }
    return c;
  };
  return {
    delivered(e) {
      const c = of(e.destination);
      c.delivered.inc();
      c.duration.observe(e.durationMs / 1000);
    },
    retrying(e) {
      failed.inc({ destination: e.delivery.destination, code: e.error.code });
      logger.warn(
        {
          deliveryId: e.delivery.id,
          messageId: e.delivery.messageId,
          destination: e.delivery.destination,
          service: e.delivery.service,
          attempt: e.attempt,
          code: e.error.code,
          upstreamCode: e.error.upstreamCode,
          reason: e.error.reason,
          nextDelayMs: e.nextDelayMs,
        },
        `delivery attempt ${e.attempt} to ${e.delivery.destination} failed (${e.error.code}); retry in ${e.nextDelayMs} ms`,
      );
    },
    dead(e) {
      const last = e.errors[e.errors.length - 1];
      if (last) failed.inc({ destination: e.delivery.destination, code: last.code });
      dead.inc({ destination: e.delivery.destination });
      logger.error(
        {
          deliveryId: e.delivery.id,
          messageId: e.delivery.messageId,
          sender: e.delivery.client,
          destination: e.delivery.destination,
          service: e.delivery.service,
          dossierCode: e.delivery.dossierCode,
          attempts: e.errors.length,
          code: last?.code,
          upstreamCode: last?.upstreamCode,
          reason: last?.reason,
          excerpt: last?.excerpt,
        },
        `delivery dead-lettered: ${e.delivery.client} → ${e.delivery.destination} (${e.delivery.service}) after ${e.errors.length} attempt(s): ${last ? `${last.code}${last.upstreamCode ? ` ${last.upstreamCode}` : ''}: ${last.reason}` : 'no error recorded'}`,
      );
    },
    recovered(e) {
      recovered.inc({ destination: e.destination });
      logger.warn(
        { deliveryId: e.id, destination: e.destination },
        'delivery taken up again: its worker stopped before finishing it (lock expired)',
      );
    },
    renumbered(e) {
      logger.warn(
        { deliveryId: e.id, destination: e.destination, from: e.from, to: e.to },
        'delivery run after its turn had passed without it being delivered: it goes to the end of its order',
      );
    },
    problem(e) {
      logger.error({ deliveryId: e.id, destination: e.destination, err: e.err }, `worker: ${e.what} failed`);
    },
    breakerChanged(destination, state) {
      breaker.set({ destination }, breakerValue(state));
      const log = state === 'closed' ? logger.info.bind(logger) : logger.warn.bind(logger);
      log({ destination, breaker: state }, `circuit breaker of ${destination} is ${state}`);
    },
  };
}
