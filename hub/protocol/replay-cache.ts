/**
 * Anti-replay: remembers each (kid, message id) pair in Redis for a while, so a captured request cannot
 * be sent again. One round trip per request: `SET key 1 NX EX ttl`. Shared by every hub process.
 */
import type { Redis, Cluster } from 'ioredis';

export interface ReplayCacheOptions {
  /** The Redis connection (ioredis client or cluster). */
  redis: Pick<Redis | Cluster, 'set'>;
  /**
   * How long a pair is remembered, in seconds. Must be at least twice the iat window, since a request is
   * accepted while its iat is within ±window of the hub clock. @defaultValue 180
   */
  ttlSec?: number;
  /** Key prefix. @defaultValue 'lienthong:replay:' */
  prefix?: string;
}

export interface ReplayCache {
  /**
   * Records the pair and tells whether this is its first use: true → go on; false → a replay (REPLAYED).
   * Message ids are compared without regard to case.
   */
  checkAndRemember(kid: string, messageId: string): Promise<boolean>;
}

export const DEFAULT_REPLAY_TTL_SEC = 180;

export function createReplayCache(options: ReplayCacheOptions): ReplayCache {
  const { redis } = options;
  const ttl = options.ttlSec ?? DEFAULT_REPLAY_TTL_SEC;
  const prefix = options.prefix ?? 'lienthong:replay:';
  if (!Number.isSafeInteger(ttl) || ttl < 1)
    throw new RangeError('createReplayCache: ttlSec must be a positive integer');
  return {
    async checkAndRemember(kid, messageId) {
      const reply = await redis.set(`${prefix}${kid}:${messageId.toLowerCase()}`, '1', 'EX', ttl, 'NX');
      return reply === 'OK';
    },
  };
}
