/**
 * Fault drill: Redis (AOF, appendfsync everysec) killed with SIGKILL while 10,000 accepted deliveries wait
 * for a worker, then started again on the same data directory. Every delivery the API acknowledged with
 * 202 was in Redis before the answer (the hub answers only after Redis has the job), and Redis had
 * written it to its AOF before replying — a killed redis-server loses nothing the kernel already has. So
 * after the restart all 10,000 are there, and two workers deliver each of them, applied once.
 *
 * 2,500 of the 10,000 go through the HTTP API of a hub process — "acknowledged means durable" is the
 * promise under test — with 128 requests in flight. The other 7,500 are put in the queue from this
 * process with the queue code the API awaits before its 202 (createDeliveryQueues().enqueue: the same
 * micro-batched addBulk, the same job data as the 202 path builds). The Redis writes, which AOF must
 * keep, are the same; what is left out is each request's HTTP, signature check and audit work (about
 * 2 ms of hub CPU a request), which would take the drill past its time budget on a 2-core CI machine.
 */
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { createDeliveryQueues } from '../../queue';
import { trustDirSealer } from '../../queue/data-keys';
import { acceptedData, mapBounded, sendDelivery, smsDelivery } from '../helpers/delivery-load';
import { startFaultWorld, type FaultWorld } from '../helpers/fault-world';
import { appliedCounts, scrape, until } from './drill';

const N = 10_000;
const THROUGH_API = 2_500;
const DEPTH = 'lienthong_delivery_queue_depth{destination="notify"}';

let fw: FaultWorld | undefined;
afterEach(async () => {
  await fw?.close();
  fw = undefined;
}, 30_000);

it('10,000 deliveries accepted before Redis is killed are all delivered after its restart, none twice', async () => {
  const started = Date.now();
  fw = await startFaultWorld();
  const world = fw;
  const hub = await world.startHub();

  const senders = [world.ward, world.otherWard];
  const sent = await mapBounded(
    Array.from({ length: THROUGH_API }, (_, i) => smsDelivery(`HS-AOF-${i}`, randomUUID())),
    128,
    (d, i) => sendDelivery(world.agent, hub.url, senders[i % 2], d),
  );
  expect(sent.filter((r) => r.status !== 202)).toEqual([]);
  const ids = new Set(sent.map((r) => r.id!));
  const redis = new Redis(world.redis.url);
  try {
    const queues = createDeliveryQueues(redis, {
      sealer: trustDirSealer(world.world.trustDir).sealer,
      destinations: ['notify'],
    });
    const direct = await Promise.all(
      Array.from({ length: N - THROUGH_API }, (_, i) =>
        queues.enqueue(acceptedData(senders[i % 2], smsDelivery(`HS-AOF-${THROUGH_API + i}`))),
      ),
    );
    for (const r of direct) if ('created' in r && r.created) ids.add(r.id);
    await queues.close();
  } finally {
    await redis.quit();
  }
  expect(ids.size).toBe(N);
  expect((await scrape(hub.url)).get(DEPTH)).toBe(N);
  const accepted = Date.now();

  await world.redis.kill();
  await world.redis.restart();
  // The hub reconnects by itself; the queue is whole again.
  const depth = await until('the hub to read Redis again', async () => (await scrape(hub.url)).get(DEPTH));
  expect(depth).toBe(N);

  await Promise.all([world.startWorker(), world.startWorker()]);
  await until(
    `${N} deliveries to be applied`,
    async () => ((world.notify.effects()['gui-sms'] ?? 0) >= N ? true : undefined),
    80_000,
    250,
  );
  await until('the queue to be empty', async () =>
    (await scrape(hub.url)).get(DEPTH) === 0 ? true : undefined,
  );

  const applied = await appliedCounts(world);
  expect(applied.size).toBe(N);
  expect([...applied.keys()].filter((id) => !ids.has(id))).toEqual([]);
  expect([...applied.values()].filter((n) => n !== 1)).toEqual([]);
  process.stdout.write(
    `redis-restart drill: ${N} accepted (${THROUGH_API} through the API) in ${accepted - started} ms with start-up, all delivered ${Date.now() - accepted} ms later\n`,
  );
}, 120_000);
