/**
 * Land-use-right transfer joint with tax, end to end on the simulators: registration of the change → Mẫu 15
 * information slip → obligations from the tax office → payment (polled until the treasury confirms) →
 * land-record update. The tax system is down for its first attempts and the dossier stays "processing";
 * a payment that outlasts its statutory limit is flagged overdue and the dossier ends late.
 */
import { Queue } from 'bullmq';
import { buyerFor, freeParcels } from '../../adapters/land-registry/simulator/records';
import { DOSSIER_STATUSES } from '../../contracts/schemas/dossier';
import { withoutDiacritics } from '../../hub/procedures/sms';
import { deliveryQueueName, QUEUE_PREFIX } from '../../queue';
import { getPopulation, type SynthParcel } from '../../adapters/sdk/simulator/population';
import { useRedis } from '../helpers/redis';
import {
  skewedClock,
  startProcedureWorld,
  timelineOf,
  until,
  waitForStatus,
  type ProcedureWorld,
  type Timeline,
} from './helpers';

const redis = useRedis();
let pw: ProcedureWorld;
const clock = skewedClock();
const pop = getPopulation();
const PURPOSE = 'dat-dai.chuyen-nhuong';
const PROCEDURE = '/v1/procedures/land-transfer';
const HOUR = 3_600_000;
// Each test runs whole dossiers (several steps, a payment polled every 2 s): on a loaded machine one takes
// well over jest's default 30 s.
jest.setTimeout(90_000);

beforeAll(async () => {
  pw = await startProcedureWorld(redis, {
    simulators: { tax: { autoPayAfterMs: 1000 } as Record<string, unknown> },
    procedureClock: clock.now,
  });
}, 60_000);

const office = () => pw.world.client('VN:GOV:01:VPDKDD', 'DATDAI');

const formFor = (parcel: SynthParcel, buyerId: string) => ({
  parcelCommuneCode: parcel.communeCode,
  mapSheetNumber: parcel.mapSheetNumber,
  parcelNumber: parcel.parcelNumber,
  transfereePersonalId: buyerId,
  contractNumber: '2481/2026/CCGD',
  notarisedAt: '2026-11-18',
  notary: 'Văn phòng công chứng Nguyễn Trãi',
  declaredPrice: 3_200_000_000,
});

const submit = async (applicantId: string, form: Record<string, unknown>) => {
  const res = await office().request('POST', `${PROCEDURE}/dossiers`, {
    purpose: PURPOSE,
    body: { applicant: { personalId: applicantId }, form },
  });
  expect(res.status).toBe(202);
  return (res.body as { dossierCode: string }).dossierCode;
};

const stepOf = (t: Timeline, id: string) => t.steps.find((s) => s.id === id)!;

/**
 * The SMS the applicant got and the status updates the portal accepted for a dossier, and every call the
 * gateway and the portal received (a repeated delivery is acknowledged by them, not applied again: only
 * the calls show it).
 */
const announcementsOf = async (code: string) => {
  const state = async (id: string) => (await fetch(`${pw.world.simulators[id].url}/__admin/state`)).json();
  const notify = (await state('notify')) as { messages: { reference?: string }[] };
  const portal = (await state('national-portal')) as { updates: Record<string, { outcome: string }[]> };
  return {
    sms: notify.messages.filter((m) => m.reference === code).length,
    portal: (portal.updates[code] ?? []).filter((u) => u.outcome === 'accepted').length,
    gatewayCalls: pw.world.simulators.notify.requests().length,
    portalCalls: pw.world.simulators['national-portal'].requests().length,
  };
};

/** Whether the SMS and the portal update announcing `status` of a dossier have both arrived. */
const hasAnnounced = async (code: string, status: number) => {
  const state = async (id: string) => (await fetch(`${pw.world.simulators[id].url}/__admin/state`)).json();
  const notify = (await state('notify')) as { messages: { reference?: string; text: string }[] };
  const portal = (await state('national-portal')) as {
    updates: Record<string, { status: number; outcome: string }[]>;
  };
  const name = DOSSIER_STATUSES[status as keyof typeof DOSSIER_STATUSES].vi;
  return (
    // The SMS keeps its diacritics only when they fit in one segment (hub/procedures/sms.ts).
    notify.messages.some(
      (m) =>
        m.reference === code && withoutDiacritics(m.text).includes(`${code}: ${withoutDiacritics(name)}.`),
    ) && (portal.updates[code] ?? []).some((u) => u.status === status && u.outcome === 'accepted')
  );
};

/** Whether no delivery to these destinations is waiting, delayed or in progress. */
const drained = async (destinations: string[]) => {
  for (const d of destinations) {
    const q = new Queue(deliveryQueueName(d), { connection: { url: redis.url }, prefix: QUEUE_PREFIX });
    try {
      const counts = await q.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
      if (Object.values(counts).some((n) => n > 0)) return false;
    } finally {
      await q.close();
    }
  }
  return true;
};

