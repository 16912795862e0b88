/**
 * The dead-letter queue: BullMQ has none (failed jobs just stay in the failed set), so this one keeps,
 * per delivery that exhausted its attempts or was refused for good, the signed payload (sealed, as the
 * job kept it) and every attempt's error, until an operator redrives or discards it. A discarded one
 * leaves a note (when, who, why) for its status, kept as long as failed jobs are.
 */
import type { Redis } from 'ioredis';
import { destinationOf } from './ids';
import { QUEUE_PREFIX } from './queues';
import type { Sealer } from './sealing';
import { fromStored } from './stored';
import type { AttemptError, DeliveryData, DeliveryMeta, StoredDelivery } from './types';

/** A dead letter as stored: the delivery as its job kept it (content sealed). */
interface StoredDeadLetter {
  id: string;
  deadAt: string;
  data: StoredDelivery;
  errors: AttemptError[];
}

/** A dead letter with its content opened. */
export interface DeadLetter {
  id: string;
  deadAt: string;
  data: DeliveryData;
  errors: AttemptError[];
}

/** A dead letter as lists show it: metadata only. */
export interface DeadLetterSummary {
  id: string;
  deadAt: string;
  data: DeliveryMeta;
  errors: AttemptError[];
}

/** Why a dead letter was discarded, and what it was (its metadata: its status stays answerable). */
export interface Discarded {
  at: string;
  /** The operator who discarded it. */
  by: string;
  reason: string;
  delivery: DeliveryMeta;
}

const INDEX = `${QUEUE_PREFIX}:dlq`;
/** Where a delivery's dead letter is kept (a JSON DeadLetter). */
export const deadLetterKey = (id: string) => `${QUEUE_PREFIX}:dlq:${id}`;
/** Where a delivery's failed attempts are listed (JSON AttemptError each). */
export const attemptsKey = (id: string) => `${QUEUE_PREFIX}:attempts:${id}`;
const entryKey = deadLetterKey;
/** The dead letters of one destination (a sorted set like the index). */
const destinationIndex = (id: string) => `${INDEX}:by:${destinationOf(id) ?? 'unknown'}`;
/** The note a discarded dead letter leaves. */
export const discardedKey = (id: string) => `${QUEUE_PREFIX}:discarded:${id}`;

export interface AttemptLog {
  record(id: string, error: AttemptError): Promise<void>;
  list(id: string): Promise<AttemptError[]>;
}

export function createAttemptLog(redis: Redis, ttlSec = 8 * 86_400): AttemptLog {
  return {
    async record(id, error) {
      await redis
        .multi()
        .rpush(attemptsKey(id), JSON.stringify(error))
        .ltrim(attemptsKey(id), -100, -1)
        .expire(attemptsKey(id), ttlSec)
        .exec();
    },
    async list(id) {
      return (await redis.lrange(attemptsKey(id), 0, -1)).map((s) => JSON.parse(s) as AttemptError);
    },
  };
}

export interface DeadLetters {
  /** Adds a dead letter: the delivery as its job stores it, and its errors. */
  add(data: StoredDelivery, errors: AttemptError[]): Promise<void>;
  /** A dead letter with its content opened (throws SealError when its data key is not kept here). */
  get(id: string): Promise<DeadLetter | undefined>;
  /** A dead letter's metadata and errors, without opening its content. */
  summary(id: string): Promise<DeadLetterSummary | undefined>;
  /** Newest first, metadata only. */
  list(opts?: {
    limit?: number;
    offset?: number;
    destination?: string;
  }): Promise<{ total: number; items: DeadLetterSummary[] }>;
  remove(id: string): Promise<boolean>;
  /** Removes a dead letter for good and leaves the note of why (kept `noteTtlSec`); false when there was none. */
  discard(id: string, note: Discarded, noteTtlSec: number): Promise<boolean>;
  /** The note of a discarded delivery. */
  discarded(id: string): Promise<Discarded | undefined>;
  size(): Promise<number>;
  /** Dead letters of each of `destinations`. */
  sizes(destinations: readonly string[]): Promise<Map<string, number>>;
  /** Whether a dead letter is sealed with data key `kid`. */
  usesKey(kid: string, sealer: Pick<Sealer, 'kidOf'>): Promise<boolean>;
  /** Puts every dead letter in its destination's index (those of 0.1 had none); returns how many were added. */
  reindex(): Promise<number>;
}

