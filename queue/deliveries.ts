/**
 * The sending side of deliveries: accept a delivery into its destination's queue — resolved only once
 * Redis has it (the hub answers 202 after that) — in micro-batches (one addBulk per queue per event-loop
 * turn), with idempotency (the id derives from the sender and its Idempotency-Key: a repeat returns the
 * same delivery and never makes a second job — also when two hub processes take the same key at the same
 * moment: the job is read back, and the request whose job was not kept gets a repeat or a conflict) and
 * ordering numbers; and the status of a delivery.
 */
import { createHash } from 'node:crypto';
import { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  attemptsKey,
  createAttemptLog,
  createDeadLetters,
  deadLetterKey,
  type AttemptLog,
  type DeadLetter,
  type DeadLetters,
} from './dead-letters';
import { createOrdering, type Ordering } from './ordering';
import { createResultStore, resultKey, type ResultStore } from './results';
import {
  DEFAULT_DELIVERY_POLICY,
  deliveryJobOptions,
  deliveryQueueName,
  JOB_DELIVER,
  QUEUE_PREFIX,
  type DeliveryPolicy,
} from './queues';
import type { AttemptError, DeliveryData, DeliveryState, DeliveryStatus } from './types';

export type EnqueueResult = { id: string; created: boolean } | { id: string; conflict: true };

/** A delivery id: the destination (to find its queue) and a hash of the sender and its idempotency key. */
export function deliveryId(destination: string, client: string, idempotencyKey: string): string {
  const h = createHash('sha256').update(`${client}\n${idempotencyKey}`).digest('base64url').slice(0, 32);
  return `d.${destination}.${h}`;
}

export const destinationOf = (id: string): string | undefined =>
  /^d\.([a-z][a-z0-9-]*)\.[A-Za-z0-9_-]{32}$/.exec(id)?.[1];

interface Pending {
  data: DeliveryData;
  delayMs?: number;
  resolve(r: EnqueueResult): void;
  reject(e: unknown): void;
}

export interface DeliveryQueues {
  /** Accepts a delivery; `delayMs` holds it back that long (a repeated read, e.g. waiting for a payment). */
  enqueue(data: DeliveryData, opts?: { delayMs?: number }): Promise<EnqueueResult>;
  status(id: string): Promise<DeliveryStatus | undefined>;
  /** Moves a dead delivery back to its queue with a fresh attempt budget. */
  redrive(id: string): Promise<boolean>;
  /**
   * Redrives every delivery dead at the time of the call (of one destination, if given), each once: one
   * that dies again meanwhile waits for the next call rather than going round again.
   */
  redriveAll(opts?: { destination?: string }): Promise<string[]>;
  queue(destination: string): Queue;
  queues(): Queue[];
  readonly deadLetters: DeadLetters;
  readonly attempts: AttemptLog;
  readonly ordering: Ordering;
  /** Results of completed deliveries, kept apart from their jobs (results.ts). */
  readonly results: ResultStore;
  close(): Promise<void>;
}

