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
import { createPendingSweeper } from './pending';
import {
  BACKOFF_TYPE,
  DEFAULT_DELIVERY_POLICY,
  deliveryQueueName,
  jitteredBackoff,
  QUEUE_PREFIX,
  type DeliveryPolicy,
} from './queues';
import { SealError } from './sealing';
import { fromStored, metaOf } from './stored';
import type { AttemptError, DeliveryData, DeliveryMeta, StoredDelivery } from './types';

/** How a failure is classified: the destination's adapter errors carry code and retryable. */
export interface ClassifiedError {
  code: string;
  reason: string;
  retryable: boolean;
  /** The destination's own error code, when it sent one. */
  upstreamCode?: string;
  /** The start of the destination's answer, personal data redacted. */
  excerpt?: string;
}

/** What the workers report as it happens (the hub logs it and counts it); nothing personal is passed. */
export interface DeliveryObserver {
  delivered?(e: { destination: string; id: string; attempt: number; durationMs: number }): void;
  /** A failed attempt that will be retried after `nextDelayMs`. */
  retrying?(e: {
    delivery: DeliveryMeta;
    attempt: number;
    error: ClassifiedError;
    nextDelayMs: number;
  }): void;
  dead?(e: { delivery: DeliveryMeta; errors: AttemptError[] }): void;
  /** A delivery whose worker stopped mid-run (its lock expired) was put back in its queue. */
  recovered?(e: { destination: string; id: string }): void;
  /** A run whose turn had passed without it being delivered took a new place at the end of its order. */
  renumbered?(e: { destination: string; id: string; from: number; to: number }): void;
  /** Something went wrong outside a delivery's own attempt (e.g. a Redis error while dead-lettering). */
  problem?(e: { destination: string; id?: string; what: string; err: string }): void;
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

/** The error the processor throws for a retry: it carries the delay it chose, so the log line and BullMQ agree. */
class RetryError extends Error {
  constructor(
    message: string,
    readonly nextDelayMs: number,
    cause: unknown,
  ) {
    super(message, { cause });
  }
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
  /** Told of retries, dead letters, recoveries. */
  observer?: DeliveryObserver;
}

export interface WorkerSet {
  workers: Worker[];
  /** Finishes active deliveries, then stops. */
  close(): Promise<void>;
}

export function startDeliveryWorkers(opts: WorkerSetOptions): WorkerSet {
  const policy = opts.policy ?? DEFAULT_DELIVERY_POLICY;
  const { queues } = opts;
  const { sealer } = queues;
  const observer = opts.observer ?? {};
  const backoff = jitteredBackoff(policy);
  const sweeper = createPendingSweeper(opts.connection);
  const workers = opts.destinations.map((d) => {
    const queue = queues.queue(d.destination);
    // While the breaker is half-open it lets one trial call through and fails the others at once; this
    // process sends that one trial and pauses the rest, so a rejection never costs a delivery an attempt.
    let trialInFlight = false;

    const finishTurn = async (meta: DeliveryMeta, outcome: { delivered: string } | 'dead') => {
      if (!meta.orderingKey || meta.seq === undefined) return;
      const nextId = await queues.ordering.advance(meta.destination, meta.orderingKey, meta.seq, outcome);
      if (!nextId) return;
      const next = await queue.getJob(nextId);
      if (next && (await next.isDelayed())) await next.promote().catch(() => undefined);
    };

    /** Dead-letters a delivery: `stored` as its job keeps it, `data` opened when it could be. */
    const deadLetter = async (stored: StoredDelivery, data: DeliveryData | undefined) => {
      const errors = await queues.attempts.list(stored.id);
      await queues.deadLetters.add(stored, errors);
      await finishTurn(metaOf(stored), 'dead');
      observer.dead?.({ delivery: metaOf(stored), errors });
      if (data) await d.onDead?.(data, errors);
    };

    /** Waits for the delivery's turn; 'done' when it was delivered in it already. */
    const awaitTurn = async (job: Job<StoredDelivery>, token: string | undefined): Promise<'go' | 'done'> => {
      const meta = job.data;
      if (!meta.orderingKey || meta.seq === undefined) return 'go';
      for (;;) {
        const seq = job.data.seq!;
        const turn = await queues.ordering.check(
          meta.destination,
          meta.orderingKey,
          seq,
          Date.parse(meta.acceptedAt),
          job.id!,
        );
        if (turn === 'go' || turn === 'done') return turn;
        if (turn === 'wait') {
          await job.moveToDelayed(Date.now() + (opts.orderWaitMs ?? 2000), token);
          throw new DelayedError();
        }
        // Late: its turn passed and it was not delivered in it (dead-lettered and run again by a BullMQ
        // retry, or skipped as a gap). It takes a new place at the end of its key's order, as a redrive does.
        const to = await queues.ordering.assign(meta.destination, meta.orderingKey);
        await queues.ordering.register(meta.destination, meta.orderingKey, to, job.id!);
        await job.updateData({ ...job.data, seq: to });
        observer.renumbered?.({ destination: meta.destination, id: meta.id, from: seq, to });
      }
    };

    const processor = async (job: Job<StoredDelivery>, token?: string): Promise<unknown> => {
      if ((await awaitTurn(job, token)) === 'done')
        return { skipped: 'delivered already (an earlier run finished before the worker stopped)' };
      const breaker = d.breaker?.state();
      if (d.breaker && (breaker === 'open' || (breaker === 'half-open' && trialInFlight))) {
        await queue.rateLimit(breaker === 'open' ? d.breaker.resetMs : Math.min(d.breaker.resetMs, 1000));
        throw Worker.RateLimitError();
      }
      const trial = breaker === 'half-open';
      if (trial) trialInFlight = true;
      const controller = new AbortController();
      const attempt = job.attemptsMade + 1;
      const started = Date.now();
      let data: DeliveryData | undefined;
      try {
        data = fromStored(sealer, job.data);
        const result = await d.deliver(data, { attempt, signal: controller.signal });
        // A dead letter of this delivery can only exist when an earlier run of it dead-lettered it: a
        // redrive, a BullMQ retry of its failed job, or a second start of the attempt that dead-lettered
        // it and then died before failing the job. A first run has nothing to remove.
        if (data.redriven || job.attemptsMade > 0 || job.attemptsStarted > 1)
          await queues.deadLetters.remove(data.id);
        // The result lives apart from the job, sealed (results.ts); the job keeps only its field names.
        const ref = await queues.results.put(data.id, result);
        await finishTurn(job.data, { delivered: job.id! });
        await d.onDelivered?.(data, result);
        observer.delivered?.({
          destination: d.destination,
          id: job.id!,
          attempt,
          durationMs: Date.now() - started,
        });
        return ref;
      } catch (err) {
        const e: ClassifiedError =
          err instanceof SealError
            ? { code: 'sealed', reason: err.message, retryable: err.code === 'KEY_UNKNOWN' }
            : d.classify(err);
        const at = new Date().toISOString();
        await queues.attempts.record(job.data.id, {
          at,
          attempt,
          code: e.code,
          reason: e.reason,
          retryable: e.retryable,
          ...(e.upstreamCode ? { upstreamCode: e.upstreamCode } : {}),
          ...(e.excerpt ? { excerpt: e.excerpt.slice(0, 300) } : {}),
        });
        const last = !e.retryable || attempt >= (job.opts.attempts ?? policy.attempts);
        if (last) await deadLetter(job.data, data);
        if (!e.retryable) throw new UnrecoverableError(`${e.code}: ${e.reason}`);
        const nextDelayMs = backoff(attempt);
        if (!last) observer.retrying?.({ delivery: metaOf(job.data), attempt, error: e, nextDelayMs });
        throw new RetryError(`${e.code}: ${e.reason}`, nextDelayMs, err);
      } finally {
        if (trial) trialInFlight = false;
      }
    };

    const worker = new Worker<StoredDelivery>(deliveryQueueName(d.destination), processor, {
      connection: opts.connection,
      prefix: QUEUE_PREFIX,
      concurrency: d.concurrency ?? 16,
      limiter: d.limiter ? { max: d.limiter.max, duration: d.limiter.durationMs } : undefined,
      lockDuration: opts.lockDurationMs ?? 30_000,
      stalledInterval: opts.stalledIntervalMs ?? 30_000,
      maxStalledCount: 5,
      settings: {
        backoffStrategy: (attemptsMade: number, type?: string, err?: Error) =>
          err instanceof RetryError ? err.nextDelayMs : type === BACKOFF_TYPE ? backoff(attemptsMade) : 1000,
      },
    });
    // Connection errors are retried by ioredis and surface in health checks; they must not crash the process.
    worker.on('error', () => undefined);
    worker.on('completed', (job) => sweeper.finished(d.destination, job.id!));
    worker.on('stalled', (id) => observer.recovered?.({ destination: d.destination, id }));
    // A delivery whose runs kept dying with their worker (stalled more than maxStalledCount times) is
    // failed by BullMQ without reaching the processor: it goes to the dead-letter queue from here.
    worker.on('failed', (job, err) => {
      if (!job?.deferredFailure) return;
      const stored = job.data;
      const error = {
        at: new Date().toISOString(),
        attempt: job.attemptsMade,
        code: 'stalled',
        retryable: false,
      };
      let data: DeliveryData | undefined;
      try {
        data = fromStored(sealer, stored);
      } catch {
        data = undefined;
      }
      void queues.attempts
        .record(stored.id, { ...error, reason: err.message })
        .then(() => deadLetter(stored, data))
        .catch((e: unknown) =>
          observer.problem?.({
            destination: d.destination,
            id: stored.id,
            what: 'dead-lettering a stalled delivery',
            err: e instanceof Error ? e.message : String(e),
          }),
        );
    });
    return worker;
  });
  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await sweeper.close();
    },
  };
}
