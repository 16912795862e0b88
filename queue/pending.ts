/**
 * Which deliveries of a destination are not yet delivered, by the time each became due (accepted, or
 * redriven; later for one accepted with a delay): a sorted set per destination. It answers "how long has
 * the oldest undelivered delivery waited", whatever BullMQ state the delivery is in — waiting, backing
 * off (delayed), waiting behind its dossier (delayed), active or paused. BullMQ's own lists cannot: a
 * delivery that backs off or waits its turn sits in the delayed set, ordered by when it runs next.
 *
 * Entries are added when a delivery is accepted or redriven, removed in batches by the worker when it
 * completes, and checked when read: an entry whose job has finished (completed, failed) or is gone is
 * dropped then, so a worker that died before removing its entries leaves no stale age behind.
 */
import type { ChainableCommander, Redis } from 'ioredis';
import { QUEUE_PREFIX, deliveryQueueName } from './queues';

export const pendingKey = (destination: string): string => `${QUEUE_PREFIX}:pending:${destination}`;

/** Adds `id` as due at `dueAtMs`, unless it is there already. */
export function markPending(
  tx: ChainableCommander,
  destination: string,
  id: string,
  dueAtMs: number,
): ChainableCommander {
  return tx.zadd(pendingKey(destination), 'NX', dueAtMs, id);
}

// KEYS: pending, completed, failed. ARGV: job key prefix, most entries to drop in one call.
// Returns the due time (ms) of the oldest entry whose job is still to be delivered, or false.
const OLDEST = `
for i = 1, tonumber(ARGV[2]) do
  local head = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  if #head == 0 then return false end
  local id = head[1]
  if redis.call('ZSCORE', KEYS[2], id) or redis.call('ZSCORE', KEYS[3], id)
      or redis.call('EXISTS', ARGV[1] .. id) == 0 then
    redis.call('ZREM', KEYS[1], id)
  else
    return head[2]
  end
end
local head = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return head[2] or false
`;

/**
 * The due time (epoch ms) of the oldest delivery of `destination` not yet delivered, or undefined when
 * there is none. Drops up to `maxDrops` entries of finished jobs on the way.
 */
export async function oldestPending(
  redis: Redis,
  destination: string,
  maxDrops = 5000,
): Promise<number | undefined> {
  const q = `${QUEUE_PREFIX}:${deliveryQueueName(destination)}`;
  const r = await redis.eval(
    OLDEST,
    3,
    pendingKey(destination),
    `${q}:completed`,
    `${q}:failed`,
    `${q}:`,
    maxDrops,
  );
  return typeof r === 'string' ? Number(r) : undefined;
}

/** Removes finished deliveries in batches (one ZREM per destination per flush). */
export function createPendingSweeper(redis: Redis, everyMs = 250) {
  const done = new Map<string, string[]>();
  let timer: NodeJS.Timeout | undefined;
  const flush = async () => {
    timer = undefined;
    if (!done.size) return;
    const tx = redis.pipeline();
    for (const [destination, ids] of done) tx.zrem(pendingKey(destination), ...ids);
    done.clear();
    await tx.exec().catch(() => undefined);
  };
  return {
    finished(destination: string, id: string) {
      const list = done.get(destination);
      if (list) list.push(id);
      else done.set(destination, [id]);
      if (!timer) {
        timer = setTimeout(() => void flush(), everyMs);
        timer.unref();
      }
    },
    async close() {
      if (timer) clearTimeout(timer);
      await flush();
    },
  };
}
