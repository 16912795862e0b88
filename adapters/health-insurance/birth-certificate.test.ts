/**
 * health-insurance simulator's electronic birth certificates through the adapter: the birth scenario's
 * certificate with its documented number, the other couples' certificates, children under 60 days on the
 * clock, look-ups only by the mother, and fresh certificates added at run time for tests.
 */
import { Agent } from 'node:http';
import { callContext, silentLogger } from '../sdk/conformance';
import { createAdapterInstance, type AdapterInstance } from '../sdk';
import { getPopulation } from '../sdk/simulator/population';
import { adapter, scenarioBirthCertificateNumber } from './index';
import { createHealthInsuranceSimulator } from './simulator';
import { plannedBirthCertificates } from './simulator/birth-certificates';
import { birthCertificateOutput } from './services/birth-certificate';

const pop = getPopulation();
const { birth } = pop.scenarios;
/** The simulator's pinned clock. */
const NOW = new Date('2026-11-22T10:00:00+07:00');
const daysBefore = (n: number) =>
  new Date(Date.parse('2026-11-22T00:00:00Z') - n * 86_400_000).toISOString().slice(0, 10);

interface Env {
  i: AdapterInstance;
  /** POST /__sim/birth-certificates */
  add(body: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  reset(): Promise<void>;
}

async function withSimulator(clock: Date, run: (env: Env) => Promise<void>) {
  const sim = await createHealthInsuranceSimulator({}, { clock: () => clock }).start();
  const agent = new Agent({ keepAlive: true });
  const i = createAdapterInstance(adapter, { baseUrl: sim.url }, { agent, logger: silentLogger });
  const add = async (body: unknown) => {
    const r = await fetch(`${sim.url}/__sim/birth-certificates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
  const reset = async () => void (await fetch(`${sim.url}/__admin/reset`, { method: 'POST' }));
  try {
    await run({ i, add, reset });
  } finally {
    await i.close();
    agent.destroy();
    await sim.close();
  }
}
type Certificate = { child: { dateOfBirth: string }; [k: string]: unknown };
const read = (i: AdapterInstance, number: string, motherPersonalId: string) =>
  i.call('birth-certificate', { number, motherPersonalId }, callContext()) as Promise<Certificate>;
const refusal = (p: Promise<unknown>) => p.then(() => undefined).catch((e: unknown) => e);

describe('health-insurance birth certificates', () => {
  it("the scenario's certificate: documented number, the couple, the maternity hospital, born 3 days ago", () =>
    withSimulator(NOW, async ({ i }) => {
      expect(scenarioBirthCertificateNumber()).toBe('GCS-01001-0000001');
      const c = await read(i, scenarioBirthCertificateNumber(), birth.motherId);
      expect(c).toMatchObject({
        number: 'GCS-01001-0000001',
        facility: birth.healthFacility,
        child: { dateOfBirth: daysBefore(3), timeOfBirth: '08:45', sex: 'male', birthWeightGrams: 3200 },
        mother: { personalId: birth.motherId, fullName: pop.person(birth.motherId)!.fullName },
        father: { personalId: birth.fatherId, fullName: pop.person(birth.fatherId)!.fullName },
        issuedAt: `${daysBefore(2)}T10:45:00+07:00`,
      });
      expect(birthCertificateOutput.validate(c, { context: { now: NOW } }).error).toBeUndefined();
    }));

  it("the other couples' certificates: each served to its mother, husband as father, child under 60 days", () =>
    withSimulator(NOW, async ({ i }) => {
      const others = plannedBirthCertificates(pop).slice(1);
      expect(others.length).toBeGreaterThanOrEqual(3);
      for (const p of others) {
        const c = await read(i, p.number, p.motherId);
        expect(pop.person(p.motherId)!.spouseId).toBe(p.fatherId);
        expect(c).toMatchObject({ facility: { code: p.facility.code }, father: { personalId: p.fatherId } });
        expect(c.child.dateOfBirth > daysBefore(60)).toBe(true);
        expect(c.child.dateOfBirth <= daysBefore(0)).toBe(true);
      }
    }));

  it('dates follow the clock: a simulator started on another day has the child born 3 days before it', () =>
    withSimulator(new Date('2027-03-01T07:00:00+07:00'), async ({ i }) => {
      const c = await read(i, scenarioBirthCertificateNumber(), birth.motherId);
      expect(c.child.dateOfBirth).toBe('2027-02-26');
    }));

  it('answers only the mother on the certificate; an unknown number is not found', () =>
    withSimulator(NOW, async ({ i }) => {
      for (const [number, mother] of [
        [scenarioBirthCertificateNumber(), birth.fatherId],
        ['GCS-01001-0000099', birth.motherId],
      ]) {
        expect(await refusal(read(i, number, mother))).toMatchObject({
          code: 'rejected',
          notFound: true,
          upstreamCode: 'KHONG_TIM_THAY_GIAY_CHUNG_SINH',
        });
      }
    }));

  it('adds fresh certificates at run time: the next numbers of the facility, defaults filled, forgotten on reset', () =>
    withSimulator(NOW, async ({ i, add, reset }) => {
      const first = await add({ soDinhDanhMe: birth.motherId, soDinhDanhCha: birth.fatherId });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        soGiayChungSinh: 'GCS-01001-0000002',
        treSoSinh: {
          ngaySinh: daysBefore(2).split('-').reverse().join('/'),
          gioSinh: '09:30',
          gioiTinh: 'Nam',
        },
      });
      const second = await add({
        soDinhDanhMe: birth.motherId,
        ngaySinhCon: '21/11/2026',
        gioSinhCon: '23:10',
        gioiTinhCon: 'Nữ',
        canNangCon: 2950,
      });
      expect(second.body.soGiayChungSinh).toBe('GCS-01001-0000003');
      const c = await read(i, 'GCS-01001-0000003', birth.motherId);
      expect(c).toMatchObject({
        child: { dateOfBirth: '2026-11-21', timeOfBirth: '23:10', sex: 'female', birthWeightGrams: 2950 },
        issuedAt: '2026-11-22T10:00:00+07:00',
      });
      expect(c).not.toHaveProperty('father');
      // Another mother: her commune's health station by default.
      const other = plannedBirthCertificates(pop)[2];
      const third = await add({ soDinhDanhMe: other.motherId });
      expect(third.body).toMatchObject({ soGiayChungSinh: `GCS-${other.facility.code}-0000002` });
      await reset();
      expect(await refusal(read(i, 'GCS-01001-0000002', birth.motherId))).toMatchObject({ notFound: true });
      expect(await read(i, scenarioBirthCertificateNumber(), birth.motherId)).toMatchObject({
        number: 'GCS-01001-0000001',
      });
    }));

  it.each([
    [
      'a mother the population does not know',
      { soDinhDanhMe: '001099999999' },
      422,
      'KHONG_XAC_MINH_DUOC_NHAN_THAN',
    ],
    ['a father as the mother', { soDinhDanhMe: birth.fatherId }, 422, 'KHONG_XAC_MINH_DUOC_NHAN_THAN'],
    [
      'a mother as the father',
      { soDinhDanhMe: birth.motherId, soDinhDanhCha: birth.motherId },
      422,
      'KHONG_XAC_MINH_DUOC_NHAN_THAN',
    ],
    ['an unknown facility', { soDinhDanhMe: birth.motherId, maCoSo: '01999' }, 422, 'MA_CO_SO_KHONG_HOP_LE'],
    [
      'a birth in the future',
      { soDinhDanhMe: birth.motherId, ngaySinhCon: '22/11/2026', gioSinhCon: '11:00' },
      400,
      'DU_LIEU_KHONG_HOP_LE',
    ],
    [
      'a day that does not exist',
      { soDinhDanhMe: birth.motherId, ngaySinhCon: '31/02/2026' },
      400,
      'DU_LIEU_KHONG_HOP_LE',
    ],
    ['an unknown field', { soDinhDanhMe: birth.motherId, hoTenCon: 'An' }, 400, 'DU_LIEU_KHONG_HOP_LE'],
  ])('refuses to add %s', (_what, body, status, errorCode) =>
    withSimulator(NOW, async ({ add }) => {
      expect(await add(body)).toMatchObject({ status, body: { errorCode } });
    }),
  );
});
