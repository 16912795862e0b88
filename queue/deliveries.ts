/**
 * The sending side of deliveries: accept a delivery into its destination's queue — resolved only once
 * Redis has it (the hub answers 202 after that) — in micro-batches (one addBulk per queue per event-loop
 * turn), with idempotency (the id derives from the sender and its Idempotency-Key: a repeat returns the
 * same delivery and never makes a second job — also when two hub processes take the same key at the same
 * moment: the job is read back, and the request whose job was not kept gets a repeat or a conflict) and
 * ordering numbers; and the status of a delivery.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  createAttemptLog,
  createDeadLetters,
  deadLetterKey,
  discardedKey,
  type AttemptLog,
  type DeadLetters,
} from './dead-letters';
import { deliveryStatus } from './delivery-status';
import { destinationOf } from './ids';
import { createOrdering, type Ordering } from './ordering';
import { markPending } from './pending';
import { createResultStore, type ResultStore } from './results';
import {
  DEFAULT_DELIVERY_POLICY,
  deliveryJobOptions,
  deliveryQueueName,
  JOB_DELIVER,
  QUEUE_PREFIX,
  type DeliveryPolicy,
} from './queues';
import { waitForReplica } from './connection';
import { createRedrive } from './redrive';
import type { Sealer } from './sealing';
import { toStored } from './stored';
import type { DeliveryData, DeliveryStatus } from './types';

export { deliveryId, destinationOf } from './ids';

export type EnqueueResult = { id: string; created: boolean } | { id: string; conflict: true };

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
  /** Removes a dead delivery for good (its job and payload too), noting who and why; false when it is not dead. */
  discard(id: string, by: string, reason: string): Promise<boolean>;
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
  /** Seals what the queues store and opens it. */
  readonly sealer: Sealer;
  readonly policy: DeliveryPolicy;
  /** The Redis connection the queues were made with. */
  readonly redis: Redis;
  /** Results of completed deliveries, sealed and kept apart from their jobs (results.ts). */
  readonly results: ResultStore;
  close(): Promise<void>;
}

/** Options of {@link createDeliveryQueues}. */
export interface DeliveryQueuesOptions {
  /** Seals payloads and results before Redis stores them (queue/sealing.ts). */
  sealer: Sealer;
  /** Attempts, backoff, retention. @defaultValue DEFAULT_DELIVERY_POLICY */
  policy?: DeliveryPolicy;
  /** Destinations whose queues exist from the start (others are made on first use). */
  destinations?: string[];
  /**
   * On a Redis Cluster: how long an accepted batch waits for a replica of the queues' master to have it
   * before it is answered (WAIT). A batch no replica confirmed in time is refused (DELIVERY_NOT_DURABLE,
   * 503; the sender sends it again with the same Idempotency-Key). @defaultValue 2000
   */
  replicaWaitMs?: number;
}

/** A batch of deliveries that no replica confirmed: not answered as accepted. */
export class NotDurableError extends Error {
  constructor(readonly connected: number) {
    super(`none of the ${connected} replicas confirmed the deliveries in time`);
  }
}

export function createDeliveryQueues(redis: Redis, opts: DeliveryQueuesOptions): DeliveryQueues {
  const policy = opts.policy ?? DEFAULT_DELIVERY_POLICY;
  const { sealer } = opts;
  const queues = new Map<string, Queue>();
  const ordering = createOrdering(redis);
  const deadLetters = createDeadLetters(redis, sealer);
  const attempts = createAttemptLog(redis, policy.keepFailedSec + 86_400);
  const results = createResultStore(redis, sealer, policy.keepCompletedSec);
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
      // Which ids exist already (idempotent repeats), with the body digest they were accepted with: a
      // job, or a dead letter whose job has expired, or the note of a discarded one. Each is also marked
      // pending (due from now, or after its delay) — a repeat of a finished one is dropped at the next read.
      const probe = redis.pipeline();
      for (const p of batch) {
        probe.hget(jobKey(p.data.id), 'data').get(deadLetterKey(p.data.id)).get(discardedKey(p.data.id));
        markPending(probe, destination, p.data.id, Date.now() + (p.delayMs ?? 0));
      }
      const replies = ((await probe.exec()) ?? []).map(([, v]) => v);
      const existing = batch.map((_, i): { bodyDigest: string } | undefined => {
        const [job, dead, discarded] = replies.slice(i * 4, i * 4 + 3);
        if (typeof job === 'string') return JSON.parse(job) as { bodyDigest: string };
        if (typeof dead === 'string') return (JSON.parse(dead) as { data: { bodyDigest: string } }).data;
        if (typeof discarded === 'string')
          return (JSON.parse(discarded) as { delivery: { bodyDigest: string } }).delivery;
        return undefined;
      });
      const fresh: Pending[] = [];
      const repeats: [Pending, EnqueueResult][] = [];
      const seen = new Map<string, { bodyDigest: string }>();
      batch.forEach((p, i) => {
        const old = existing[i] ?? seen.get(p.data.id);
        if (old) {
          repeats.push([
            p,
            old.bodyDigest === p.data.bodyDigest
              ? { id: p.data.id, created: false }
              : { id: p.data.id, conflict: true },
          ]);
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
          data: toStored(sealer, p.data),
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
      const outcomes = await Promise.all(
        fresh.map(async (p, i): Promise<EnqueueResult> => {
          // The message id (a UUID) of the request that made the job tells whose it is.
          const raw = stored[i];
          const job = raw ? (JSON.parse(raw) as { messageId: string; bodyDigest: string }) : undefined;
          const kept = job && job.messageId !== p.data.signed.messageId ? job : undefined;
          if (p.data.orderingKey && p.data.seq !== undefined) {
            if (!kept) await ordering.register(destination, p.data.orderingKey, p.data.seq, p.data.id);
            else await ordering.skip(destination, p.data.orderingKey, p.data.seq);
          }
          return !kept
            ? { id: p.data.id, created: true }
            : kept.bodyDigest === p.data.bodyDigest
              ? { id: p.data.id, created: false }
              : { id: p.data.id, conflict: true };
        }),
      );
      // On a cluster, nothing is answered as accepted before a replica has it. Every write of the batch
      // went to the queues' master on this connection, the probe's among them, and a replica that has
      // those has everything the master had before them — a repeat's job written by another process too.
      // A master with no replica at all (its own replica took over, or was lost, and none is attached
      // yet) has nothing to wait for: it is as durable as one server with AOF, and refusing would stop
      // every delivery until an operator attaches one.
      if (redis.isCluster) {
        const r = await waitForReplica(redis, jobKey('any'), opts.replicaWaitMs ?? 2000);
        if (r.replicas < 1 && r.connected > 0) throw new NotDurableError(r.connected);
      }
      for (const [p, r] of repeats) p.resolve(r);
      fresh.forEach((p, i) => p.resolve(outcomes[i]));
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  };

  const operator = createRedrive({ redis, sealer, policy, deadLetters, ordering, queueOf });

  return {
    queue: queueOf,
    queues: () => [...queues.values()],
    deadLetters,
    attempts,
    ordering,
    sealer,
    policy,
    redis,
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
      return q ? deliveryStatus(redis, sealer, q, id) : undefined;
    },
    redrive: operator.redrive,
    redriveAll: operator.redriveAll,
    discard: operator.discard,
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
