/**
 * A citizen's record is read once per dossier, on real Redis and the simulators: the birth's applicant is
 * also the child's mother (two reads of one record), and the ward showed her the prefill first (a third):
 * submitted with the prefill's id, the hub reads her record once and her access log shows one read. A
 * prefill is bound to its procedure and subject and used once: another applicant's submission with it
 * reads that applicant's own record.
 */
import { scenarioBirthCertificateNumber } from '../../adapters/health-insurance';
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { useRedis } from '../helpers/redis';
import { startProcedureWorld, waitForStatus, type ProcedureWorld } from './helpers';

const redis = useRedis();
let pw: ProcedureWorld;
const pop = getPopulation();
const PERSON = 'VN:GOV:00:BCA/DANCU/person-by-id/v1';

beforeAll(async () => {
  pw = await startProcedureWorld(redis);
}, 60_000);

/** The reads of a person's record in their access log. */
const recordReads = async (personalId: string) => {
  await pw.world.hub.runtime.deps.audit.flush();
  const log = await pw.world
    .client('VN:GOV:00:VPCP', 'DVCQG')
    .request('GET', `/v1/subjects/${personalId}/access-log?limit=200`, { purpose: 'giam-sat.du-lieu' });
  expect(log.status).toBe(200);
  return (log.body as { entries: { service: string }[] }).entries.filter((e) => e.service === PERSON);
};

describe('a record is read once per dossier', () => {
  it('the mother, applicant and prefill in one: one read in her access log', async () => {
    const { motherId } = pop.scenarios.birth;
    const ward = pw.world.client('VN:GOV:01:UBND-NGOCHA', 'MOTCUA');
    const purpose = 'ho-tich.khai-sinh';
    const pre = await ward.request('GET', `/v1/procedures/birth-registration/prefill?subject=${motherId}`, {
      purpose,
    });
    expect(pre.status).toBe(200);
    const { prefillId } = pre.body as { prefillId: string };
    expect(prefillId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const res = await ward.request('POST', '/v1/procedures/birth-registration/dossiers', {
      purpose,
      body: {
        applicant: { personalId: motherId },
        prefillId,
        form: {
          birthCertificateNumber: scenarioBirthCertificateNumber(),
          childFullName: 'Phạm Lê Minh Khang',
          residence: 'mother',
          healthFacilityCode: '01001',
        },
      },
    });
    expect(res.status).toBe(202);
    const code = (res.body as { dossierCode: string }).dossierCode;
    expect((await waitForStatus(ward, code, purpose, [10, 5, 8])).status.code).toBe(10);
    expect(await recordReads(motherId)).toHaveLength(1);
  });

  it('a prefill is for its subject only, and used once', async () => {
    const { ownerId } = pop.scenarios.business;
    const owner = pop.person(ownerId)!;
    const other = pop.persons.find(
      (p) =>
        p.personalId !== ownerId &&
        p.permanentAddress.provinceCode === owner.permanentAddress.provinceCode &&
        p.dateOfBirth < '2000-01-01' &&
        !pop.businesses.some((b) => b.ownerId === p.personalId),
    )!;
    const commune = pw.world.client('VN:GOV:79:UBND-HUNGLONG', 'MOTCUA');
    const purpose = 'kinh-doanh.ho-kinh-doanh';
    const pre = await commune.request('GET', `/v1/procedures/household-business/prefill?subject=${ownerId}`, {
      purpose,
    });
    const { prefillId } = pre.body as { prefillId: string };
    const submit = (personalId: string, name: string) =>
      commune.request('POST', '/v1/procedures/household-business/dossiers', {
        purpose,
        body: {
          applicant: { personalId },
          prefillId,
          form: {
            businessName: name,
            activityCodes: ['4722'],
            capital: 20_000_000,
            employees: 1,
            businessCommuneCode: owner.permanentAddress.communeCode,
            businessAddress: 'Số 3 đường Hai Bà Trưng',
          },
        },
      });
    // Another applicant with the owner's prefill: their own record is read, not the owner's reused.
    const res = await submit(other.personalId, 'Hộ kinh doanh Tiệm Sửa Xe Số 3');
    expect(res.status).toBe(202);
    const code = (res.body as { dossierCode: string }).dossierCode;
    await waitForStatus(commune, code, purpose, [10, 5, 8]);
    expect(await recordReads(other.personalId)).toHaveLength(1);
    // The prefill was taken by that submission: the owner's own submission reads the owner again.
    const before = (await recordReads(ownerId)).length;
    const own = await submit(ownerId, 'Hộ kinh doanh Tiệm Sửa Xe Số 4');
    expect(own.status).toBe(202);
    await waitForStatus(commune, (own.body as { dossierCode: string }).dossierCode, purpose, [10, 5, 8]);
    expect(await recordReads(ownerId)).toHaveLength(before + 1);
  });
});
