/**
 * Birth registration + permanent residence + health-insurance card for a child under 6 (Decree 63/2024),
 * end to end on the simulators: the parent types four things; the child gets a personal ID, a birth
 * registration, a residence and a card; and when the civil-status office refuses the birth for good
 * after the residence was registered, the dossier stops and the residence is undone.
 */
import { scenarioBirthCertificateNumber } from '../../adapters/health-insurance';
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { useRedis } from '../helpers/redis';
import { startProcedureWorld, timelineOf, until, waitForStatus, type ProcedureWorld } from './helpers';

const redis = useRedis();
let pw: ProcedureWorld;
const pop = getPopulation();
const { motherId, householdId } = pop.scenarios.birth;
const PURPOSE = 'ho-tich.khai-sinh';
const PROCEDURE = '/v1/procedures/birth-registration';

beforeAll(async () => {
  pw = await startProcedureWorld(redis);
}, 60_000);

const ward = () => pw.world.client('VN:GOV:01:UBND-NGOCHA', 'MOTCUA');
type ResidenceState = {
  registered: { so_dinh_danh: string; ma_ho: string; so_dang_ky: string }[];
  removed: { so_dinh_danh: string; ma_ho: string; ly_do_xoa: string }[];
};
const residenceState = () =>
  fetch(`${pw.world.simulators.residence.url}/__admin/state`).then(
    (x) => x.json() as Promise<ResidenceState>,
  );
const newCertificate = async (): Promise<string> => {
  const r = await fetch(`${pw.world.simulators['health-insurance'].url}/__sim/birth-certificates`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ soDinhDanhMe: motherId }),
  });
  expect(r.status).toBe(201);
  return ((await r.json()) as { soGiayChungSinh: string }).soGiayChungSinh;
};

