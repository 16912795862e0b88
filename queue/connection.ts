/** Redis connections for BullMQ: workers need `maxRetriesPerRequest: null` (blocking commands). */
import Redis, { type RedisOptions } from 'ioredis';

export function bullConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...extra });
}
