/**
 * The dead-letter queue: BullMQ has none (failed jobs just stay in the failed set), so this one keeps,
 * per delivery that exhausted its attempts or was refused for good, the signed payload and every
 * attempt's error, until an operator redrives or discards it.
 */
import type { Redis } from 'ioredis';
import { QUEUE_PREFIX } from './queues';
import type { AttemptError, DeliveryData } from './types';

export interface DeadLetter {
  id: string;
  deadAt: string;
  data: DeliveryData;
  errors: AttemptError[];
}

const INDEX = `${QUEUE_PREFIX}:dlq`;
/** Where a delivery's dead letter is kept (a JSON DeadLetter). */
export const deadLetterKey = (id: string) => `${QUEUE_PREFIX}:dlq:${id}`;
/** Where a delivery's failed attempts are listed (JSON AttemptError each). */
export const attemptsKey = (id: string) => `${QUEUE_PREFIX}:attempts:${id}`;
const entryKey = deadLetterKey;

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
  add(data: DeliveryData, errors: AttemptError[]): Promise<void>;
  get(id: string): Promise<DeadLetter | undefined>;
  /** Newest first. */
  list(opts?: {
    limit?: number;
    offset?: number;
    destination?: string;
  }): Promise<{ total: number; items: DeadLetter[] }>;
  remove(id: string): Promise<boolean>;
  size(): Promise<number>;
}

export function createDeadLetters(redis: Redis): DeadLetters {
  return {
    async add(data, errors) {
      const entry: DeadLetter = { id: data.id, deadAt: new Date().toISOString(), data, errors };
      await redis
        .multi()
        .set(entryKey(data.id), JSON.stringify(entry))
        .zadd(INDEX, Date.now(), data.id)
        .exec();
    },
    async get(id) {
      const raw = await redis.get(entryKey(id));
      return raw ? (JSON.parse(raw) as DeadLetter) : undefined;
    },
    async list(opts = {}) {
      const whole = (n: number | undefined, fallback: number) =>
        n !== undefined && Number.isFinite(n) ? Math.floor(n) : fallback;
      const limit = Math.min(Math.max(whole(opts.limit, 50), 1), 500);
      const offset = Math.max(whole(opts.offset, 0), 0);
      const load = async (ids: string[]) =>
        (ids.length ? await redis.mget(ids.map(entryKey)) : [])
          .filter((r): r is string => r !== null)
          .map((r) => JSON.parse(r) as DeadLetter);
      if (!opts.destination) {
        const [ids, total] = await Promise.all([
          redis.zrevrange(INDEX, offset, offset + limit - 1),
          redis.zcard(INDEX),
        ]);
        return { total, items: await load(ids) };
      }
      const items = (await load(await redis.zrevrange(INDEX, 0, -1))).filter(
        (i) => i.data.destination === opts.destination,
      );
      return { total: items.length, items: items.slice(offset, offset + limit) };
    },
    async remove(id) {
      const [[, n]] = (await redis.multi().del(entryKey(id)).zrem(INDEX, id).exec()) as [
        [Error | null, number],
      ];
      return n > 0;
    },
    size: () => redis.zcard(INDEX),
  };
}
