/**
 * A delivery whose runs kept dying with their worker: once BullMQ has seen it stall more than
 * maxStalledCount times it fails it without calling the processor; the worker puts it in the dead-letter
 * queue with a `stalled` error instead of leaving it in BullMQ's failed set where no redrive finds it.
 * (BullMQ marks such a job with its `defa` field when it moves it back to wait for the last time; the test
 * sets that mark directly rather than killing a worker six times.)
 */
import Redis from 'ioredis';
import { unsignedSmsData } from '../test/helpers/delivery-load';
import { useRedis } from '../test/helpers/redis';
import { bullConnection } from './connection';
import { createDeliveryQueues, type DeliveryQueues } from './deliveries';
import { deliveryQueueName, QUEUE_PREFIX } from './queues';
import type { AttemptError } from './types';
import { startDeliveryWorkers, type WorkerSet } from './worker';
import { testSealer } from '../test/helpers/sealer';

const sealer = testSealer();

const redis = useRedis();
let client: Redis;
let connection: Redis;
let queues: DeliveryQueues;
let workers: WorkerSet | undefined;

beforeAll(() => {
  client = new Redis(redis.url);
  connection = bullConnection(redis.url);
  queues = createDeliveryQueues(client, { sealer, destinations: ['notify'] });
});
redis.beforeStop(async () => {
  await workers?.close();
  await queues.close();
  await client.quit();
  await connection.quit();
});

it('dead-letters a delivery that stalled too often, without delivering it again', async () => {
  const data = unsignedSmsData('notify', 'x');
  await queues.enqueue(data);
  await client.hset(
    `${QUEUE_PREFIX}:${deliveryQueueName('notify')}:${data.id}`,
    'defa',
    'job stalled more than allowable limit',
  );
  const delivered: string[] = [];
  const dead: AttemptError[][] = [];
  workers = startDeliveryWorkers({
    connection,
    queues,
    destinations: [
      {
        destination: 'notify',
        deliver: async (d) => void delivered.push(d.id),
        classify: () => ({ code: 'internal', reason: 'x', retryable: true }),
        onDead: async (_d, errors) => void dead.push(errors),
      },
    ],
  });
  const deadline = Date.now() + 10_000;
  while (!dead.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

  expect(delivered).toEqual([]);
  expect(dead).toHaveLength(1);
  const entry = await queues.deadLetters.get(data.id);
  expect(entry?.errors).toEqual([
    expect.objectContaining({
      code: 'stalled',
      reason: 'job stalled more than allowable limit',
      retryable: false,
    }),
  ]);
  expect(await queues.queue('notify').getJobState(data.id)).toBe('failed');
});
