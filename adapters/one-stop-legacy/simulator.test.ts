/**
 * The simulated legacy system: deterministic dossiers of real synthetic citizens, served in its dialect, with its
 * own fault knobs — and the adapter against it when those knobs make dirty records.
 */
import { Agent } from 'node:http';
import { detectLegacyEncoding, encodeTcvn3 } from '../../contracts/validators/legacy-encoding';
import { callContext, silentLogger } from '../sdk/conformance';
import { createAdapterInstance, type RunningSimulator } from '../sdk';
import { getPopulation } from '../sdk/simulator/population';
import { adapter } from './index';
import { createOneStopLegacySimulator, type OneStopSimulator } from './simulator';
import { DOSSIER_COUNT, generateDossiers, simulatedDossiers } from './simulator/dossiers';
import { districtOf } from './simulator/districts';
import { DIRTY_KINDS, serveRecord } from './simulator/legacy-faults';
import { toLegacyDate } from './two-digit-year';

const all = simulatedDossiers();

describe('the simulated dossiers', () => {
  it('are ~60, deterministic, in order of reception, each code once', () => {
    expect(all).toHaveLength(DOSSIER_COUNT);
    expect(JSON.stringify(generateDossiers())).toBe(JSON.stringify(all));
    expect([...all].sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : 1))).toEqual(all);
    expect(new Set(all.map((d) => d.code)).size).toBe(all.length);
  });

  it('have real synthetic citizens as applicants, at their legacy address', () => {
    const pop = getPopulation();
    for (const d of all) {
      const person = pop.person(d.applicantId)!;
      const { applicant } = d.canonical;
      if (applicant.kind === 1) {
        expect(applicant).toMatchObject({ name: person.fullName, id: person.personalId });
        expect(d.record.NguoiNop.NgaySinh).toBe(toLegacyDate(person.dateOfBirth));
        expect(applicant.address!.communeCode).toBe(person.permanentAddress.legacyCommuneCode);
      } else {
        const business = pop.businesses.find((b) => b.taxCode === applicant.id)!;
        expect(business).toMatchObject({ ownerId: person.personalId, businessName: applicant.name });
        expect(applicant.address!.communeCode).toBe(business.address.legacyCommuneCode);
      }
      expect(applicant.address).toMatchObject({
        catalogue: 'legacy',
        legacyDistrictCode: districtOf(d.legacyCommuneCode)!.code,
      });
      // Those who had a mobile before 2018 keep its 11-digit form in the system.
      const legacyPhone = applicant.kind === 1 ? person.legacyPhone : undefined;
      if (legacyPhone) expect(d.record.NguoiNop.DienThoai).toBe(legacyPhone);
    }
    expect(all.some((d) => d.record.NguoiNop.DienThoai?.length === 11)).toBe(true);
  });

  it('cover open and closed dossiers, every channel the data allows, several procedures', () => {
    const statuses = [...new Set(all.map((d) => d.canonical.status))];
    expect(statuses).toEqual(expect.arrayContaining([1, 2, 3, 4, 6, 9, 10]));
    const passedThrough = new Set(all.flatMap((d) => d.canonical.history.map((h) => h.status)));
    expect([...passedThrough].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(all.map((d) => d.record.KenhNop))).toEqual(
      new Set(['TRUC_TIEP', 'TRUC_TUYEN', 'BUU_CHINH']),
    );
    expect(new Set(all.map((d) => d.record.MaThuTuc)).size).toBeGreaterThanOrEqual(6);
    for (const d of all) expect(d.canonical.history.at(-1)!.status).toBe(d.canonical.status);
  });

  it('are served in TCVN3', () => {
    const served = serveRecord(all[0].record, undefined);
    expect(served.NguoiNop.HoTen).toBe(encodeTcvn3(all[0].record.NguoiNop.HoTen));
    expect(detectLegacyEncoding([served.TenThuTuc, served.NguoiNop.DiaChi!.DiaChiDayDu].join('\n'))).toBe(
      'tcvn3',
    );
  });
});

