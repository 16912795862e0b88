/**
 * Fault drill: two hub (API) groups and two worker groups on one Redis — hub-a and worker-a each run
 * `--processes 2` (node:cluster), hub-b and worker-b one process each. 300 deliveries are spread
 * over both APIs; 60 of their Idempotency-Keys are also sent to the other API at the same moment with the
 * same body, and 10 further keys go to both APIs at once with different bodies. Every delivery is applied
 * once at the gateway (counted in its outbox by request id), a repeated key is one delivery with one
 * `created: true`, and a key reused for another body is refused (409) to exactly one of its two senders.
 * While the deliveries are sent, one process of worker-a is killed (SIGKILL): its primary starts it again,
 * and still nothing is lost or applied twice. Each hub process writes an audit chain of its own.
 */
import { readdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { mapBounded, sendDelivery, smsDelivery, type DeliveryRequest } from '../helpers/delivery-load';
import { startFaultWorld, type FaultWorld } from '../helpers/fault-world';
import { sanitiseNodeId, defaultNodeId } from '../../hub/audit/layout';
import { outbox, scrape, until } from './drill';

/** Processes of hub-a and of worker-a. */
const PROCESSES = 2;
/** The pids a group's ready line lists. */
const pidsOf = (readyLine: string): number[] =>
  /\(\d+ processes: ([\d, ]+)\)/.exec(readyLine)![1].split(', ').map(Number);

const UNIQUE = 300;
const REPEATED = 60;
const CONFLICTING = 10;

let fw: FaultWorld | undefined;
afterEach(async () => {
  await fw?.close();
  fw = undefined;
}, 30_000);

it('two API groups and two worker groups on one Redis lose nothing and apply nothing twice', async () => {
  fw = await startFaultWorld();
  const world = fw;
  const procs = ['--processes', String(PROCESSES)];
  const [hubA, hubB] = await Promise.all([world.startHub('hub-a', procs), world.startHub('hub-b')]);
  const [workerA] = await Promise.all([
    world.startWorker('worker-a', {}, procs),
    world.startWorker('worker-b'),
  ]);
  const hubPids = pidsOf(hubA.child.stdout());
  const workerPids = pidsOf(workerA.stdout());
  expect(hubPids).toHaveLength(PROCESSES);
  expect(workerPids).toHaveLength(PROCESSES);

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
  let done = 0;
  const crash = (async () => {
    await until('a third of the deliveries to be sent', async () =>
      done >= groups.length / 3 ? true : undefined,
    );
    process.kill(workerPids[0], 'SIGKILL');
    await until('worker-a to start its killed process again', async () =>
      /process restarted/.test(workerA.output()) ? true : undefined,
    );
  })();
  const sent = await mapBounded(groups, 32, async (group) => {
    const r = await Promise.all(group.map(([d, h]) => sendDelivery(world.agent, hubs[h].url, world.ward, d)));
    done++;
    return r;
  });
  await crash;
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
  // One audit chain per hub process (its node id names its pid).
  const chains = readdirSync(world.world.env.LIENTHONG_AUDIT_DIR);
  const host = defaultNodeId().slice(0, -`-${process.pid}`.length);
  for (const pid of hubPids) expect(chains).toContain(sanitiseNodeId(`${host}-${pid}`));
  // SIGTERM to a primary ends its processes, then the primary, cleanly.
  await Promise.all([hubA.child.stop(), workerA.stop()]);
  expect((await hubA.child.exited).code).toBe(0);
  expect((await workerA.exited).code).toBe(0);
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  expect([...hubPids, ...workerPids].filter(alive)).toEqual([]);
}, 180_000);
