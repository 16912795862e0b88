/**
 * The status of a delivery: its job, its state, its dead letter (or the note it left when discarded)
 * and its failed attempts, read in one MULTI so all come from the same moment. Read one after the
 * other, a job that finished in between showed its state from before and its attempt count from after:
 * a refused step, attempted once, was reported as attempted twice (state "active" + attemptsMade 1) to a
 * timeline read while the worker was dead-lettering it. The states are tested in the order of BullMQ's
 * own getState script. The result (kept apart from the job, results.ts) is read in the same MULTI and
 * opened here, for the hub's readers, who release it through the egress; nothing else opens it.
 */
import { Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { attemptsKey, deadLetterKey, discardedKey, type Discarded } from './dead-letters';
import type { Sealer } from './sealing';
import { openStoredResult, resultKey } from './results';
import { metaOf } from './stored';
import type { AttemptError, DeliveryMeta, DeliveryState, DeliveryStatus, StoredDelivery } from './types';

interface Snapshot {
  state: string;
  job?: Job<StoredDelivery>;
  dead?: { data: StoredDelivery };
  discarded?: Discarded;
  errors: AttemptError[];
  /** The stored result, still sealed. */
  result: string | null;
}

async function snapshot(redis: Redis, q: Queue, id: string): Promise<Snapshot> {
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
    .get(discardedKey(id))
    .get(resultKey(id))
    .exec()) ?? []) as [Error | null, unknown][];
  const failedCmd = r.find(([err]) => err);
  if (failedCmd) throw failedCmd[0];
  const [
    completed,
    failed,
    delayed,
    prioritized,
    active,
    wait,
    paused,
    children,
    raw,
    dlq,
    tried,
    note,
    result,
  ] = r.map(([, v]) => v);
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
    hash && Object.keys(hash).length ? Job.fromJSON<StoredDelivery>(q, hash as never, id) : undefined;
  return {
    state,
    job,
    dead: typeof dlq === 'string' ? (JSON.parse(dlq) as { data: StoredDelivery }) : undefined,
    discarded: typeof note === 'string' ? (JSON.parse(note) as Discarded) : undefined,
    errors: ((tried as string[] | null) ?? []).map((e) => JSON.parse(e) as AttemptError),
    result: typeof result === 'string' ? result : null,
  };
}

const normaliseState = (s: string): DeliveryState =>
  s === 'waiting' || s === 'prioritized' || s === 'waiting-children'
    ? 'waiting'
    : ((['active', 'delayed', 'completed', 'failed'] as const).find((x) => x === s) ?? 'unknown');

/** The status of delivery `id` in queue `q`, or undefined when nothing is known of it. */
export async function deliveryStatus(
  redis: Redis,
  sealer: Sealer,
  q: Queue,
  id: string,
): Promise<DeliveryStatus | undefined> {
  const { state, job, dead, discarded, errors, result } = await snapshot(redis, q, id);
  const meta: DeliveryMeta | undefined = job?.data
    ? metaOf(job.data)
    : dead
      ? metaOf(dead.data)
      : discarded?.delivery;
  if (!meta) return undefined;
  return {
    id,
    service: meta.service,
    state: dead ? 'dead' : job ? normaliseState(state) : discarded ? 'discarded' : 'unknown',
    // Attempts that reached an end (a breaker pause or an ordering wait starts a job without one),
    // and the one in flight.
    attempts: job ? job.attemptsMade + (state === 'active' ? 1 : 0) : errors.length,
    acceptedAt: meta.acceptedAt,
    finishedAt: job?.finishedOn ? new Date(job.finishedOn).toISOString() : discarded?.at,
    lastError: errors[errors.length - 1],
    errors,
    // Only a completed job's: a result left from an earlier run of a redriven delivery is not its answer.
    result: job && state === 'completed' ? openStoredResult(sealer, id, result) : undefined,
    client: meta.client,
    purpose: meta.purpose,
    orderingKey: meta.orderingKey,
    seq: meta.seq,
    discarded: discarded ? { at: discarded.at, by: discarded.by, reason: discarded.reason } : undefined,
  };
}
