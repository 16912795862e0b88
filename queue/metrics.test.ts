/**
 * The queue gauges against a real Redis: depth and its parts per destination, the age of the oldest
 * waiting delivery, the dead-letter count — read at scrape time — and a quick scrape without figures
 * when Redis is gone.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'bullmq';
import Redis from 'ioredis';
import { bullConnection } from './connection';
import { Registry } from 'prom-client';
import { unsignedSmsData } from '../test/helpers/delivery-load';
import { useRedis } from '../test/helpers/redis';
import { createDeliveryQueues, type DeliveryQueues } from './deliveries';
import { DEAD_LETTERS, OLDEST_WAITING, QUEUE_DEPTH, QUEUE_JOBS, registerQueueMetrics } from './metrics';
import { deliveryQueueName, JOB_DELIVER, QUEUE_PREFIX } from './queues';
import type { DeliveryData } from './types';

const redis = useRedis();
let client: Redis;
let queues: DeliveryQueues;
let worker: Worker | undefined;
let workerConnection: Redis | undefined;
const SKEW_MS = 10_000;
const registry = new Registry();

const delivery = (destination: string): DeliveryData =>
  unsignedSmsData(destination, 'Hồ sơ đã được tiếp nhận');

/** `name{labels} value` lines of one metric, as a map from the label text to the value. */
async function samples(name: string): Promise<Map<string, number>> {
  const text = await registry.getSingleMetricAsString(name);
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = new RegExp(`^${name}(\\{[^}]*\\})? (\\S+)$`).exec(line);
    if (m) out.set(m[1] ?? '', Number(m[2]));
  }
  return out;
}

beforeAll(async () => {
  client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  queues = createDeliveryQueues(client, { destinations: ['notify', 'national-portal'] });
  registerQueueMetrics(registry, queues, { clock: () => Date.now() + SKEW_MS, timeoutMs: 500 });
});
redis.beforeStop(async () => {
  await worker?.close();
  workerConnection?.disconnect();
  await queues.close();
  client.disconnect();
});

describe('queue metrics', () => {
  it('are read at scrape time: depth by destination and state, oldest waiting age, dead letters', async () => {
    for (let i = 0; i < 3; i++) await queues.enqueue(delivery('notify'));
    const delayed = delivery('notify');
    await queues.queue('notify').add(JOB_DELIVER, delayed, { jobId: delayed.id, delay: 60_000 });
    // A worker without a processor takes the oldest waiting delivery: it is active now.
    worker = new Worker(deliveryQueueName('notify'), null, {
      connection: (workerConnection = bullConnection(redis.url)),
      prefix: QUEUE_PREFIX,
    });
    expect(await worker.getNextJob(randomUUID())).toBeDefined();
    for (let i = 0; i < 2; i++) await queues.deadLetters.add(delivery('notify'), []);

    const depth = await samples(QUEUE_DEPTH);
    expect(depth.get('{destination="notify"}')).toBe(4);
    expect(depth.get('{destination="national-portal"}')).toBe(0);
    const jobs = await samples(QUEUE_JOBS);
    expect(jobs.get('{destination="notify",state="waiting"}')).toBe(2);
    expect(jobs.get('{destination="notify",state="delayed"}')).toBe(1);
    expect(jobs.get('{destination="notify",state="active"}')).toBe(1);
    const age = await samples(OLDEST_WAITING);
    expect(age.get('{destination="notify"}')).toBeGreaterThanOrEqual(SKEW_MS / 1000);
    expect(age.get('{destination="notify"}')).toBeLessThan(SKEW_MS / 1000 + 5);
    expect(age.get('{destination="national-portal"}')).toBe(0);
    expect((await samples(DEAD_LETTERS)).get('')).toBe(2);

    // Values follow Redis at each scrape.
    await queues.deadLetters.remove((await queues.deadLetters.list()).items[0].id);
    expect((await samples(DEAD_LETTERS)).get('')).toBe(1);
    // The whole exposition renders, with the hub's other metrics beside these.
    expect(await registry.metrics()).toContain(`${QUEUE_DEPTH}{destination="notify"} 4`);
  });

  it('export no figures, quickly, while Redis does not answer', async () => {
    await redis.server.kill();
    const started = Date.now();
    expect((await samples(QUEUE_DEPTH)).size).toBe(0);
    expect((await samples(DEAD_LETTERS)).get('')).toBeNaN();
    expect(Date.now() - started).toBeLessThan(3000);
    await redis.server.restart();
    expect((await samples(DEAD_LETTERS)).get('')).toBe(1);
  });
});
