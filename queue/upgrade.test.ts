/**
 * What a 0.1 hub left in Redis stays usable after the upgrade: a job whose payload is in clear (accepted
 * before payloads were sealed) is delivered by the new worker, and a dead letter without a
 * per-destination index is indexed (counted per destination, listed by destination) once reindex runs.
 */
import Redis from 'ioredis';
import { unsignedSmsData } from '../test/helpers/delivery-load';
import { useRedis } from '../test/helpers/redis';
import { testSealer } from '../test/helpers/sealer';
import { bullConnection } from './connection';
import { createDeliveryQueues, type DeliveryQueues } from './deliveries';
import { deadLetterKey } from './dead-letters';
import { deliveryJobOptions, DEFAULT_DELIVERY_POLICY, JOB_DELIVER, QUEUE_PREFIX } from './queues';
import type { DeliveryData } from './types';
import { startDeliveryWorkers, type WorkerSet } from './worker';

const redis = useRedis();
let client: Redis;
let connection: Redis;
let queues: DeliveryQueues;
let workers: WorkerSet | undefined;

beforeAll(() => {
  client = new Redis(redis.url);
  connection = bullConnection(redis.url);
  queues = createDeliveryQueues(client, { sealer: testSealer(), destinations: ['notify'] });
});
redis.beforeStop(async () => {
  await workers?.close();
  await queues.close();
  await client.quit();
  await connection.quit();
});

it('delivers a job accepted in clear before the upgrade', async () => {
  const legacy = unsignedSmsData('notify', 'Hồ sơ cũ');
  await queues
    .queue('notify')
    .add(JOB_DELIVER, legacy, deliveryJobOptions(DEFAULT_DELIVERY_POLICY, legacy.id));
  const got: DeliveryData[] = [];
  workers = startDeliveryWorkers({
    connection,
    queues,
    destinations: [
      {
        destination: 'notify',
        deliver: async (d) => void got.push(d),
        classify: () => ({ code: 'internal', reason: 'x', retryable: false }),
      },
    ],
  });
  const deadline = Date.now() + 10_000;
  while ((await queues.status(legacy.id))?.state !== 'completed') {
    if (Date.now() > deadline) throw new Error('the legacy job was not delivered');
    await new Promise((r) => setTimeout(r, 25));
  }
  expect(got).toEqual([legacy]);
});

it('indexes the dead letters of 0.1 by destination', async () => {
  const old = unsignedSmsData('notify', 'x');
  // As 0.1 wrote it: the entry and the global index only, the data in clear.
  await client.set(
    deadLetterKey(old.id),
    JSON.stringify({ id: old.id, deadAt: new Date().toISOString(), data: old, errors: [] }),
  );
  await client.zadd(`${QUEUE_PREFIX}:dlq`, Date.now(), old.id);
  expect((await queues.deadLetters.sizes(['notify'])).get('notify')).toBe(0);
  expect(await queues.deadLetters.reindex()).toBe(1);
  expect(await queues.deadLetters.reindex()).toBe(0);
  expect((await queues.deadLetters.sizes(['notify'])).get('notify')).toBe(1);
  expect((await queues.deadLetters.list({ destination: 'notify' })).items.map((d) => d.id)).toEqual([old.id]);
  expect((await queues.deadLetters.get(old.id))?.data).toEqual(old);
});
