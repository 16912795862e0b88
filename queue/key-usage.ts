/**
 * Whether anything in Redis is still sealed with a data key: a job's payload or result in any state
 * (waiting, delayed, active, completed, failed …) of any delivery queue, or a dead letter. A key that is
 * in use is kept by `keys data-rotate` whatever its age. Reads every job in pages: an operator's command,
 * not a hot path.
 */
import type { DeliveryQueues } from './deliveries';

const STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'paused',
  'completed',
  'failed',
  'waiting-children',
] as const;
const PAGE = 1000;

export async function dataKeyInUse(queues: DeliveryQueues, kid: string): Promise<boolean> {
  const { sealer } = queues;
  if (await queues.deadLetters.usesKey(kid, sealer)) return true;
  for (const q of queues.queues()) {
    for (let start = 0; ; start += PAGE) {
      const jobs = await q.getJobs([...STATES], start, start + PAGE - 1, true);
      for (const job of jobs) {
        if (!job) continue;
        if (sealer.kidOf((job.data as { sealed?: unknown })?.sealed) === kid) return true;
        if (sealer.kidOf(job.returnvalue) === kid) return true;
      }
      if (jobs.length < PAGE) break;
    }
  }
  return false;
}
