/**
 * Statutory limits in working days, end to end on real Redis and the simulators, with the dossiers' clock
 * set to the moments that matter: a household business received on the Friday before Tết Bính Ngọ (the
 * nine days off do not count), one received after office hours on a Friday (counted from Monday), and a
 * land transfer received on 30/12/2026 whose limit runs into 2027 (New Year off) and which ends late.
 * The timeline shows every time in +07:00; the overdue list and the portal's on-time flag (DungHan)
 * follow the calendar.
 */
import { buyerFor, freeParcels } from '../../adapters/land-registry/simulator/records';
import { getPopulation } from '../../adapters/sdk/simulator/population';
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
const at = (local: string) => Date.parse(`${local}+07:00`);

beforeAll(async () => {
  pw = await startProcedureWorld(redis, {
    simulators: { tax: { autoPayAfterMs: 500 } as Record<string, unknown> },
    procedureClock: clock.now,
  });
}, 60_000);

const BUSINESS = 'kinh-doanh.ho-kinh-doanh';
const commune = () => pw.world.client('VN:GOV:79:UBND-HUNGLONG', 'MOTCUA');
const { ownerId } = pop.scenarios.business;
const owner = pop.person(ownerId)!;
const withBusiness = new Set(pop.businesses.map((b) => b.ownerId));
/** Adults of the owner's province with no business yet, one per dossier. */
const applicants = pop.persons.filter(
  (p) =>
    p.personalId !== ownerId &&
    p.permanentAddress.provinceCode === owner.permanentAddress.provinceCode &&
    p.dateOfBirth < '2000-01-01' &&
    !withBusiness.has(p.personalId),
);

const submitBusiness = async (n: number) => {
  const res = await commune().request('POST', '/v1/procedures/household-business/dossiers', {
    purpose: BUSINESS,
    body: {
      applicant: { personalId: applicants[n].personalId },
      form: {
        businessName: `Hộ kinh doanh Tạp hóa Số ${n + 1}`,
        activityCodes: ['4722'],
        capital: 50_000_000,
        employees: 1,
        businessCommuneCode: owner.permanentAddress.communeCode,
        businessAddress: `Số ${n + 1} đường Lê Lợi`,
      },
    },
  });
  expect(res.status).toBe(202);
  return (res.body as { dossierCode: string }).dossierCode;
};

/** What the simulated portal holds for a dossier: its due date and its own on-time flag. */
const portalCopy = async (code: string) =>
  (
    (await (await fetch(`${pw.world.simulators['national-portal'].url}/api/v1/hoso/${code}`)).json()) as {
      data: { NgayHenTra: string; DungHan: 0 | 1 | null; TrangThaiHoSo: number };
    }
  ).data;

/** Every string of a JSON value that looks like a timestamp. */
const timestamps = (v: unknown): string[] =>
  typeof v === 'string'
    ? /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)
      ? [v]
      : []
    : Array.isArray(v)
      ? v.flatMap(timestamps)
      : v && typeof v === 'object'
        ? Object.values(v).flatMap(timestamps)
        : [];

const stepOf = (t: Timeline, id: string) => t.steps.find((s) => s.id === id)!;

describe('limits in working days', () => {
  it('received on the Friday before Tết: due after the nine days off, at the close of the third working day', async () => {
    clock.set(at('2026-02-13T16:30:00'));
    const code = await submitBusiness(0);
    const t = await waitForStatus(commune(), code, BUSINESS, [10, 5, 8]);
    expect(t.status.code).toBe(10);
    expect(t.receivedAt).toMatch(/^2026-02-13T16:30:\d\d\+07:00$/);
    // Monday 23/2, Tuesday 24/2, Wednesday 25/2.
    expect(t.dueAt).toBe('2026-02-25T17:00:00+07:00');
    expect(stepOf(t, 'register-business').dueAt).toBe('2026-02-25T17:00:00+07:00');
    expect(stepOf(t, 'register-tax').dueAt).toBe('2026-02-23T17:00:00+07:00');
    expect(t.onTime).toBe(true);
    // Every time a person sees is in Vietnam time, those the queue records in UTC included.
    const all = timestamps(t);
    expect(all.length).toBeGreaterThan(8);
    for (const s of all) expect(s).toMatch(/\+07:00$/);

    const portal = await until(async () => {
      const p = await portalCopy(code);
      return p.TrangThaiHoSo === 10 ? p : undefined;
    });
    expect(portal.NgayHenTra).toBe('20260225170000');
    expect(portal.DungHan).toBe(1);
  });

  it('received after office hours on a Friday: counted from Monday', async () => {
    clock.set(at('2026-12-04T17:30:00'));
    const code = await submitBusiness(1);
    const t = await waitForStatus(commune(), code, BUSINESS, [10, 5, 8]);
    // Received Monday 7/12 at the opening: Tuesday, Wednesday, Thursday.
    expect(t.dueAt).toBe('2026-12-10T17:00:00+07:00');
    expect(t.onTime).toBe(true);
  });
});

