/**
 * Delivery results, kept apart from the BullMQ job. The worker stores what the destination answered —
 * already released to the sender by the hub (hub/exchange/egress.ts), never more — under its own key for
 * as long as completed jobs are kept; the job's own return value holds only the field names. So the queue
 * dashboard, which shows jobs, has no upstream value to show, and a delivery's status reads the result
 * from here.
 */
import type { Redis } from 'ioredis';
import { QUEUE_PREFIX } from './queues';

/** Where a delivery's result is kept (JSON). */
export const resultKey = (id: string): string => `${QUEUE_PREFIX}:result:${id}`;

/** What a completed delivery job returns (visible on the dashboard): the result's field names only. */
export interface StoredResultRef {
  result: 'stored apart';
  fields: string[];
}

export interface ResultStore {
  /** Keeps a delivery's result for `ttlSec`; returns the job's return value. */
  put(id: string, result: unknown): Promise<StoredResultRef>;
  get(id: string): Promise<unknown>;
}

export function createResultStore(redis: Redis, ttlSec: number): ResultStore {
  return {
    async put(id, result) {
      await redis.set(resultKey(id), JSON.stringify(result ?? null), 'EX', ttlSec);
      return {
        result: 'stored apart',
        fields: result && typeof result === 'object' ? Object.keys(result) : [],
      };
    },
    async get(id) {
      const raw = await redis.get(resultKey(id));
      return raw === null ? undefined : (JSON.parse(raw) as unknown);
    },
  };
}