const summaryOf = (e: StoredDeadLetter): DeadLetterSummary => {
  const { sealed: _s, ...meta } = e.data;
  return { id: e.id, deadAt: e.deadAt, data: meta, errors: e.errors };
};

export function createDeadLetters(redis: Redis, sealer: Sealer): DeadLetters {
  const read = async (id: string): Promise<StoredDeadLetter | undefined> => {
    const raw = await redis.get(entryKey(id));
    return raw ? (JSON.parse(raw) as StoredDeadLetter) : undefined;
  };
  const all = async (): Promise<StoredDeadLetter[]> => {
    const ids = await redis.zrevrange(INDEX, 0, -1);
    const out: StoredDeadLetter[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const raws = await redis.mget(ids.slice(i, i + 500).map(entryKey));
      for (const r of raws) if (r !== null) out.push(JSON.parse(r) as StoredDeadLetter);
    }
    return out;
  };
  return {
    async add(data, errors) {
      const entry: StoredDeadLetter = { id: data.id, deadAt: new Date().toISOString(), data, errors };
      await redis
        .multi()
        .set(entryKey(data.id), JSON.stringify(entry))
        .zadd(INDEX, Date.now(), data.id)
        .zadd(destinationIndex(data.id), Date.now(), data.id)
        .exec();
    },
    async get(id) {
      const e = await read(id);
      return e
        ? { id: e.id, deadAt: e.deadAt, data: fromStored(sealer, e.data), errors: e.errors }
        : undefined;
    },
    async summary(id) {
      const e = await read(id);
      return e ? summaryOf(e) : undefined;
    },
    async list(opts = {}) {
      const whole = (n: number | undefined, fallback: number) =>
        n !== undefined && Number.isFinite(n) ? Math.floor(n) : fallback;
      const limit = Math.min(Math.max(whole(opts.limit, 50), 1), 500);
      const offset = Math.max(whole(opts.offset, 0), 0);
      const load = async (ids: string[]) =>
        (ids.length ? await redis.mget(ids.map(entryKey)) : [])
          .filter((r): r is string => r !== null)
          .map((r) => summaryOf(JSON.parse(r) as StoredDeadLetter));
      const index = opts.destination ? `${INDEX}:by:${opts.destination}` : INDEX;
      const [ids, total] = await Promise.all([
        redis.zrevrange(index, offset, offset + limit - 1),
        redis.zcard(index),
      ]);
      return { total, items: await load(ids) };
    },
    async remove(id) {
      const [[, n]] = (await redis
        .multi()
        .del(entryKey(id))
        .zrem(INDEX, id)
        .zrem(destinationIndex(id), id)
        .exec()) as [[Error | null, number]];
      return n > 0;
    },
    async discard(id, note, noteTtlSec) {
      const [[, n]] = (await redis
        .multi()
        .del(entryKey(id))
        .zrem(INDEX, id)
        .zrem(destinationIndex(id), id)
        .set(discardedKey(id), JSON.stringify(note), 'EX', noteTtlSec)
        .exec()) as [[Error | null, number]];
      if (n === 0) await redis.del(discardedKey(id));
      return n > 0;
    },
    async discarded(id) {
      const raw = await redis.get(discardedKey(id));
      return raw ? (JSON.parse(raw) as Discarded) : undefined;
    },
    size: () => redis.zcard(INDEX),
    async sizes(destinations) {
      const tx = redis.multi();
      for (const d of destinations) tx.zcard(`${INDEX}:by:${d}`);
      const counts = ((await tx.exec()) ?? []).map(([, n]) => Number(n));
      return new Map(destinations.map((d, i) => [d, counts[i]]));
    },
    async usesKey(kid, s) {
      return (await all()).some((e) => s.kidOf(e.data.sealed) === kid);
    },
    async reindex() {
      const ids = await redis.zrange(INDEX, 0, -1, 'WITHSCORES');
      if (!ids.length) return 0;
      const tx = redis.multi();
      for (let i = 0; i < ids.length; i += 2) tx.zadd(destinationIndex(ids[i]), 'NX', ids[i + 1], ids[i]);
      return ((await tx.exec()) ?? []).reduce((n, [, added]) => n + Number(added), 0);
    },
  };
}
