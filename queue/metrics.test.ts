/**
 * The queue gauges against a real Redis: depth and its parts per destination, the age of the oldest
 * delivery not yet delivered (also while it backs off or waits behind its dossier), the dead letters per
 * destination — read at scrape time — and a quick scrape without figures when Redis is gone.
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
import { DEFAULT_DELIVERY_POLICY, deliveryQueueName, JOB_DELIVER, QUEUE_PREFIX } from './queues';
import { startDeliveryWorkers } from './worker';
import { toStored } from './stored';
import type { DeliveryData } from './types';
import { testSealer } from '../test/helpers/sealer';

const sealer = testSealer();

const redis = useRedis();
let client: Redis;
let queues: DeliveryQueues;
let worker: Worker | undefined;
let workerConnection: Redis | undefined;
let taxConnection: Redis | undefined;
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
  queues = createDeliveryQueues(client, { sealer, destinations: ['notify', 'national-portal', 'tax'] });
  registerQueueMetrics(registry, queues, { clock: () => Date.now() + SKEW_MS, timeoutMs: 500 });
});
redis.beforeStop(async () => {
  await worker?.close();
  workerConnection?.disconnect();
  taxConnection?.disconnect();
  await queues.close();
  client.disconnect();
});

describe('queue metrics', () => {
  it('are read at scrape time: depth by destination and state, oldest waiting age, dead letters', async () => {
    for (let i = 0; i < 3; i++) await queues.enqueue(delivery('notify'));
    const delayed = delivery('notify');
    await queues
      .queue('notify')
      .add(JOB_DELIVER, toStored(sealer, delayed), { jobId: delayed.id, delay: 60_000 });
    // A worker without a processor takes the oldest waiting delivery: it is active now.
    worker = new Worker(deliveryQueueName('notify'), null, {
      connection: (workerConnection = bullConnection(redis.url)),
      prefix: QUEUE_PREFIX,
    });
    expect(await worker.getNextJob(randomUUID())).toBeDefined();
    for (let i = 0; i < 2; i++) await queues.deadLetters.add(toStored(sealer, delivery('notify')), []);

    const depth = await samples(QUEUE_DEPTH);
    expect(depth.get('{destination="notify"}')).toBe(4);
    expect(depth.get('{destination="national-portal"}')).toBe(0);
    expect(depth.get('{destination="tax"}')).toBe(0);
    const jobs = await samples(QUEUE_JOBS);
    expect(jobs.get('{destination="notify",state="waiting"}')).toBe(2);
    expect(jobs.get('{destination="notify",state="delayed"}')).toBe(1);
    expect(jobs.get('{destination="notify",state="active"}')).toBe(1);
    const age = await samples(OLDEST_WAITING);
    expect(age.get('{destination="notify"}')).toBeGreaterThanOrEqual(SKEW_MS / 1000);
    expect(age.get('{destination="notify"}')).toBeLessThan(SKEW_MS / 1000 + 5);
    expect(age.get('{destination="national-portal"}')).toBe(0);
    expect((await samples(DEAD_LETTERS)).get('{destination="notify"}')).toBe(2);
    expect((await samples(DEAD_LETTERS)).get('{destination="national-portal"}')).toBe(0);

    // Values follow Redis at each scrape.
    await queues.deadLetters.remove((await queues.deadLetters.list()).items[0].id);
    expect((await samples(DEAD_LETTERS)).get('{destination="notify"}')).toBe(1);
    // The whole exposition renders, with the hub's other metrics beside these.
    expect(await registry.metrics()).toContain(`${QUEUE_DEPTH}{destination="notify"} 4`);
  });

  it('age the oldest undelivered delivery while it backs off or waits behind its dossier, not only while it waits', async () => {
    // Issue #12 item 4: both deliveries sit in BullMQ's delayed set here — one backing off after a
    // failed attempt, one waiting for the first (same dossier) — and none is "waiting".
    const dossier = `HS-${randomUUID().slice(0, 8)}`;
    const first = { ...delivery('tax'), orderingKey: dossier };
    const second = { ...delivery('tax'), orderingKey: dossier };
    await queues.enqueue(first);
    await queues.enqueue(second);
    const failing = startDeliveryWorkers({
      connection: (taxConnection = bullConnection(redis.url)),
      queues,
      policy: { ...DEFAULT_DELIVERY_POLICY, backoffBaseMs: 120_000, backoffCapMs: 120_000 },
      orderWaitMs: 120_000,
      destinations: [
        {
          destination: 'tax',
          deliver: async () => {
            throw new Error('down');
          },
          classify: () => ({ code: 'unavailable', reason: 'down', retryable: true }),
        },
      ],
    });
    try {
      const q = queues.queue('tax');
      const deadline = Date.now() + 20_000;
      while (
        !((await q.getJobState(first.id)) === 'delayed' && (await q.getJobState(second.id)) === 'delayed') &&
        Date.now() < deadline
      )
        await new Promise((r) => setTimeout(r, 50));
      expect([await q.getJobState(first.id), await q.getJobState(second.id)]).toEqual(['delayed', 'delayed']);
      expect((await samples(QUEUE_JOBS)).get('{destination="tax",state="waiting"}')).toBe(0);
      const age = (await samples(OLDEST_WAITING)).get('{destination="tax"}')!;
      expect(age).toBeGreaterThanOrEqual(SKEW_MS / 1000);
      expect(age).toBeLessThan(SKEW_MS / 1000 + 30);

      // Once both are gone from the queue (delivered, or removed) the age is 0 again.
      await failing.close();
      await q.remove(first.id);
      await q.remove(second.id);
      expect((await samples(OLDEST_WAITING)).get('{destination="tax"}')).toBe(0);
    } finally {
      await failing.close();
    }
  });

  it('export no figures, quickly, while Redis does not answer', async () => {
    await redis.server.kill();
    const started = Date.now();
    expect((await samples(QUEUE_DEPTH)).size).toBe(0);
    expect((await samples(DEAD_LETTERS)).size).toBe(0);
    expect(Date.now() - started).toBeLessThan(3000);
    await redis.server.restart();
    // The figures come back once the client has reconnected (a scrape meanwhile exports none).
    const deadline = Date.now() + 10_000;
    let back = (await samples(DEAD_LETTERS)).get('{destination="notify"}');
    while (back === undefined && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      back = (await samples(DEAD_LETTERS)).get('{destination="notify"}');
    }
    expect(back).toBe(1);
  });
});
