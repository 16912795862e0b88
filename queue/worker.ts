/**
 * Delivery workers, one BullMQ Worker per destination queue, each with its own rate limit and the
 * destination's circuit breaker: while the breaker is open the queue is paused (rate-limited) instead of
 * burning attempts, so a downed agency is not hammered and its backlog waits. Retryable failures back off
 * exponentially with jitter; a failure that is not retryable fails at once (UnrecoverableError); after the
 * last attempt the delivery goes to the dead-letter queue with every attempt's error — so does one whose
 * runs kept dying with their worker (stalled too often). Ordered deliveries wait their turn (ordering.ts)
 * without spending attempts.
 */
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DeliveryQueues } from './deliveries';
import {
  BACKOFF_TYPE,
  DEFAULT_DELIVERY_POLICY,
  deliveryQueueName,
  jitteredBackoff,
  QUEUE_PREFIX,
  type DeliveryPolicy,
} from './queues';
import type { AttemptError, DeliveryData } from './types';

/** How a failure is classified: the destination's adapter errors carry code and retryable. */
export interface ClassifiedError {
  code: string;
  reason: string;
  retryable: boolean;
}

export interface DeliveryContext {
  attempt: number;
  signal: AbortSignal;
}

export interface DestinationWorkerOptions {
  destination: string;
  /**
   * Delivers one delivery; resolves with the destination's answer as the sender may see it (the hub
   * releases it through its egress first), throws on failure. Kept apart from the job (results.ts).
   */
  deliver(data: DeliveryData, ctx: DeliveryContext): Promise<unknown>;
  classify(err: unknown): ClassifiedError;
  /** The destination's circuit breaker, and how long to pause when it is open. */
  breaker?: { state(): 'closed' | 'open' | 'half-open'; resetMs: number };
  /** Deliveries in flight per worker process. @defaultValue 16 */
  concurrency?: number;
  /** Rate limit of the destination, across every worker process. */
  limiter?: { max: number; durationMs: number };
  /** Called once a delivery succeeded, or was dead-lettered (procedures listen here). */
  onDelivered?(data: DeliveryData, result: unknown): Promise<void>;
  onDead?(data: DeliveryData, errors: AttemptError[]): Promise<void>;
}

export interface WorkerSetOptions {
  connection: Redis;
  queues: DeliveryQueues;
  policy?: DeliveryPolicy;
  destinations: DestinationWorkerOptions[];
  /** Lock on an active job; a worker that dies loses it after this long and the job is taken up again. @defaultValue 30000 */
  lockDurationMs?: number;
  /** How often stalled jobs are looked for. @defaultValue 30000 */
  stalledIntervalMs?: number;
  /** Longest wait of an ordered delivery before it checks its turn again (it is promoted earlier when its turn comes). @defaultValue 2000 */
  orderWaitMs?: number;
}

export interface WorkerSet {
  workers: Worker[];
  /** Finishes active deliveries, then stops. */
  close(): Promise<void>;
}

export function startDeliveryWorkers(opts: WorkerSetOptions): WorkerSet {
  const policy = opts.policy ?? DEFAULT_DELIVERY_POLICY;
  const { queues } = opts;
  const backoff = jitteredBackoff(policy);
  const workers = opts.destinations.map((d) => {
    const queue = queues.queue(d.destination);
    // While the breaker is half-open it lets one trial call through and fails the others at once; this
    // process sends that one trial and pauses the rest, so a rejection never costs a delivery an attempt.
    let trialInFlight = false;

    const finishTurn = async (data: DeliveryData) => {
      if (!data.orderingKey || data.seq === undefined) return;
      const nextId = await queues.ordering.advance(data.destination, data.orderingKey, data.seq);
      if (!nextId) return;
      const next = await queue.getJob(nextId);
      if (next && (await next.isDelayed())) await next.promote().catch(() => undefined);
    };

    const deadLetter = async (data: DeliveryData) => {
      const errors = await queues.attempts.list(data.id);
      await queues.deadLetters.add(data, errors);
      await finishTurn(data);
      await d.onDead?.(data, errors);
    };

    const processor = async (job: Job<DeliveryData>, token?: string): Promise<unknown> => {
      const data = job.data;
      if (data.orderingKey && data.seq !== undefined) {
        const turn = await queues.ordering.check(
          data.destination,
          data.orderingKey,
          data.seq,
          Date.parse(data.acceptedAt),
        );
        if (turn === 'done')
          return { skipped: 'delivered already (an earlier run finished before the worker stopped)' };
        if (turn === 'wait') {
          await job.moveToDelayed(Date.now() + (opts.orderWaitMs ?? 2000), token);
          throw new DelayedError();
        }
      }
      const breaker = d.breaker?.state();
      if (d.breaker && (breaker === 'open' || (breaker === 'half-open' && trialInFlight))) {
        await queue.rateLimit(breaker === 'open' ? d.breaker.resetMs : Math.min(d.breaker.resetMs, 1000));
        throw Worker.RateLimitError();
      }
      const trial = breaker === 'half-open';
      if (trial) trialInFlight = true;
      const controller = new AbortController();
      try {
        const result = await d.deliver(data, { attempt: job.attemptsMade + 1, signal: controller.signal });
        // A dead letter of this delivery can only exist when an earlier run dead-lettered it and then
        // died before failing the job (this run is then a second start of the same attempt), or when it
        // was redriven; only then is there anything to remove.
        if (data.redriven || job.attemptsStarted > job.attemptsMade + 1)
          await queues.deadLetters.remove(data.id);
        // The result lives apart from the job (results.ts); the job keeps only its field names.
        const ref = await queues.results.put(data.id, result);
        await finishTurn(data);
        await d.onDelivered?.(data, result);
        return ref;
      } catch (err) {
        const e = d.classify(err);
        const attempt = job.attemptsMade + 1;
        await queues.attempts.record(data.id, { at: new Date().toISOString(), attempt, ...e });
        const last = !e.retryable || attempt >= (job.opts.attempts ?? policy.attempts);
        if (last) await deadLetter(data);
        if (!e.retryable) throw new UnrecoverableError(`${e.code}: ${e.reason}`);
        throw new Error(`${e.code}: ${e.reason}`, { cause: err });
      } finally {
        if (trial) trialInFlight = false;
      }
    };

    const worker = new Worker<DeliveryData>(deliveryQueueName(d.destination), processor, {
      connection: opts.connection,
      prefix: QUEUE_PREFIX,
      concurrency: d.concurrency ?? 16,
      limiter: d.limiter ? { max: d.limiter.max, duration: d.limiter.durationMs } : undefined,
      lockDuration: opts.lockDurationMs ?? 30_000,
      stalledInterval: opts.stalledIntervalMs ?? 30_000,
      maxStalledCount: 5,
      settings: {
        backoffStrategy: (attemptsMade: number, type?: string) =>
          type === BACKOFF_TYPE ? backoff(attemptsMade) : 1000,
      },
    });
    // Connection errors are retried by ioredis and surface in health checks; they must not crash the process.
    worker.on('error', () => undefined);
    // A delivery whose runs kept dying with their worker (stalled more than maxStalledCount times) is
    // failed by BullMQ without reaching the processor: it goes to the dead-letter queue from here.
    worker.on('failed', (job, err) => {
      if (!job?.deferredFailure) return;
      const data = job.data;
      const error = {
        at: new Date().toISOString(),
        attempt: job.attemptsMade,
        code: 'stalled',
        retryable: false,
      };
      void queues.attempts
        .record(data.id, { ...error, reason: err.message })
        .then(() => deadLetter(data))
        .catch(() => undefined);
    });
    return worker;
  });
  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