export function createDeliveryQueues(
  redis: Redis,
  opts: { policy?: DeliveryPolicy; destinations?: string[] } = {},
): DeliveryQueues {
  const policy = opts.policy ?? DEFAULT_DELIVERY_POLICY;
  const queues = new Map<string, Queue>();
  const ordering = createOrdering(redis);
  const deadLetters = createDeadLetters(redis);
  const attempts = createAttemptLog(redis);
  const results = createResultStore(redis, policy.keepCompletedSec);
  const pending = new Map<string, Pending[]>();

  const queueOf = (destination: string): Queue => {
    let q = queues.get(destination);
    if (!q) {
      q = new Queue(deliveryQueueName(destination), { connection: redis, prefix: QUEUE_PREFIX });
      queues.set(destination, q);
    }
    return q;
  };
  for (const d of opts.destinations ?? []) queueOf(d);

  const flush = async (destination: string) => {
    const batch = pending.get(destination) ?? [];
    pending.delete(destination);
    if (!batch.length) return;
    const q = queueOf(destination);
    const jobKey = (id: string) => `${QUEUE_PREFIX}:${q.name}:${id}`;
    try {
      // Which ids exist already (idempotent repeats), with the body digest they were accepted with.
      const probe = redis.pipeline();
      for (const p of batch) probe.hget(jobKey(p.data.id), 'data');
      const existing = ((await probe.exec()) ?? []).map(([, v]) =>
        typeof v === 'string' ? (JSON.parse(v) as DeliveryData) : undefined,
      );
      const fresh: Pending[] = [];
      const seen = new Map<string, DeliveryData>();
      batch.forEach((p, i) => {
        const old = existing[i] ?? seen.get(p.data.id);
        if (old) {
          p.resolve(
            old.bodyDigest === p.data.bodyDigest
              ? { id: p.data.id, created: false }
              : { id: p.data.id, conflict: true },
          );
        } else {
          seen.set(p.data.id, p.data);
          fresh.push(p);
        }
      });
      for (const p of fresh)
        if (p.data.orderingKey) p.data.seq = await ordering.assign(destination, p.data.orderingKey);
      await q.addBulk(
        fresh.map((p) => ({
          name: JOB_DELIVER,
          data: p.data,
          opts: p.delayMs
            ? { ...deliveryJobOptions(policy, p.data.id), delay: p.delayMs }
            : deliveryJobOptions(policy, p.data.id),
        })),
      );
      // Another hub process (or an earlier flush of this one) may have added the same id in between:
      // BullMQ then keeps the first job and drops ours. Read back whose job it is.
      const check = redis.pipeline();
      for (const p of fresh) check.hget(jobKey(p.data.id), 'data');
      const stored = ((await check.exec()) ?? []).map(([, v]) => (typeof v === 'string' ? v : undefined));
      await Promise.all(
        fresh.map(async (p, i) => {
          // The message id (a UUID) of the request that made the job tells whose it is.
          const raw = stored[i];
          const kept =
            raw && !raw.includes(p.data.signed.messageId) ? (JSON.parse(raw) as DeliveryData) : undefined;
          if (p.data.orderingKey && p.data.seq !== undefined) {
            if (!kept) await ordering.register(destination, p.data.orderingKey, p.data.seq, p.data.id);
            else await ordering.skip(destination, p.data.orderingKey, p.data.seq);
          }
          p.resolve(
            !kept
              ? { id: p.data.id, created: true }
              : kept.bodyDigest === p.data.bodyDigest
                ? { id: p.data.id, created: false }
                : { id: p.data.id, conflict: true },
          );
        }),
      );
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  };

  const redrive = async (id: string): Promise<boolean> => {
    const dead = await deadLetters.get(id);
    if (!dead) return false;
    const q = queueOf(dead.data.destination);
    const job = await q.getJob(id);
    // A redriven ordered delivery takes a new place at the end of its key's order.
    const data: DeliveryData = { ...dead.data, redriven: true };
    if (data.orderingKey) {
      data.seq = await ordering.assign(data.destination, data.orderingKey);
      await ordering.register(data.destination, data.orderingKey, data.seq, id);
    }
    if (job && (await job.getState()) === 'failed') {
      await job.updateData(data);
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    } else {
      if (job) await job.remove();
      await q.add(JOB_DELIVER, data, deliveryJobOptions(policy, id));
    }
    await deadLetters.remove(id);
    return true;
  };

  /**
   * A delivery's job, its state, its dead letter and its failed attempts read in one MULTI, so all come
   * from the same moment. Read one after the other, a job that finished in between showed its state from
   * before and its attempt count from after: a refused step, attempted once, was reported as attempted
   * twice (state "active" + attemptsMade 1) to a timeline read while the worker was dead-lettering it.
   * The states are tested in the order of BullMQ's own getState script.
   */
  const snapshot = async (
    q: Queue,
    id: string,
  ): Promise<{
    state: string;
    job?: Job<DeliveryData>;
    dead?: DeadLetter;
    errors: AttemptError[];
    result?: unknown;
  }> => {
    const r = ((await redis
      .multi()
      .zscore(q.toKey('completed'), id)
      .zscore(q.toKey('failed'), id)
      .zscore(q.toKey('delayed'), id)
      .zscore(q.toKey('prioritized'), id)
      .lpos(q.toKey('active'), id)
      .lpos(q.toKey('wait'), id)
      .lpos(q.toKey('paused'), id)
      .zscore(q.toKey('waiting-children'), id)
      .hgetall(q.toKey(id))
      .get(deadLetterKey(id))
      .lrange(attemptsKey(id), 0, -1)
      .get(resultKey(id))
      .exec()) ?? []) as [Error | null, unknown][];
    const failedCmd = r.find(([err]) => err);
    if (failedCmd) throw failedCmd[0];
    const [completed, failed, delayed, prioritized, active, wait, paused, children, raw, dlq, tried, result] =
      r.map(([, v]) => v);
    const state =
      completed !== null
        ? 'completed'
        : failed !== null
          ? 'failed'
          : delayed !== null
            ? 'delayed'
            : prioritized !== null
              ? 'prioritized'
              : active !== null
                ? 'active'
                : wait !== null || paused !== null
                  ? 'waiting'
                  : children !== null
                    ? 'waiting-children'
                    : 'unknown';
    const hash = raw as Record<string, string>;
    const job =
      hash && Object.keys(hash).length ? Job.fromJSON<DeliveryData>(q, hash as never, id) : undefined;
    return {
      state,
      job,
      dead: typeof dlq === 'string' ? (JSON.parse(dlq) as DeadLetter) : undefined,
      errors: ((tried as string[] | null) ?? []).map((e) => JSON.parse(e) as AttemptError),
      result: typeof result === 'string' ? (JSON.parse(result) as unknown) : undefined,
    };
  };

  const normaliseState = (s: string): DeliveryState =>
    s === 'waiting' || s === 'prioritized' || s === 'waiting-children'
      ? 'waiting'
      : ((['active', 'delayed', 'completed', 'failed'] as const).find((x) => x === s) ?? 'unknown');

  return {
    queue: queueOf,
    queues: () => [...queues.values()],
    deadLetters,
    attempts,
    ordering,
    results,
    enqueue(data, opts) {
      return new Promise((resolve, reject) => {
        const item = { data, delayMs: opts?.delayMs, resolve, reject };
        const list = pending.get(data.destination);
        if (list) list.push(item);
        else {
          pending.set(data.destination, [item]);
          setImmediate(() => void flush(data.destination));
        }
      });
    },
    async status(id) {
      const destination = destinationOf(id);
      if (!destination) return undefined;
      // Only the queues of configured destinations: an id naming another (`d.constructor.…`) is unknown,
      // and never makes a queue object of its own.
      const q = queues.get(destination);
      if (!q) return undefined;
      const { state, job, dead, errors, result } = await snapshot(q, id);
      const data = job?.data ?? dead?.data;
      if (!data) return undefined;
      return {
        id,
        service: data.service,
        state: dead ? 'dead' : job ? normaliseState(state) : 'unknown',
        // Attempts that reached an end (a breaker pause or an ordering wait starts a job without one),
        // and the one in flight.
        attempts: job ? job.attemptsMade + (state === 'active' ? 1 : 0) : errors.length,
        acceptedAt: data.acceptedAt,
        finishedAt: job?.finishedOn ? new Date(job.finishedOn).toISOString() : undefined,
        lastError: errors[errors.length - 1],
        errors,
        result: job && state === 'completed' ? (result ?? undefined) : undefined,
        client: data.client,
        purpose: data.purpose,
        orderingKey: data.orderingKey,
        seq: data.seq,
      };
    },
    redrive,
    async redriveAll(opts = {}) {
      const ids: string[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = await deadLetters.list({ limit: 500, offset, destination: opts.destination });
        ids.push(...page.items.map((d) => d.id));
        if (page.items.length < 500) break;
      }
      const done: string[] = [];
      for (const id of ids) if (await redrive(id)) done.push(id);
      return done;
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
