/**
 * Receipts of writes an upstream applied: the canonical answer of the first successful call under an
 * idempotency key, kept so that a repeat the upstream answers "duplicate" (without the original answer)
 * yields the original receipt. In Redis (`createRedisReceiptStore`), a receipt is seen by every worker and
 * survives restarts; the in-memory store is for the CLI's conformance runs and unit tests.
 */
import { createHash } from 'node:crypto';

export interface Receipt {
  /** SHA-256 of the request the key was used for: the same key with another request is not a repeat. */
  requestHash: string;
  /** The canonical answer of the first successful call. */
  output: unknown;
  /** When it was stored, epoch ms. */
  at: number;
}

export interface ReceiptStore {
  get(scope: string, key: string): Promise<Receipt | undefined>;
  /** Stores a receipt unless one is there already; resolves with the one kept. */
  put(scope: string, key: string, receipt: Receipt, ttlSec: number): Promise<Receipt>;
}

/** The minimal ioredis surface the store needs. */
export interface RedisLike {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ex: 'EX', seconds: number, nx: 'NX'): Promise<'OK' | null>;
}

/** A stable hash of a request value (keys sorted), to tell a repeat from a reuse of the key. */
export function requestHash(value: unknown): string {
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canon);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) out[k] = canon((v as Record<string, unknown>)[k]);
      return out;
    }
    return v;
  };
  return createHash('sha256')
    .update(JSON.stringify(canon(value)) ?? 'undefined')
    .digest('base64url');
}

const keyHash = (key: string) => createHash('sha256').update(key).digest('base64url').slice(0, 32);

export function createMemoryReceiptStore(now: () => number = Date.now): ReceiptStore {
  const map = new Map<string, { r: Receipt; until: number }>();
  return {
    async get(scope, key) {
      const e = map.get(`${scope}\u0000${key}`);
      if (!e) return undefined;
      if (now() > e.until) {
        map.delete(`${scope}\u0000${key}`);
        return undefined;
      }
      return e.r;
    },
    async put(scope, key, receipt, ttlSec) {
      const k = `${scope}\u0000${key}`;
      const held = map.get(k);
      if (held && now() <= held.until) return held.r;
      map.set(k, { r: receipt, until: now() + ttlSec * 1000 });
      return receipt;
    },
  };
}

/**
 * Receipts in Redis under `<prefix>:<scope>:<hash of key>`, one key each (any Cluster slot), with a TTL;
 * the first receipt stored under a key wins (SET NX), so two workers that both got an answer keep one.
 */
export function createRedisReceiptStore(
  redis: RedisLike,
  prefix = 'lienthong:upstream-receipt',
): ReceiptStore {
  const redisKey = (scope: string, key: string) => `${prefix}:${scope}:${keyHash(key)}`;
  const parse = (text: string | null): Receipt | undefined => {
    if (!text) return undefined;
    try {
      const r = JSON.parse(text) as Receipt;
      return typeof r.requestHash === 'string' ? r : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    async get(scope, key) {
      return parse(await redis.get(redisKey(scope, key)));
    },
    async put(scope, key, receipt, ttlSec) {
      const k = redisKey(scope, key);
      const set = await redis.set(k, JSON.stringify(receipt), 'EX', Math.max(1, Math.round(ttlSec)), 'NX');
      if (set === 'OK') return receipt;
      return parse(await redis.get(k)) ?? receipt;
    },
  };
}
