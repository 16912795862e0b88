/**
 * Household business registration with tax registration in one submission, end to end on the simulators:
 * the owner types only the business itself; who the owner is comes from the population database; the
 * registration office registers the business and tax registers it as a taxpayer. A name already taken in
 * the commune is a refusal the applicant can fix: "supplement requested", with the office's reason.
 */
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { useRedis } from '../helpers/redis';
import { startProcedureWorld, waitForStatus, type ProcedureWorld } from './helpers';

const redis = useRedis();
let pw: ProcedureWorld;
const pop = getPopulation();
const PURPOSE = 'kinh-doanh.ho-kinh-doanh';
const PROCEDURE = '/v1/procedures/household-business';
const { ownerId } = pop.scenarios.business;
const owner = pop.person(ownerId)!;
const withBusiness = new Set(pop.businesses.map((b) => b.ownerId));
/** Another adult of the same province with no business yet. */
const neighbour = pop.persons.find(
  (p) =>
    p.personalId !== ownerId &&
    p.permanentAddress.provinceCode === owner.permanentAddress.provinceCode &&
    p.dateOfBirth < '2000-01-01' &&
    !withBusiness.has(p.personalId),
)!;

beforeAll(async () => {
  pw = await startProcedureWorld(redis);
}, 60_000);

const commune = () => pw.world.client('VN:GOV:79:UBND-HUNGLONG', 'MOTCUA');
const form = (businessName: string) => ({
  businessName,
  activityCodes: ['56101', '4722'],
  capital: 150_000_000,
  employees: 3,
  businessCommuneCode: owner.permanentAddress.communeCode,
  businessAddress: 'Số 12 đường Nguyễn Văn Linh',
});
const submit = async (personalId: string, f: Record<string, unknown>) => {
  const res = await commune().request('POST', `${PROCEDURE}/dossiers`, {
    purpose: PURPOSE,
    body: { applicant: { personalId }, form: f },
  });
  expect(res.status).toBe(202);
  return (res.body as { dossierCode: string }).dossierCode;
};

describe('household business registration', () => {
  it('asks only for the business: name, activities, capital, employees, location', async () => {
    const pre = await commune().request('GET', `${PROCEDURE}/prefill?subject=${ownerId}`, {
      purpose: PURPOSE,
    });
    expect(pre.status).toBe(200);
    const body = pre.body as {
      toType: Record<string, { why: string }>;
      prefilled: Record<string, { value: Record<string, unknown>; source: string }>;
    };
    expect(Object.keys(body.toType).sort()).toEqual([
      'activityCodes',
      'businessAddress',
      'businessCommuneCode',
      'businessName',
      'capital',
      'employees',
    ]);
    const held = new Set(Object.values(body.prefilled).flatMap((p) => Object.keys(p.value)));
    for (const f of Object.keys(body.toType)) expect(held.has(f)).toBe(false);
    expect(body.prefilled.owner).toMatchObject({
      source: 'VN:GOV:00:BCA/DANCU/person-by-id/v1',
      value: { personalId: ownerId, fullName: owner.fullName },
    });
  });

  it('registers the business and, with it, the taxpayer', async () => {
    const code = await submit(ownerId, form('Hộ kinh doanh Quán Cơm Tấm Sài Gòn'));
    const t = await waitForStatus(commune(), code, PURPOSE, [10, 5, 8]);
    expect(t.reason).toBeUndefined();
    // Paid at the office, result at the office: the online payment and the postal steps are skipped.
    expect(t.steps.map((s) => `${s.id}:${s.state}`)).toEqual([
      'fee-request:skipped',
      'fee-paid:skipped',
      'register-business:done',
      'register-tax:done',
      'post-result:skipped',
      'delivery:skipped',
      'proof-of-delivery:skipped',
    ]);
    expect(t.history.map((h) => h.status)).toEqual([1, 2, 4, 9, 10]);

    const registry = (await fetch(`${pw.world.simulators['business-registry'].url}/__admin/state`).then((r) =>
      r.json(),
    )) as { registered: { maXa: string }[] };
    expect(registry.registered).toEqual([
      expect.objectContaining({ maXa: owner.permanentAddress.communeCode }),
    ]);
    const tax = (await fetch(`${pw.world.simulators.tax.url}/__admin/state`).then((r) => r.json())) as {
      registrations: number;
    };
    expect(tax.registrations).toBe(1);
  });

  it('a name already taken in the commune asks the applicant to supplement, with the reason, and registers no tax', async () => {
    const code = await submit(neighbour.personalId, form('Hộ kinh doanh Quán Cơm Tấm Sài Gòn'));
    const t = await waitForStatus(commune(), code, PURPOSE, [10, 5, 8]);
    expect(t.status.code).toBe(5);
    expect(t.reason).toMatch(/đã được đăng ký/);
    expect(t.steps.map((s) => `${s.id}:${s.state}`)).toEqual([
      'fee-request:skipped',
      'fee-paid:skipped',
      'register-business:failed',
      'register-tax:waiting',
      'post-result:waiting',
      'delivery:waiting',
      'proof-of-delivery:waiting',
    ]);
    expect(t.steps.find((s) => s.id === 'register-business')!.attempts).toBe(1);
    const tax = (await fetch(`${pw.world.simulators.tax.url}/__admin/state`).then((r) => r.json())) as {
      registrations: number;
    };
    expect(tax.registrations).toBe(1);
  });
});