describe('birth registration', () => {
  it('asks the parent for the certificate number, the name, the residence and the facility — nothing a source holds', async () => {
    const pre = await ward().request('GET', `${PROCEDURE}/prefill?subject=${motherId}`, { purpose: PURPOSE });
    expect(pre.status).toBe(200);
    const body = pre.body as {
      toType: Record<string, { why: string }>;
      prefilled: Record<string, { value: Record<string, unknown>; source: string }>;
    };
    expect(Object.keys(body.toType).sort()).toEqual([
      'birthCertificateNumber',
      'childFullName',
      'healthFacilityCode',
      'residence',
    ]);
    expect(
      Object.values(body.toType)
        .map((f) => f.why)
        .sort(),
    ).toEqual(['decision', 'decision', 'new', 'reference']);
    const held = new Set(Object.values(body.prefilled).flatMap((p) => Object.keys(p.value)));
    for (const f of Object.keys(body.toType)) expect(held.has(f)).toBe(false);
    expect(body.prefilled.applicant.value).toMatchObject({ personalId: motherId, householdId });
  });

  it('gives the child a personal ID, a registered birth, a residence and a health-insurance card', async () => {
    const res = await ward().request('POST', `${PROCEDURE}/dossiers`, {
      purpose: PURPOSE,
      body: {
        applicant: { personalId: motherId },
        form: {
          birthCertificateNumber: scenarioBirthCertificateNumber(),
          childFullName: 'Phạm Lê Minh An',
          residence: 'mother',
          healthFacilityCode: '01001',
        },
      },
    });
    expect(res.status).toBe(202);
    const code = (res.body as { dossierCode: string }).dossierCode;
    const t = await waitForStatus(ward(), code, PURPOSE, [10, 5, 8]);
    expect(t.reason).toBeUndefined();
    expect(t.status.code).toBe(10);
    expect(t.steps.map((s) => `${s.id}:${s.state}`)).toEqual([
      'issue-id:done',
      'register-birth:done',
      'register-residence:done',
      'health-card:done',
    ]);
    const state = await residenceState();
    const child = state.registered.filter((r) => r.ma_ho === householdId);
    expect(child).toHaveLength(1);
    expect(child[0].so_dinh_danh).toMatch(/^\d{12}$/);
    expect(child[0].so_dinh_danh).not.toBe(motherId);
  });

  it('a refusal after the residence was registered stops the dossier with the reason and undoes the residence', async () => {
    const certificate = await newCertificate();
    const civil = pw.world.simulators['civil-status'];
    // The civil-status office answers slowly and then refuses: the residence (in parallel) is done first.
    civil.setFaults({ latencyMs: 1500, failNext: 1, errorStatus: 400 });
    try {
      const res = await ward().request('POST', `${PROCEDURE}/dossiers`, {
        purpose: PURPOSE,
        body: {
          applicant: { personalId: motherId },
          form: {
            birthCertificateNumber: certificate,
            childFullName: 'Phạm Lê Minh Khôi',
            residence: 'mother',
            healthFacilityCode: '01001',
          },
        },
      });
      const code = (res.body as { dossierCode: string }).dossierCode;
      const t = await waitForStatus(ward(), code, PURPOSE, [8, 5, 10]);
      expect(t.status.code).toBe(8);
      expect(t.reason).toMatch(/Đăng ký khai sinh/);
      expect(t.history.at(-1)).toMatchObject({
        status: 8,
        // The note goes to the portal and to the applicant: Vietnamese only.
        note: expect.stringMatching(/^Đăng ký khai sinh: /),
      });
      expect(t.history.at(-1)!.note).not.toMatch(/input|contract|breaks/);
      const steps = Object.fromEntries(t.steps.map((s) => [s.id, s.state]));
      expect(steps).toMatchObject({
        'issue-id': 'done',
        'register-birth': 'failed',
        'health-card': 'waiting',
      });
      const undone = await until(async () => {
        const tl = await timelineOf(ward(), code, PURPOSE);
        return tl.steps.find((s) => s.id === 'register-residence')?.state === 'compensated' ? tl : undefined;
      });
      expect(undone).toBeDefined();
      const state = await residenceState();
      // The first child's registration stands; the second one's was registered and then removed.
      expect(state.registered.filter((r) => r.ma_ho === householdId)).toHaveLength(1);
      const undoneHere = state.removed.filter((r) => r.ma_ho === householdId);
      expect(undoneHere).toHaveLength(1);
      expect(undoneHere[0].ly_do_xoa).toBe('KHAC');
      expect(undoneHere[0].so_dinh_danh).not.toBe(
        state.registered.find((r) => r.ma_ho === householdId)?.so_dinh_danh,
      );
    } finally {
      civil.resetFaults();
    }
  });

  it("the reads made for the birth show in the mother's access log with the procedure as purpose", async () => {
    await pw.world.hub.runtime.deps.audit.flush();
    const portal = pw.world.client('VN:GOV:00:VPCP', 'DVCQG');
    const log = await portal.request('GET', `/v1/subjects/${motherId}/access-log?limit=200`, {
      purpose: 'giam-sat.du-lieu',
    });
    const entries = (
      log.body as { entries: { purpose: string; procedure?: string; service: string; member: string }[] }
    ).entries;
    const mine = entries.filter((e) => e.procedure === 'birth-registration' && e.purpose === PURPOSE);
    // The once-only reads the hub made on the mother's behalf, by source …
    const reads = new Set(
      mine
        .filter((e) => !e.service.startsWith('hub:') && !e.service.includes('/issue-'))
        .map((e) => e.service),
    );
    expect(reads).toEqual(
      new Set(['VN:GOV:00:BCA/DANCU/person-by-id/v1', 'VN:GOV:00:BHXH/BHYT/birth-certificate/v1']),
    );
    // … the ward's own requests (prefill, submission) and the ID issued for her child, all under the procedure.
    const services = new Set(mine.map((e) => e.service));
    expect(services).toContain('hub:POST /v1/procedures/birth-registration/dossiers');
    expect(services).toContain('VN:GOV:00:BCA/DANCU/issue-personal-id/v1');
    expect(mine.every((e) => e.member.length > 0)).toBe(true);
  });
});