describe('the simulator over HTTP, and the adapter against it', () => {
  let sim: OneStopSimulator;
  let running: RunningSimulator;
  const agent = new Agent({ keepAlive: true });
  let instance: ReturnType<typeof createAdapterInstance>;
  const get = async (path: string) => {
    const res = await fetch(`${running.url}${path}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const put = (body: unknown) =>
    fetch(`${running.url}/__admin/legacy-faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    sim = createOneStopLegacySimulator();
    running = await sim.start();
    instance = createAdapterInstance(adapter, { baseUrl: running.url }, { agent, logger: silentLogger });
  });
  afterAll(async () => {
    await instance.close();
    agent.destroy();
    await running.close();
  });
  afterEach(() => {
    sim.setLegacyFaults({});
    running.resetFaults();
  });

  it('pages the dossiers received since tuNgay', async () => {
    const since = '20251215000000';
    const expected = all.filter((d) => d.receivedAt >= '2025-12-15T00:00:00+07:00').map((d) => d.code);
    const { body } = await get(`/mcdt/api/HoSo/DanhSach?tuNgay=${since}&trang=2&soDong=2`);
    expect(body).toMatchObject({ TongSo: expected.length, Trang: 2, SoDong: 2 });
    expect((body.DanhSach as { MaHoSo: string }[]).map((h) => h.MaHoSo)).toEqual(expected.slice(2, 4));
  });

  it('refuses bad parameters in its own error shape, in TCVN3', async () => {
    const { status, body } = await get('/mcdt/api/HoSo/DanhSach?tuNgay=2025-12-15');
    expect(status).toBe(400);
    expect(body).toEqual({ MaLoi: 'THAM_SO_SAI', ThongDiep: encodeTcvn3('Tham số không hợp lệ') });
    expect((await get('/mcdt/api/HoSo/DanhSach?tuNgay=20251215000000&soDong=101')).status).toBe(400);
    expect((await get('/mcdt/api/HoSo/ChiTiet')).status).toBe(400);
  });

  it('walks every page with the cursor, all dossiers normalised', async () => {
    const codes: string[] = [];
    let input: Record<string, unknown> = { since: '2025-01-01T00:00:00+07:00', pageSize: 25 };
    for (let i = 0; i < 5; i++) {
      const out = (await instance.call('list-dossiers', input, callContext(3000))) as {
        dossiers: { dossierCode: string }[];
        nextCursor?: string;
        rejected: unknown[];
      };
      expect(out.rejected).toEqual([]);
      codes.push(...out.dossiers.map((d) => d.dossierCode));
      if (!out.nextCursor) break;
      input = { cursor: out.nextCursor };
    }
    expect(codes).toEqual(all.map((d) => d.code));
  });

  it('sets its own knobs over HTTP, validates them, shows them, and the SDK reset clears them', async () => {
    const code = all[3].code;
    expect((await put({ dirty: { [code]: 'no-such-kind' } })).status).toBe(400);
    expect((await put({ dirty: { [code]: 'vni' } })).status).toBe(200);
    expect((await get('/__admin/legacy-faults')).body).toEqual({ dirty: { [code]: 'vni' } });
    expect((await get('/__admin/state')).body).toMatchObject({ legacyFaults: { dirty: { [code]: 'vni' } } });
    await fetch(`${running.url}/__admin/reset`, { method: 'POST' });
    expect(sim.legacyFaults()).toEqual({});
  });

  it.each(DIRTY_KINDS)(
    'a dossier made dirty (%s) is malformed alone and rejected in its page',
    async (kind) => {
      const target = all.find(
        (d) => d.canonical.applicant.kind === 1 && /^Nguyễn /.test(d.canonical.applicant.name),
      )!;
      sim.setLegacyFaults({ dirty: { [target.code]: kind } });
      const err = await instance
        .call('dossier', { dossierCode: target.code }, callContext())
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'malformed' });
      const page = (await instance.call(
        'list-dossiers',
        { since: target.receivedAt, pageSize: 3 },
        callContext(),
      )) as { dossiers: { dossierCode: string }[]; rejected: { dossierCode?: string }[] };
      expect(page.rejected).toEqual([expect.objectContaining({ dossierCode: target.code })]);
      expect(page.dossiers.map((d) => d.dossierCode)).not.toContain(target.code);
    },
  );

  it("the SDK's tcvn3 knob (text encoded twice) leaves no legacy text: the page's dossiers are refused", async () => {
    running.setFaults({ malformed: 'tcvn3' });
    const out = (await instance.call(
      'list-dossiers',
      { since: '2025-01-01T00:00:00+07:00' },
      callContext(3000),
    )) as { dossiers: unknown[]; rejected: unknown[] };
    expect(out.dossiers).toEqual([]);
    expect(out.rejected).toHaveLength(20);
  });
});
