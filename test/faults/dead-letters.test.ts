/**
 * Fault drill: the destination fails every call (HTTP 503) for good. Each delivery is tried its N = 3
 * attempts, then goes to the dead-letter queue with the signed request and all three errors; the hub's
 * /metrics counts them. Once the destination recovers, an operator redrives one through the API
 * (POST /v1/dead-letters/{id}/redrive with the admin token) and the rest with the CLI
 * (`lienthong dlq redrive --all`, a separate process with the same environment); each is then delivered,
 * applied once.
 *
 * Three deliveries: nine failed calls stay under the breaker's volume threshold (ten), so every attempt
 * reaches the gateway and the drill stays short.
 */
import { sendDelivery, smsDelivery } from '../helpers/delivery-load';
import { startFaultWorld, WARD, type FaultWorld } from '../helpers/fault-world';
import { admin, appliedCounts, scrape, settled } from './drill';

const N = 3;

let fw: FaultWorld | undefined;
afterEach(async () => {
  await fw?.close();
  fw = undefined;
}, 30_000);

it('deliveries failing for good are dead-lettered after N attempts with every error, and redriven by API and CLI', async () => {
  fw = await startFaultWorld({
    env: {
      LIENTHONG_DELIVERY_ATTEMPTS: '3',
      LIENTHONG_DELIVERY_BACKOFF_BASE_MS: '100',
      LIENTHONG_DELIVERY_BACKOFF_CAP_MS: '300',
    },
  });
  const world = fw;
  const hub = await world.startHub();
  await world.startWorker();
  const client = world.world.client(WARD, 'MOTCUA', hub.url);

  world.notify.setFaults({ errorRate: 1, errorStatus: 503 });
  const sent = await Promise.all(
    Array.from({ length: N }, (_, i) =>
      sendDelivery(world.agent, hub.url, world.ward, smsDelivery(`HS-DLQ-${i}`)),
    ),
  );
  const ids = sent.map((r) => r.id!);
  const dead = await settled(client, ids, ['dead'], 30_000);
  for (const s of dead) {
    expect(s.attempts).toBe(3);
    expect(s.errors.map((e) => [e.attempt, e.code, e.retryable])).toEqual([
      [1, 'unavailable', true],
      [2, 'unavailable', true],
      [3, 'unavailable', true],
    ]);
  }

  const list = await admin(world, hub.url, 'GET', '/v1/dead-letters');
  expect(list.body.total).toBe(N);
  const shown = await admin(world, hub.url, 'GET', `/v1/dead-letters/${ids[0]}`);
  expect(shown.body).toMatchObject({ id: ids[0], data: { id: ids[0], destination: 'notify' } });
  expect((shown.body.data as { signed: { signature: string } }).signed.signature).toMatch(
    /^[\w-]+\.\.[\w-]+$/,
  );
  expect((shown.body.errors as unknown[]).length).toBe(3);
  expect((await scrape(hub.url)).get('lienthong_dead_letters{destination="notify"}')).toBe(N);
  expect(await appliedCounts(world)).toEqual(new Map());

  world.notify.resetFaults();
  const one = await admin(world, hub.url, 'POST', `/v1/dead-letters/${ids[0]}/redrive`);
  expect(one).toMatchObject({ status: 202, body: { id: ids[0], status: 'redriven' } });
  expect((await settled(client, [ids[0]], ['completed', 'dead']))[0].state).toBe('completed');

  const cli = await world.cli(['dlq', 'redrive', '--all']);
  expect(cli.code).toBe(0);
  expect(cli.output).toContain(`redriven ${N - 1}`);
  const after = await settled(client, ids, ['completed', 'dead']);
  expect(after.map((s) => s.state)).toEqual(['completed', 'completed', 'completed']);
  // The earlier errors stay on record beside the success.
  expect(after.every((s) => s.errors.length === 3)).toBe(true);

  expect((await admin(world, hub.url, 'GET', '/v1/dead-letters')).body.total).toBe(0);
  expect((await scrape(hub.url)).get('lienthong_dead_letters{destination="notify"}')).toBe(0);
  const applied = await appliedCounts(world);
  expect(ids.map((id) => applied.get(id))).toEqual([1, 1, 1]);
}, 90_000);
