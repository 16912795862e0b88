/**
 * What an operator does with dead letters: redrive one (back to its queue with a fresh attempt budget,
 * sealed again with the current data key, due again from now; an ordered one takes a new place at the
 * end of its key's order), redrive every one dead at the time of the call, or discard one for good with
 * a reason — its job and dead letter, and with them its sealed payload, are removed, and a note of who
 * discarded it and why stays for its status.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DeadLetters } from './dead-letters';
import type { Ordering } from './ordering';
import { markPending } from './pending';
import { deliveryJobOptions, JOB_DELIVER, type DeliveryPolicy } from './queues';
import type { Sealer } from './sealing';
import { toStored } from './stored';
import type { DeliveryData } from './types';

export interface RedriveDeps {
  redis: Redis;
  sealer: Sealer;
  policy: DeliveryPolicy;
  deadLetters: DeadLetters;
  ordering: Ordering;
  queueOf(destination: string): Queue;
}

export function createRedrive(deps: RedriveDeps) {
  const { deadLetters, ordering } = deps;

  const redrive = async (id: string): Promise<boolean> => {
    const dead = await deadLetters.get(id);
    if (!dead) return false;
    const q = deps.queueOf(dead.data.destination);
    const job = await q.getJob(id);
    const data: DeliveryData = { ...dead.data, redriven: true };
    if (data.orderingKey) {
      data.seq = await ordering.assign(data.destination, data.orderingKey);
      await ordering.register(data.destination, data.orderingKey, data.seq, id);
    }
    const stored = toStored(deps.sealer, data);
    await markPending(deps.redis.multi(), data.destination, id, Date.now()).exec();
    if (job && (await job.getState()) === 'failed') {
      await job.updateData(stored);
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    } else {
      if (job) await job.remove();
      await q.add(JOB_DELIVER, stored, deliveryJobOptions(deps.policy, id));
    }
    await deadLetters.remove(id);
    return true;
  };

  return {
    redrive,
    async redriveAll(opts: { destination?: string } = {}): Promise<string[]> {
      const ids: string[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = await deadLetters.list({ limit: 500, offset, destination: opts.destination });
        ids.push(...page.items.map((d) => d.id));
        if (page.items.length < 500) break;
      }
      const done: string[] = [];
      for (const id of ids) if (await redrive(id)) done.push(id);
      return done;
    },
    async discard(id: string, by: string, reason: string): Promise<boolean> {
      const dead = await deadLetters.summary(id);
      if (!dead) return false;
      const note = { at: new Date().toISOString(), by, reason, delivery: dead.data };
      if (!(await deadLetters.discard(id, note, deps.policy.keepFailedSec))) return false;
      const job = await deps.queueOf(dead.data.destination).getJob(id);
      if (job && (await job.getState()) === 'failed') await job.remove();
      return true;
    },
  };
}
