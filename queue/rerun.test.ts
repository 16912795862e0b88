/**
 * Every path that runs a delivery again after its turn in its dossier's order has passed, and what the
 * "delivered already" check must conclude on each (issue #12, item 2):
 *
 * - a dead-lettered delivery retried through BullMQ (what the dashboard's Retry did, or any script with
 *   `job.retry()`): it was never delivered — it must be delivered now, at the end of its order, and leave
 *   the dead-letter queue; it used to complete with "delivered already" and stay dead;
 * - a delivery whose number was skipped as a gap (the hub stopped between adding its job and registering
 *   its number, and a later delivery of the dossier waited out the gap): never delivered — it must be
 *   delivered, not completed as "delivered already" (a lost accepted message);
 * - a delivery whose worker delivered it and stopped before finishing the job (stalled, run again): it
 *   was delivered — it must not be delivered twice.
 */
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { unsignedSmsData } from '../test/helpers/delivery-load';
import { until } from '../test/faults/drill';
import { useRedis } from '../test/helpers/redis';
import { testSealer } from '../test/helpers/sealer';
import { bullConnection } from './connection';
import { createDeliveryQueues, type DeliveryQueues } from './deliveries';
import { DEFAULT_DELIVERY_POLICY } from './queues';
import type { DeliveryData } from './types';
import { startDeliveryWorkers, type WorkerSet } from './worker';

const redis = useRedis();
const sealer = testSealer();
let client: Redis;
let connection: Redis;
let queues: DeliveryQueues;
let workers: WorkerSet | undefined;
/** What the destination received, by delivery id, in order. */
let received: string[] = [];
/** Whether the destination refuses everything (a refusal is final: one attempt, then the DLQ). */
let refusing = false;

beforeAll(() => {
  client = new Redis(redis.url);
  connection = bullConnection(redis.url);
  queues = createDeliveryQueues(client, {
    sealer,
    policy: { ...DEFAULT_DELIVERY_POLICY, attempts: 2, backoffBaseMs: 20, backoffCapMs: 40 },
    destinations: ['notify'],
  });
});
redis.beforeStop(async () => {
  await workers?.close();
  await queues.close();
  await client.quit();
  await connection.quit();
});
beforeEach(() => {
  received = [];
  refusing = false;
});
afterEach(async () => {
  await workers?.close();
  workers = undefined;
});

function startWorkers(): void {
  workers = startDeliveryWorkers({
    connection,
    queues,
    policy: { ...DEFAULT_DELIVERY_POLICY, attempts: 2, backoffBaseMs: 20, backoffCapMs: 40 },
    orderWaitMs: 100,
    destinations: [
      {
        destination: 'notify',
        async deliver(d) {
          if (refusing) throw new Error('refused');
          received.push(d.id);
          return { accepted: d.id };
        },
        classify: () => ({ code: 'rejected', reason: 'refused', retryable: false }),
      },
    ],
  });
}

const ordered = (dossier: string): DeliveryData => ({
  ...unsignedSmsData('notify', 'x'),
  orderingKey: dossier,
});

const stateOf = (id: string) => queues.status(id).then((s) => s?.state);
const settledAs = (id: string, states: string[]) =>
  until(
    `${id} to be ${states.join('|')}`,
    async () => {
      const s = await queues.status(id);
      return s && states.includes(s.state) ? s : undefined;
    },
    15_000,
    25,
  );

it('a dead-lettered delivery retried through BullMQ (the dashboard’s Retry) is delivered and leaves the dead-letter queue', async () => {
  const dossier = `HS-${randomUUID().slice(0, 8)}`;
  const sms = ordered(dossier);
  refusing = true;
  startWorkers();
  await queues.enqueue(sms);
  await settledAs(sms.id, ['dead']);
  expect(received).toEqual([]);

  // The destination accepts again; the job is retried the way bull-board's Retry button did it.
  refusing = false;
  const job = (await queues.queue('notify').getJob(sms.id))!;
  await job.retry('failed');
  const done = await settledAs(sms.id, ['completed']);

  expect(received).toEqual([sms.id]);
  expect(done.result).toEqual({ accepted: sms.id });
  expect(await queues.deadLetters.get(sms.id)).toBeUndefined();
  expect((await queues.deadLetters.list()).items.map((d) => d.id)).not.toContain(sms.id);
  // It took a new place at the end of its dossier's order, so the next one of the dossier still runs.
  const next = ordered(dossier);
  await queues.enqueue(next);
  await settledAs(next.id, ['completed']);
  expect(received).toEqual([sms.id, next.id]);
});

it('a delivery whose number was skipped as a gap is delivered when it runs, not completed as delivered already', async () => {
  const dossier = `HS-${randomUUID().slice(0, 8)}`;
  const acceptedAt = new Date(Date.now() - 60_000).toISOString();
  const orphan = { ...ordered(dossier), acceptedAt };
  const later = { ...ordered(dossier), acceptedAt };
  await queues.enqueue(orphan);
  await queues.enqueue(later);
  const orphanSeq = (await queues.status(orphan.id))!.seq!;
  // The hub stopped between adding the first job and registering its number: unregister it.
  await client.hdel(`{lienthong}:order:notify:${dossier}:jobs`, String(orphanSeq));
  // The later delivery has waited longer than the gap timeout: its check skips the unregistered number.
  expect(
    await queues.ordering.check('notify', dossier, orphanSeq + 1, Date.parse(acceptedAt), later.id),
  ).toBe('go');

  startWorkers();
  await settledAs(orphan.id, ['completed']);
  await settledAs(later.id, ['completed']);
  expect(received.sort()).toEqual([orphan.id, later.id].sort());
  expect((await queues.status(orphan.id))!.result).toEqual({ accepted: orphan.id });
});

it('a delivery delivered by a worker that stopped before finishing the job is not delivered again when it runs again', async () => {
  const dossier = `HS-${randomUUID().slice(0, 8)}`;
  const sms = ordered(dossier);
  await queues.enqueue(sms);
  const seq = (await queues.status(sms.id))!.seq!;
  // Its worker delivered it and ended its turn, then died before BullMQ recorded the job as completed.
  // (A run stores the destination's answer before it ends its turn.)
  expect(await queues.ordering.check('notify', dossier, seq, Date.now(), sms.id)).toBe('go');
  await queues.results.put(sms.id, { accepted: sms.id, by: 'the earlier run' });
  await queues.ordering.advance('notify', dossier, seq, { delivered: sms.id });

  startWorkers();
  const done = await settledAs(sms.id, ['completed']);
  expect(received).toEqual([]);
  // The status answers with what the earlier run delivered; the job says why it did not run again.
  expect(done.result).toEqual({ accepted: sms.id, by: 'the earlier run' });
  const job = await queues.queue('notify').getJob(sms.id);
  expect(job?.returnvalue).toEqual({
    skipped: 'delivered already (an earlier run finished before the worker stopped)',
  });
  // Another delivery's id in the same turn is not taken for this one.
  expect(await queues.ordering.check('notify', dossier, seq, Date.now(), 'd.notify.someone-else')).toBe(
    'late',
  );
  expect(await stateOf(sms.id)).toBe('completed');
});
