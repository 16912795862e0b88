/**
 * Fault drill: a worker process killed with SIGKILL in the middle of deliveries. Two deliveries are in
 * flight when it dies — one the gateway has already applied while its answer is still dripping back, one
 * the gateway holds before applying anything. Both stay active in Redis until the dead worker's lock
 * expires; a restarted worker then takes them up (stalled-job recovery) and delivers them again with the
 * same idempotency key, and the gateway has applied each exactly once. The worker that takes them up says
 * so in its log, one line per delivery.
 */
import { sendDelivery, smsDelivery } from '../helpers/delivery-load';
import { startFaultWorld, WARD, type FaultWorld } from '../helpers/fault-world';
import { appliedCounts, settled, sleep, statusOf, until } from './drill';

let fw: FaultWorld | undefined;
afterEach(async () => {
  await fw?.close();
  fw = undefined;
}, 30_000);

it('a delivery in flight when its worker is killed is completed by the next worker and applied once', async () => {
  // A 2 s lock checked every second; calls may take 30 s, so the slow answers below are not timed out.
  fw = await startFaultWorld({
    env: {
      LIENTHONG_WORKER_LOCK_MS: '2000',
      LIENTHONG_WORKER_STALLED_MS: '1000',
      LIENTHONG_UPSTREAM_TIMEOUT_MS: '30000',
    },
  });
  const world = fw;
  const hub = await world.startHub();
  const client = world.world.client(WARD, 'MOTCUA', hub.url);
  const first = await world.startWorker('worker-a');

  // X: the gateway applies it at once, then drips its answer back for ~20 s.
  world.notify.setFaults({ slowDripMs: 2000 });
  const x = await sendDelivery(world.agent, hub.url, world.ward, smsDelivery('HS-CRASH-X'));
  expect(x.status).toBe(202);
  await until('the gateway to apply X', async () =>
    (await appliedCounts(world)).get(x.id!) ? true : undefined,
  );

  // Y: the gateway holds the call for 20 s before it applies anything.
  world.notify.setFaults({ slowDripMs: 0, latencyMs: 20_000 });
  const y = await sendDelivery(world.agent, hub.url, world.ward, smsDelivery('HS-CRASH-Y'));
  expect(y.status).toBe(202);
  await until('Y to be active', async () =>
    (await statusOf(client, y.id!)).state === 'active' ? true : undefined,
  );
  await sleep(300);

  await first.kill();
  const killedAt = Date.now();
  expect((await statusOf(client, x.id!)).state).toBe('active');
  expect((await statusOf(client, y.id!)).state).toBe('active');

  world.notify.resetFaults();
  const second = await world.startWorker('worker-b');
  const done = await settled(client, [x.id!, y.id!], ['completed', 'dead'], 30_000);
  expect(done.map((s) => s.state)).toEqual(['completed', 'completed']);
  // Taken up only once the lock of the killed worker had expired, well within the drill's bound.
  expect(Date.now() - killedAt).toBeGreaterThanOrEqual(2000);

  const applied = await appliedCounts(world);
  expect(applied.get(x.id!)).toBe(1);
  expect(applied.get(y.id!)).toBe(1);
  // X did reach the gateway twice: the second call was answered from its idempotency record.
  const calls = world.notify.requests().filter((r) => r.idempotencyKey === x.id);
  expect(calls.length).toBe(2);
  // The recovery is logged, naming each delivery and its destination (and nothing of its content).
  const recovered = second
    .output()
    .split('\n')
    .filter((l) => l.includes('delivery taken up again'))
    .map((l) => JSON.parse(l) as { deliveryId: string; destination: string });
  expect(recovered.map((r) => r.deliveryId).sort()).toEqual([x.id!, y.id!].sort());
  expect(recovered.every((r) => r.destination === 'notify')).toBe(true);
  expect(second.output()).not.toContain('+84912345678');
}, 90_000);
