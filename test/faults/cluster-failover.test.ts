/**
 * Fault drill on a Redis Cluster (3 masters, 3 replicas): two hub processes and two worker processes, 240
 * deliveries (some of them ordered per dossier) sent over both APIs. Once deliveries are in flight, the
 * master that holds the queues' slot (`{lienthong}`) is killed (SIGKILL); its replica takes over. A member
 * whose request failed during the failover sends it again with the same Idempotency-Key, as the protocol
 * asks. At the end: every accepted delivery was applied by the gateway exactly once (counted by its request
 * id, which the worker sends as the gateway's idempotency key), no delivery was applied that was never
 * accepted, and each dossier's messages arrived in order.
 */
import { sendDelivery, smsDelivery, type DeliveryRequest } from '../helpers/delivery-load';
import { startFaultWorld, WARD, type FaultWorld } from '../helpers/fault-world';
import { QUEUE_PREFIX } from '../../queue/queues';
import { admin, outbox, sleep, statusOf, until } from './drill';

const TOTAL = 240;
const DOSSIERS = 6;

let fw: FaultWorld | undefined;
afterEach(async () => {
  await fw?.close();
  fw = undefined;
}, 60_000);

/** Sends until the hub answers 202, retrying what a failover makes fail (5xx, 429, in flight). */
/** A delivery's state as the hub's operators see it (the dead-letter view), or its status for the sender. */
async function stateOf(world: FaultWorld, hubUrl: string, id: string): Promise<string> {
  const r = await admin(world, hubUrl, 'GET', `/v1/dead-letters/${id}`);
  if (r.status === 200) return `dead (${JSON.stringify(r.body).slice(0, 200)})`;
  const s = await statusOf(world.world.client(WARD, 'MOTCUA', hubUrl), id).catch((e: Error) => ({
    state: e.message,
    attempts: 0,
  }));
  return `${s.state}, ${s.attempts} attempts`;
}

async function sendUntilAccepted(
  world: FaultWorld,
  url: string,
  d: DeliveryRequest,
): Promise<{ id: string; tries: number }> {
  for (let tries = 1; ; tries++) {
    const r = await sendDelivery(world.agent, url, world.ward, d).catch(() => ({
      status: 0,
      id: undefined,
      code: 'NETWORK',
    }));
    if (r.status === 202 && r.id) return { id: r.id, tries };
    const retryable =
      r.status === 0 || r.status >= 500 || r.status === 429 || r.code === 'IDEMPOTENCY_IN_FLIGHT';
    if (!retryable || tries > 100)
      throw new Error(`delivery ${d.idempotencyKey}: HTTP ${r.status} ${r.code}`);
    await sleep(200);
  }
}

it('a master killed with deliveries in flight: a replica takes over, nothing is lost or applied twice', async () => {
  fw = await startFaultWorld({ cluster: true });
  const world = fw;
  const cluster = world.cluster!;
  const hubs = await Promise.all([world.startHub('hub-a'), world.startHub('hub-b')]);
  const workers = await Promise.all([world.startWorker('worker-a'), world.startWorker('worker-b')]);
  const victim = await cluster.masterOf(`${QUEUE_PREFIX}:anything`);

  // Eight chains sent side by side, each one request after the other: one per dossier (ordered, its step
  // number in the reference) and two of unordered deliveries.
  const chains: DeliveryRequest[][] = Array.from({ length: DOSSIERS + 2 }, () => []);
  for (let i = 0; i < TOTAL; i++) {
    const c = i % chains.length;
    chains[c].push(
      c < DOSSIERS
        ? { ...smsDelivery(`HS-${c}#${String(i).padStart(4, '0')}`), orderingKey: `HS-${c}` }
        : smsDelivery(`HS-FREE-${i}`),
    );
  }
  let accepted = 0;
  let killed = false;
  const kill = (async () => {
    await until(
      'deliveries to be in flight',
      async () => (accepted >= TOTAL / 3 ? true : undefined),
      60_000,
      20,
    );
    await victim.kill();
    killed = true;
  })();
  const refs = chains.flat().map((d) => String(d.input.reference));
  const sent = (
    await Promise.all(
      chains.map(async (chain, c) => {
        const out: { id: string; tries: number }[] = [];
        for (const d of chain) {
          out.push(await sendUntilAccepted(world, hubs[c % 2].url, d));
          accepted++;
        }
        return out;
      }),
    )
  ).flat();
  await kill;
  expect(killed).toBe(true);
  await cluster.waitHealthy();
  // The replica of the killed master serves the queues' slot now.
  expect((await cluster.masterOf(`${QUEUE_PREFIX}:anything`)).port).not.toBe(victim.port);
  // KNOWN GAP, not what this drill proves: a BullMQ worker whose blocking connection was on the killed
  // master can stay idle after the failover while jobs wait (upstream: taskforcesh/bullmq#3088, #648; seen
  // here in about one run in three, "waiting, 0 attempts"). The worker runtime has no watchdog for it yet,
  // so the drill restarts the workers, as an operator (or systemd's watchdog) would. What it proves is the
  // hub's side: every delivery answered 202 survives the failover and is applied exactly once.
  await Promise.all(workers.map((w) => w.stop(5000)));
  await Promise.all([world.startWorker('worker-c'), world.startWorker('worker-d')]);

  const ids = new Set(sent.map((s) => s.id));
  expect(ids.size).toBe(TOTAL);
  const byId = new Map(sent.map((x, i) => [x.id, refs[i]]));
  const applied = await until(
    'every accepted delivery to be applied',
    async () => {
      const all = await outbox(world);
      return new Set(all.map((m) => m.requestId)).size >= TOTAL ? all : undefined;
    },
    90_000,
    250,
  ).catch(async (err: Error) => {
    // Say which deliveries are missing, and what the hub knows of them, rather than only that time ran out.
    const seen = new Set((await outbox(world)).map((m) => m.requestId));
    const missing = [...byId].filter(([id]) => !seen.has(id));
    const states = await Promise.all(
      missing.slice(0, 10).map(async ([id, ref]) => `${ref}: ${await stateOf(world, hubs[0].url, id)}`),
    );
    throw new Error(`${err.message}: ${missing.length} of ${TOTAL} not applied; ${states.join('; ')}`);
  });
  // Give a late duplicate (a retry of an applied delivery) the time to show up before counting.
  await sleep(3000);
  const final = await outbox(world);
  const counts = new Map<string, number>();
  for (const m of final) counts.set(m.requestId, (counts.get(m.requestId) ?? 0) + 1);
  expect([...counts.keys()].filter((id) => !ids.has(id))).toEqual([]);
  expect([...counts].filter(([, n]) => n !== 1)).toEqual([]);
  expect(final.length).toBeGreaterThanOrEqual(applied.length);
  // Per dossier, the steps arrived in the order they were sent.
  for (let dossier = 0; dossier < DOSSIERS; dossier++) {
    const steps = final
      .map((m) => m.reference ?? '')
      .filter((ref) => ref.startsWith(`HS-${dossier}#`))
      .map((ref) => ref.split('#')[1]);
    expect(steps).toEqual([...steps].sort());
    expect(steps.length).toBeGreaterThan(0);
  }
}, 240_000);
