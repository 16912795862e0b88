/**
 * Queue names, job names, attempts, backoff and retention in one place (CONVENTIONS §7).
 *
 * One BullMQ queue per destination (`deliveries.<adapter id>`), so a downed agency fills its own backlog
 * and has its own worker rate limit and circuit breaker; all keys share one hash tag so the queues also
 * run on Redis Cluster.
 */
import type { JobsOptions } from 'bullmq';

/** Key prefix of every queue: a hash tag keeps a queue's keys in one Cluster slot. */
export const QUEUE_PREFIX = '{lienthong}';

export const JOB_DELIVER = 'deliver';

export const deliveryQueueName = (destination: string): string => `deliveries.${destination}`;

/** Options of the delivery queues. */
export interface DeliveryPolicy {
  /** Attempts before a delivery goes to the dead-letter queue. @defaultValue 8 */
  attempts: number;
  /** First retry delay. @defaultValue 1000 */
  backoffBaseMs: number;
  /** Longest retry delay. @defaultValue 60000 */
  backoffCapMs: number;
  /** Completed jobs kept (for status queries), by age. @defaultValue 86400 */
  keepCompletedSec: number;
  /** Failed jobs kept, by age (dead letters are kept separately until redriven or discarded). @defaultValue 604800 */
  keepFailedSec: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  attempts: 8,
  backoffBaseMs: 1000,
  backoffCapMs: 60_000,
  keepCompletedSec: 86_400,
  keepFailedSec: 604_800,
};

export const BACKOFF_TYPE = 'jittered-exponential';

export function deliveryJobOptions(policy: DeliveryPolicy, jobId: string): JobsOptions {
  return {
    jobId,
    attempts: policy.attempts,
    backoff: { type: BACKOFF_TYPE },
    removeOnComplete: { age: policy.keepCompletedSec },
    removeOnFail: { age: policy.keepFailedSec },
  };
}

/**
 * Exponential backoff with full jitter, capped: attempt n waits a random time in
 * [d/2, d] with d = min(cap, base·2^(n−1)). Jitter keeps retries of many deliveries from arriving together.
 */
export function jitteredBackoff(
  policy: Pick<DeliveryPolicy, 'backoffBaseMs' | 'backoffCapMs'>,
  random = Math.random,
) {
  return (attemptsMade: number): number => {
    const d = Math.min(policy.backoffCapMs, policy.backoffBaseMs * 2 ** Math.max(0, attemptsMade - 1));
    return Math.round(d / 2 + random() * (d / 2));
  };
}
