/**
 * Delivery results, kept apart from the BullMQ job. The worker stores what the destination answered —
 * already released to the sender by the hub (hub/exchange/egress.ts), never more — under its own key for
 * as long as completed jobs are kept, sealed at rest like payloads (sealing.ts; the associated data names
 * the delivery, so a result copied onto another does not open); the job's own return value holds only the
 * field names. So the queue dashboard, which shows jobs, has no upstream value to show, and a delivery's
 * status reads the result from here.
 */
import type { Redis } from 'ioredis';
import { QUEUE_PREFIX } from './queues';
import { scanKeys } from './connection';
import type { Sealer } from './sealing';

/** Where a delivery's result is kept (sealed JSON). */
export const resultKey = (id: string): string => `${QUEUE_PREFIX}:result:${id}`;

const resultContext = (id: string) => `result:${id}`;

/** What a completed delivery job returns (visible on the dashboard): the result's field names only. */
export interface StoredResultRef {
  result: 'stored apart';
  fields: string[];
}

export interface ResultStore {
  /** Keeps a delivery's result, sealed, for `ttlSec`; returns the job's return value. */
  put(id: string, result: unknown): Promise<StoredResultRef>;
  /** A delivery's result opened; undefined when none is kept. Throws SealError when it does not open. */
  get(id: string): Promise<unknown>;
  /** Whether a kept result is sealed with data key `kid`. */
  usesKey(kid: string): Promise<boolean>;
}

/** Opens a result as read from {@link resultKey} (by the status's snapshot, in its MULTI). */
export function openStoredResult(sealer: Sealer, id: string, raw: string | null): unknown {
  return raw === null ? undefined : sealer.open(raw, resultContext(id));
}

export function createResultStore(redis: Redis, sealer: Sealer, ttlSec: number): ResultStore {
  return {
    async put(id, result) {
      await redis.set(resultKey(id), sealer.seal(result ?? null, resultContext(id)), 'EX', ttlSec);
      return {
        result: 'stored apart',
        fields: result && typeof result === 'object' ? Object.keys(result) : [],
      };
    },
    async get(id) {
      return openStoredResult(sealer, id, await redis.get(resultKey(id)));
    },
    async usesKey(kid) {
      // Every key of the queues shares one hash tag, so one node holds them all (Cluster included);
      // scanKeys walks every master all the same, since SCAN on a cluster client reaches one node.
      let found = false;
      await scanKeys(redis, resultKey('*'), async (keys) => {
        found = (await redis.mget(keys)).some((v) => v !== null && sealer.kidOf(v) === kid);
        return found;
      });
      return found;
    },
  };
}
