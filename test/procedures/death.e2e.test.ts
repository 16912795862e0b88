/**
 * Death registration + removal of permanent residence + funeral allowance, end to end on the simulators:
 * the declarant types only what no source holds, the rest is read with provenance; the steps run as
 * deliveries; the portal gets every status change in order; the declarant is notified; the reads show
 * in the deceased's access log with the procedure as purpose.
 */
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { useRedis } from '../helpers/redis';
import { startProcedureWorld, timelineOf, until, waitForStatus, type ProcedureWorld } from './helpers';

const redis = useRedis();
let pw: ProcedureWorld;
const pop = getPopulation();
const { deceasedId, declarantId } = pop.scenarios.death;
const PURPOSE = 'ho-tich.khai-tu';

beforeAll(async () => {
  pw = await startProcedureWorld(redis);
}, 60_000);

const form = {
  deceasedPersonalId: deceasedId,
  deathNoticeNumber: 'BT-2026-00123',
  deathNoticeIssuer: 'Bệnh viện Nhân dân Gia Định',
  dateOfDeath: '2026-11-20',
  placeOfDeathCommuneCode: '25920',
  relation: 'child',
  bankCode: '970436',
  accountNumber: '0071000123456',
};

describe('death registration', () => {
  it('asks the declarant only for what no source the hub can read holds', async () => {
    const ward = pw.world.client('VN:GOV:79:UBND-TANHIEP', 'MOTCUA');
    const pre = await ward.request(
      'GET',
      `/v1/procedures/death-registration/prefill?subject=${declarantId}`,
      { purpose: PURPOSE },
    );
    expect(pre.status).toBe(200);
    const body = pre.body as {
      toType: Record<string, unknown>;
      prefilled: Record<string, { value: Record<string, unknown>; source: string; fetchedAt: string }>;
    };
    expect(Object.keys(body.toType).sort()).toEqual(
      [
        'accountNumber',
        'bankCode',
        'dateOfDeath',
        'deathNoticeIssuer',
        'deathNoticeNumber',
        'deceasedPersonalId',
        'placeOfDeathCommuneCode',
        'relation',
      ].sort(),
    );
    expect(body.prefilled.applicant).toMatchObject({
      source: 'VN:GOV:00:BCA/DANCU/person-by-id/v1',
      value: { personalId: declarantId },
    });
    expect(Date.parse(body.prefilled.applicant.fetchedAt)).not.toBeNaN();
    // None of the typed fields is something a readable source answers with.
    const held = new Set(Object.values(body.prefilled).flatMap((p) => Object.keys(p.value)));
    for (const f of Object.keys(body.toType)) expect(held.has(f)).toBe(false);
  });

  it('runs every step to "result returned", pushes each status to the portal in order, and notifies', async () => {
    const ward = pw.world.client('VN:GOV:79:UBND-TANHIEP', 'MOTCUA');
    const res = await ward.request('POST', '/v1/procedures/death-registration/dossiers', {
      purpose: PURPOSE,
      body: { applicant: { personalId: declarantId }, form },
    });
    expect(res.status).toBe(202);
    const code = (res.body as { dossierCode: string }).dossierCode;
    const t = await waitForStatus(ward, code, PURPOSE, [10, 5, 8], 40_000);
    expect(t.status.code).toBe(10);
    expect(t.steps.map((s) => [s.id, s.state])).toEqual([
      ['register-death', 'done'],
      ['remove-residence', 'done'],
      ['funeral-allowance', 'done'],
    ]);
    expect(t.history.map((h) => h.status)).toEqual([1, 2, 4, 9, 10]);
    expect(t.onTime).toBe(true);

    // The portal gets the whole dossier (accepted), then each change, in order.
    const accepted = await until(async () => {
      const portal = await fetch(`${pw.world.simulators['national-portal'].url}/__admin/state`).then(
        (r) => r.json() as Promise<{ updates: Record<string, { status: number; outcome: string }[]> }>,
      );
      const list = (portal.updates[code] ?? []).filter((u) => u.outcome === 'accepted').map((u) => u.status);
      return list.length >= 4 ? list : undefined;
    });
    expect(accepted).toEqual([2, 4, 9, 10]);
    const texts = await until(async () => {
      const state = await fetch(`${pw.world.simulators.notify.url}/__admin/state`).then(
        (r) => r.json() as Promise<{ messages: { channel: string; text: string; reference?: string }[] }>,
      );
      const mine = state.messages.filter((m) => m.reference === code && m.channel === 'sms');
      return mine.length >= 4 ? mine.map((m) => m.text) : undefined;
    });
    // The result's SMS carries the rating link, so it is sent without diacritics to fit one segment.
    expect(texts.some((t) => t.includes('Da tra ket qua. Moi danh gia: http'))).toBe(true);

    const again = await timelineOf(ward, code, PURPOSE);
    expect(again.steps.every((s) => !s.overdue)).toBe(true);
  });

  it("every read made for the procedure shows in the deceased's access log, with the procedure's purpose", async () => {
    await pw.world.hub.runtime.deps.audit.flush();
    const portal = pw.world.client('VN:GOV:00:VPCP', 'DVCQG');
    const log = await portal.request('GET', `/v1/subjects/${deceasedId}/access-log`, {
      purpose: 'giam-sat.du-lieu',
    });
    const entries = (log.body as { entries: { purpose: string; procedure?: string; service: string }[] })
      .entries;
    const reads = entries.filter((e) => e.service === 'VN:GOV:00:BCA/DANCU/person-by-id/v1');
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(reads[0]).toMatchObject({ purpose: PURPOSE, procedure: 'death-registration' });
  });
});