/** Removes the completed delivery jobs of some destinations, as their retention (keepCompletedSec) would. */
const dropCompletedJobs = async (destinations: string[]) => {
  for (const d of destinations) {
    const q = new Queue(deliveryQueueName(d), { connection: { url: redis.url }, prefix: QUEUE_PREFIX });
    try {
      expect((await q.clean(0, 100_000, 'completed')).length).toBeGreaterThan(0);
    } finally {
      await q.close();
    }
  }
};

describe('land-use-right transfer', () => {
  it('asks only for the parcel reference, the buyer, the contract and the price', async () => {
    const { transferorIds } = pop.scenarios.land;
    const pre = await office().request('GET', `${PROCEDURE}/prefill?subject=${transferorIds[0]}`, {
      purpose: PURPOSE,
    });
    expect(pre.status).toBe(200);
    const body = pre.body as {
      toType: Record<string, { why: string }>;
      prefilled: Record<string, { value: Record<string, unknown>; source: string }>;
    };
    expect(Object.keys(body.toType).sort()).toEqual([
      'contractNumber',
      'declaredPrice',
      'mapSheetNumber',
      'notarisedAt',
      'notary',
      'parcelCommuneCode',
      'parcelNumber',
      'transfereePersonalId',
    ]);
    const held = new Set(Object.values(body.prefilled).flatMap((p) => Object.keys(p.value)));
    for (const f of Object.keys(body.toType)) expect(held.has(f)).toBe(false);
    expect(body.prefilled.applicant).toMatchObject({
      source: 'VN:GOV:00:BCA/DANCU/person-by-id/v1',
      value: { personalId: transferorIds[0] },
    });
  });

  it('completes while the tax system is down for its first attempts: retried, never out of "processing"', async () => {
    const { parcel, transferorIds, transfereeId } = pop.scenarios.land;
    const tax = pw.world.simulators.tax;
    tax.setFaults({ failNext: 2, errorStatus: 503 });
    try {
      const code = await submit(transferorIds[0], formFor(parcel, transfereeId));
      const t = await waitForStatus(office(), code, PURPOSE, [10, 5, 8], 20_000);
      expect(t.reason).toBeUndefined();
      expect(t.status.code).toBe(10);
      expect(t.steps.map((s) => `${s.id}:${s.state}`)).toEqual([
        'register-transfer:done',
        'information-slip:done',
        'obligations:done',
        'payment:done',
        // Paid at the treasury (polled from tax): the online payment's steps are skipped.
        'payment-request:skipped',
        'payment-online:skipped',
        'complete-transfer:done',
      ]);
      // The two refused calls were the obligations step's first attempts; the third went through. The
      // timeline lists each failed attempt.
      expect(stepOf(t, 'obligations').attempts).toBe(3);
      expect(stepOf(t, 'obligations').errors?.map((e) => [e.attempt, e.code, e.retryable])).toEqual([
        [1, 'unavailable', true],
        [2, 'unavailable', true],
      ]);
      // Never "supplement requested", "stopped" or "waiting for an officer" on the way.
      const seen = t.history.map((h) => h.status);
      expect(seen.filter((s) => [5, 8].includes(s))).toEqual([]);
      expect(seen[0]).toBe(1);
      expect(seen.at(-1)).toBe(10);
      expect(seen).toContain(4);
      expect(t.onTime).toBe(true);

      // The land record now shows the buyer as the holder.
      const after = await office().call('VN:GOV:01:VPDKDD/DATDAI/parcel/v1', {
        purpose: PURPOSE,
        body: {
          communeCode: parcel.communeCode,
          mapSheetNumber: parcel.mapSheetNumber,
          parcelNumber: parcel.parcelNumber,
        },
      });
      expect(after.status).toBe(200);
      const holders = (after.body as { holders: { personalId?: string }[] }).holders;
      expect(holders.map((h) => h.personalId)).toEqual([transfereeId]);
    } finally {
      tax.resetFaults();
    }
  });

  it('a payment past its statutory limit is flagged overdue, and the dossier ends late', async () => {
    const parcel = freeParcels(pop).find((p) => p.address.provinceCode === '01' && p.holderIds.length > 0)!;
    const buyer = buyerFor(parcel, pop, 3);
    const taxUrl = pw.world.simulators.tax.url;
    const autoPay = (afterMs: number | null) =>
      fetch(`${taxUrl}/__sim/auto-pay`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ afterMs }),
      });
    expect((await autoPay(null)).status).toBe(200);
    try {
      const code = await submit(parcel.holderIds[0], formFor(parcel, buyer.personalId));
      const waiting = await until(async () => {
        const t = await timelineOf(office(), code, PURPOSE);
        return stepOf(t, 'payment')?.state === 'queued' ? t : undefined;
      });
      expect(stepOf(waiting, 'payment').overdue).toBe(false);
      // The payment step is queued when the dossier reaches status 6, but the SMS and the portal update that
      // announce status 6 are deliveries of their own, still on their way (and so may be the last ones of the
      // dossier of the test before): count once both have arrived and no announcement is left to deliver.
      await until(async () =>
        (await hasAnnounced(code, waiting.status.code)) && (await drained(['notify', 'national-portal']))
          ? true
          : undefined,
      );
      const announced = await announcementsOf(code);
      expect(announced.sms).toBeGreaterThan(0);
      expect(announced.portal).toBeGreaterThan(0);

      // Two months later the payment (limit 30 working days) is still not made. By then the jobs of the announcements
      // (their idempotency records) have long expired: the engine's sweeps must not announce them again.
      // The clock moves first and a whole sweep runs on it before the jobs go: a sweep on the old clock, between
      // dropping the jobs and moving the clock, would re-send the (then young) announcements, which no real
      // retention can do (jobs are kept a day, announcements re-sent for an hour).
      clock.advance(61 * 24 * HOUR);
      await pw.worker.nextSweep();
      await dropCompletedJobs(['notify', 'national-portal']);
      await pw.worker.nextSweep();
      expect(await announcementsOf(code)).toEqual(announced);
      const late = await timelineOf(office(), code, PURPOSE);
      expect(stepOf(late, 'payment')).toMatchObject({ state: 'queued', overdue: true });
      expect(stepOf(late, 'register-transfer').overdue).toBe(false);
      expect(late.status.code).not.toBe(10);

      expect((await autoPay(0)).status).toBe(200);
      const done = await waitForStatus(office(), code, PURPOSE, [10, 5, 8], 40_000);
      expect(done.status.code).toBe(10);
      expect(done.onTime).toBe(false);
      expect(stepOf(done, 'payment').overdue).toBe(true);
    } finally {
      await autoPay(1000);
    }
  });

  it('a step refused for good that is the officer\'s to decide waits for them; their "retry" completes the dossier', async () => {
    const parcel = freeParcels(pop).filter(
      (p) => p.address.provinceCode === '01' && p.holderIds.length > 0,
    )[1];
    const buyer = buyerFor(parcel, pop, 5);
    const tax = pw.world.simulators.tax;
    tax.setFaults({ failNext: 1, errorStatus: 400 });
    let code: string;
    try {
      code = await submit(parcel.holderIds[0], formFor(parcel, buyer.personalId));
      const handed = await until(async () => {
        const t = (await timelineOf(office(), code, PURPOSE)) as Timeline & {
          needsOfficer?: { step: string };
        };
        return t.needsOfficer ? t : undefined;
      });
      expect(handed.needsOfficer).toMatchObject({ step: 'obligations' });
      expect(handed.status.code).toBe(4);
      expect(stepOf(handed, 'obligations')).toMatchObject({ state: 'failed', attempts: 1 });
    } finally {
      tax.resetFaults();
    }

    const decide = (client: ReturnType<typeof office>, body: unknown) =>
      client.request('POST', `/v1/dossiers/${code}/decisions`, { purpose: PURPOSE, body });
    // Nobody but the processing unit decides; a stop needs its reason; an unknown action is refused.
    const ward = pw.world.client('VN:GOV:01:UBND-NGOCHA', 'MOTCUA');
    expect((await decide(ward, { action: 'retry' })).status).toBe(404);
    const noReason = await decide(office(), { action: 'stop' });
    expect(noReason.status).toBe(422);
    expect(noReason.body).toMatchObject({
      code: 'CONTRACT_INVALID',
      errors: [{ path: 'reason', code: 'FIELD_REQUIRED' }],
    });
    expect((await decide(office(), { action: 'approve' })).status).toBe(422);

    const retried = await decide(office(), { action: 'retry' });
    expect(retried.status).toBe(200);
    const t = await waitForStatus(office(), code, PURPOSE, [10, 5, 8]);
    expect(t.status.code).toBe(10);
    expect((t as Timeline & { needsOfficer?: unknown }).needsOfficer).toBeUndefined();
    expect((t as Timeline & { decisions?: unknown[] }).decisions).toEqual([
      expect.objectContaining({ step: 'obligations', action: 'retry', by: 'VN:GOV:01:VPDKDD/DATDAI' }),
    ]);
    expect(stepOf(t, 'obligations').state).toBe('done');

    // Nothing is waiting any more.
    const late = await decide(office(), { action: 'stop', reason: 'hồ sơ đã xong' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'DOSSIER_NOT_WAITING' });
  });
});
