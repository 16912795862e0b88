/**
 * Idempotency of writes: the first request with a given (member, Idempotency-Key) runs; a repeat with the
 * same body gets the first answer again (re-signed for the new request), a repeat with another body is a
 * conflict, and a repeat while the first is still running is refused. Entries live 24 h in Redis.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export type IdempotencyState =
  | { state: 'new' }
  | { state: 'replay'; status: number; body: Buffer }
  | { state: 'conflict' }
  | { state: 'in-flight' };

export interface IdempotencyStore {
  begin(member: string, key: string, body: Buffer): Promise<IdempotencyState>;
  finish(member: string, key: string, body: Buffer, status: number, answer: Buffer): Promise<void>;
  /** Forgets a key whose request failed in a way worth retrying (so the retry can run). */
  abandon(member: string, key: string): Promise<void>;
}

interface Stored {
  digest: string;
  done: boolean;
  status?: number;
  body?: string;
}

export function createIdempotencyStore(
  redis: Redis,
  ttlSec = 86_400,
  prefix = 'lienthong:idem:',
): IdempotencyStore {
  const keyOf = (member: string, key: string) =>
    `${prefix}${member}:${createHash('sha256').update(key).digest('base64url')}`;
  const digestOf = (body: Buffer) => createHash('sha256').update(body).digest('base64url');
  return {
    async begin(member, key, body) {
      const k = keyOf(member, key);
      const digest = digestOf(body);
      const pending: Stored = { digest, done: false };
      if ((await redis.set(k, JSON.stringify(pending), 'EX', ttlSec, 'NX')) === 'OK') return { state: 'new' };
      const raw = await redis.get(k);
      if (!raw) return { state: 'in-flight' };
      const stored = JSON.parse(raw) as Stored;
      if (stored.digest !== digest) return { state: 'conflict' };
      if (!stored.done || stored.status === undefined || stored.body === undefined)
        return { state: 'in-flight' };
      return { state: 'replay', status: stored.status, body: Buffer.from(stored.body, 'base64') };
    },
    async finish(member, key, body, status, answer) {
      const stored: Stored = { digest: digestOf(body), done: true, status, body: answer.toString('base64') };
      await redis.set(keyOf(member, key), JSON.stringify(stored), 'EX', ttlSec);
    },
    async abandon(member, key) {
      await redis.del(keyOf(member, key));
    },
  };
}
