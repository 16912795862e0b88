/**
 * Measuring a queue from outside, for the queue benchmark: how fast a worker process drains it (from its
 * first to its last completion) with the CPU time the worker, the simulator and redis-server spent per
 * job (from /proc), and Redis's memory.
 */
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { cpuMs } from './processes';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Drain {
  /** Jobs per second from the first to the last completion. */
  rate: number;
  /** CPU ms per job of the worker, the simulator and redis-server while draining. */
  cpu: { worker: number; simulator: number; redis: number };
}

/** Waits until `queue` has `total` completed jobs, measuring the drain from the worker's ready line on. */
export async function drain(
  queue: Queue,
  total: number,
  pids: { worker: number; simulator: number; redis?: number },
): Promise<Drain> {
  const deadline = Date.now() + 300_000;
  const cpu0 = { worker: cpuMs(pids.worker), simulator: cpuMs(pids.simulator), redis: cpuMs(pids.redis) };
  const start = (await queue.getJobCounts('completed')).completed;
  let first: { at: number; count: number } | undefined;
  for (;;) {
    const { completed } = await queue.getJobCounts('completed');
    const now = Date.now();
    if (!first && completed > start) first = { at: now, count: completed };
    if (completed >= total) {
      const jobs = total - start;
      const per = (pid: number | undefined, before: number) => (cpuMs(pid) - before) / jobs;
      return {
        rate: first && now > first.at ? ((completed - first.count) * 1000) / (now - first.at) : NaN,
        cpu: {
          worker: per(pids.worker, cpu0.worker),
          simulator: per(pids.simulator, cpu0.simulator),
          redis: per(pids.redis, cpu0.redis),
        },
      };
    }
    if (now > deadline) throw new Error(`${queue.name}: ${completed} of ${total} completed in time`);
    await sleep(25);
  }
}

export async function usedMemory(redis: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);
}

/** Deletes the replay-cache keys (they expire after 3 minutes; they are not part of a pending delivery). */
export async function dropReplayKeys(redis: Redis): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'lienthong:replay:*', 'COUNT', 1000);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