describe('across the year boundary, overdue and late', () => {
  const LAND = 'dat-dai.chuyen-nhuong';
  const office = () => pw.world.client('VN:GOV:01:VPDKDD', 'DATDAI');
  const autoPay = (afterMs: number | null) =>
    fetch(`${pw.world.simulators.tax.url}/__sim/auto-pay`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ afterMs }),
    });
  const overdue = async (client = office(), purpose = LAND) => {
    const res = await client.request('GET', '/v1/dossiers/overdue', { purpose });
    expect(res.status).toBe(200);
    return res.body as {
      at: string;
      dossiers: { dossierCode: string; dueAt: string; overdueWorkingDays: number; stepsOverdue: string[] }[];
    };
  };

  it('received 30/12/2026, due 14/1/2027; past it, the dossier is on the overdue list; paid, it ends late', async () => {
    const parcel = freeParcels(pop).find((p) => p.address.provinceCode === '01' && p.holderIds.length > 0)!;
    const buyer = buyerFor(parcel, pop, 7);
    expect((await autoPay(null)).status).toBe(200);
    try {
      clock.set(at('2026-12-30T10:00:00'));
      const res = await office().request('POST', '/v1/procedures/land-transfer/dossiers', {
        purpose: LAND,
        body: {
          applicant: { personalId: parcel.holderIds[0] },
          form: {
            parcelCommuneCode: parcel.communeCode,
            mapSheetNumber: parcel.mapSheetNumber,
            parcelNumber: parcel.parcelNumber,
            transfereePersonalId: buyer.personalId,
            contractNumber: '15/2026/CCGD',
            notarisedAt: '2026-11-28',
            notary: 'Văn phòng công chứng Hoàn Kiếm',
            declaredPrice: 1_800_000_000,
          },
        },
      });
      expect(res.status).toBe(202);
      const code = (res.body as { dossierCode: string }).dossierCode;
      const waiting = await until(async () => {
        const t = await timelineOf(office(), code, LAND);
        return stepOf(t, 'payment')?.state === 'queued' ? t : undefined;
      });
      // 31/12, then (1/1 off, weekend) 4–8/1 and 11–14/1: ten working days.
      expect(waiting.dueAt).toBe('2027-01-14T17:00:00+07:00');
      expect(stepOf(waiting, 'register-transfer').dueAt).toBe('2026-12-31T17:00:00+07:00');
      expect(waiting.overdue).toBe(false);
      expect((await overdue()).dossiers.map((d) => d.dossierCode)).not.toContain(code);

      // Friday 15/1 and Monday 18/1 until 10:00: one and a quarter working days late.
      clock.set(at('2027-01-18T10:00:00'));
      const late = await timelineOf(office(), code, LAND);
      expect(late.overdue).toBe(true);
      const list = await overdue();
      expect(list.at).toMatch(/^2027-01-18T10:00:\d\d\+07:00$/);
      expect(list.dossiers.find((d) => d.dossierCode === code)).toEqual(
        expect.objectContaining({
          dueAt: '2027-01-14T17:00:00+07:00',
          overdueWorkingDays: 1.3,
          stepsOverdue: [],
        }),
      );
      // Another agency does not see the land office's dossiers.
      const other = await overdue(commune(), BUSINESS);
      expect(other.dossiers.map((d) => d.dossierCode)).not.toContain(code);

      expect((await autoPay(0)).status).toBe(200);
      const done = await waitForStatus(office(), code, LAND, [10, 5, 8], 40_000);
      expect(done.status.code).toBe(10);
      expect(done.onTime).toBe(false);
      expect(done.overdue).toBe(false);
      expect((await overdue()).dossiers.map((d) => d.dossierCode)).not.toContain(code);
      const portal = await until(async () => {
        const p = await portalCopy(code);
        return p.TrangThaiHoSo === 10 ? p : undefined;
      });
      expect(portal.NgayHenTra).toBe('20270114170000');
      expect(portal.DungHan).toBe(0);
    } finally {
      await autoPay(500);
    }
  });
});
