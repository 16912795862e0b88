/**
 * Fault drill: two hub (API) processes and two worker processes on one Redis. 300 deliveries are spread
 * over both APIs; 60 of their Idempotency-Keys are also sent to the other API at the same moment with the
 * same body, and 10 further keys go to both APIs at once with different bodies. Every delivery is applied
 * once at the gateway (counted in its outbox by request id), a repeated key is one delivery with one
 * `created: true`, and a key reused for another body is refused (409) to exactly one of its two senders.
 */
import { randomUUID } from 'node:crypto';
import { mapBounded, sendDelivery, smsDelivery, type DeliveryRequest } from '../helpers/delivery-load';
import { startFaultWorld, type FaultWorld } from '../helpers/fault-world';
import { outbox, scrape, until } from './drill';

const UNIQUE = 300;
const REPEATED = 60;
const CONFLICTING = 10;

let fw: FaultWorld | undefined;
afterEach(async () => {
  await fw?.close();
  fw = undefined;
}, 30_000);

it('two APIs and two workers on one Redis lose nothing and apply nothing twice', async () => {
  fw = await startFaultWorld();
  const world = fw;
  const [hubA, hubB] = await Promise.all([world.startHub('hub-a'), world.startHub('hub-b')]);
  await Promise.all([world.startWorker('worker-a'), world.startWorker('worker-b')]);

  const unique = Array.from({ length: UNIQUE }, (_, i) => smsDelivery(`HS-TWO-${i}`));
  // Groups of [request, hub index] sent at the same moment: every key once, the repeated ones to both
  // hubs, the conflicting keys to both hubs with different texts.
  const groups: [DeliveryRequest, number][][] = unique.map((d, i) =>
    i < REPEATED
      ? [
          [d, 0],
          [d, 1],
        ]
      : [[d, i % 2]],
  );
  for (let i = 0; i < CONFLICTING; i++) {
    const key = randomUUID();
    groups.push([
      [smsDelivery(`HS-CONFLICT-${i}-A`, key), 0],
      [smsDelivery(`HS-CONFLICT-${i}-B`, key), 1],
    ]);
  }
  const hubs = [hubA, hubB];
  const sent = await mapBounded(groups, 32, (group) =>
    Promise.all(group.map(([d, h]) => sendDelivery(world.agent, hubs[h].url, world.ward, d))),
  );
  const calls = groups.flat();
  const answers = sent.flat();

  const byKey = new Map<string, { ref: string; status: number; id?: string; created?: boolean }[]>();
  calls.forEach(([d], i) => {
    const list = byKey.get(d.idempotencyKey) ?? [];
    list.push({ ref: String(d.input.reference), ...answers[i] });
    byKey.set(d.idempotencyKey, list);
  });
  const expected = new Map<string, string>(); // delivery id → reference it must carry
  for (const [, got] of byKey) {
    const accepted = got.filter((g) => g.status === 202);
    const refs = new Set(got.map((g) => g.ref));
    if (refs.size === 1) {
      // One body: every answer 202 with the same id, exactly one of them created it.
      expect(accepted).toHaveLength(got.length);
      expect(new Set(accepted.map((g) => g.id)).size).toBe(1);
      expect(accepted.filter((g) => g.created)).toHaveLength(1);
    } else {
      // Two bodies for one key: one accepted, the other refused.
      expect(got.map((g) => g.status).sort()).toEqual([202, 409]);
      expect(accepted[0].created).toBe(true);
    }
    expected.set(accepted[0].id!, accepted[0].ref);
  }
  expect(expected.size).toBe(UNIQUE + CONFLICTING);

  await until(
    'every delivery to be applied',
    async () => ((world.notify.effects()['gui-sms'] ?? 0) >= expected.size ? true : undefined),
    60_000,
  );
  await until('both queues drained', async () =>
    (await scrape(hubB.url)).get('lienthong_delivery_queue_depth{destination="notify"}') === 0
      ? true
      : undefined,
  );
  const applied = await outbox(world);
  expect(applied).toHaveLength(expected.size);
  const seen = new Map<string, string | undefined>(applied.map((m) => [m.requestId, m.reference]));
  expect(seen.size).toBe(expected.size);
  for (const [id, ref] of expected) expect(seen.get(id)).toBe(ref);
}, 120_000);
