/**
 * A step that waits on an external confirmation, end to end on real Redis and the simulators — the shape
 * online payment and postal delivery take (a payment platform's signed notification, a proof of
 * delivery): the land transfer's payment step, given `awaits: { event, key }`, completes each notice when
 * its confirmation arrives, while the treasury itself never confirms (its polling goes on unanswered);
 * the dossier waits in status 6 with its own due date and then completes. An unknown or repeated
 * confirmation completes nothing.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buyerFor, freeParcels } from '../../adapters/land-registry/simulator/records';
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { DEFAULT_CONFIG_DIR } from '../../config/loader';
import type { ProcedureEngine } from '../../hub/procedures';
import { useRedis } from '../helpers/redis';
import { startProcedureWorld, timelineOf, until, waitForStatus, type ProcedureWorld } from './helpers';

const redis = useRedis();
let pw: ProcedureWorld;
const pop = getPopulation();
const PURPOSE = 'dat-dai.chuyen-nhuong';
const EVENT = 'tax-payment.paid';
const configDir = mkdtempSync(join(tmpdir(), 'lienthong-config-'));

beforeAll(async () => {
  cpSync(DEFAULT_CONFIG_DIR, configDir, { recursive: true });
  const file = join(configDir, 'procedures', 'land-transfer.json');
  const def = JSON.parse(readFileSync(file, 'utf8')) as { steps: { id: string; awaits?: unknown }[] };
  def.steps.find((s) => s.id === 'payment')!.awaits = { event: EVENT, key: '$.item.noticeNumber' };
  writeFileSync(file, JSON.stringify(def));
  // The treasury never confirms by itself: only the confirmations below can complete the payment.
  pw = await startProcedureWorld(redis, {
    configDir,
    simulators: { tax: { autoPayAfterMs: null } as Record<string, unknown> },
  });
}, 60_000);
afterAll(() => rmSync(configDir, { recursive: true, force: true }));

const engine = () => pw.world.hub.runtime.deps.procedures as ProcedureEngine;
const office = () => pw.world.client('VN:GOV:01:VPDKDD', 'DATDAI');

describe('a step waiting on an external confirmation', () => {
  it('completes each item on its confirmation; the dossier waits in status 6, then completes', async () => {
    const parcel = freeParcels(pop).find((p) => p.address.provinceCode === '01' && p.holderIds.length > 0)!;
    const res = await office().request('POST', '/v1/procedures/land-transfer/dossiers', {
      purpose: PURPOSE,
      body: {
        applicant: { personalId: parcel.holderIds[0] },
        form: {
          parcelCommuneCode: parcel.communeCode,
          mapSheetNumber: parcel.mapSheetNumber,
          parcelNumber: parcel.parcelNumber,
          transfereePersonalId: buyerFor(parcel, pop, 2).personalId,
          contractNumber: '77/2026/CCGD',
          notarisedAt: '2026-11-20',
          notary: 'Văn phòng công chứng Ba Đình',
          declaredPrice: 2_400_000_000,
        },
      },
    });
    expect(res.status).toBe(202);
    const code = (res.body as { dossierCode: string }).dossierCode;
    const waiting = await until(async () => {
      const t = await timelineOf(office(), code, PURPOSE);
      return t.status.code === 6 && t.steps.find((s) => s.id === 'payment')?.state === 'queued'
        ? t
        : undefined;
    });
    expect(waiting.steps.find((s) => s.id === 'payment')!.dueAt).toMatch(/T17:00:00\+07:00$/);
    const doc = (await pw.world.hub.runtime.deps.procedureStore!.get(code))!;
    const notices = (
      doc.steps.obligations.output as { obligations: { noticeNumber: string; amount: number }[] }
    ).obligations;
    expect(notices.length).toBeGreaterThan(1);

    // The step has recorded what it waits for (right after the dossier changed, before any message).
    const store = pw.world.hub.runtime.deps.procedureStore!;
    for (const n of notices) await until(async () => store.expected(EVENT, n.noticeNumber));
    expect(await engine().confirm(EVENT, 'TB-NO-SUCH-NOTICE', {})).toBe('unknown');
    const paid = (n: { noticeNumber: string; amount: number }, i: number) => ({
      noticeNumber: n.noticeNumber,
      paymentStatus: 'paid',
      payment: { voucherNumber: `CT-${i + 1}`, paidAt: '2026-12-08T09:30:00+07:00', amount: n.amount },
    });
    // The first notice paid: the dossier still waits for the others.
    expect(await engine().confirm(EVENT, notices[0].noticeNumber, paid(notices[0], 0))).toBe('confirmed');
    expect(await engine().confirm(EVENT, notices[0].noticeNumber, paid(notices[0], 0))).toBe('unknown');
    expect((await timelineOf(office(), code, PURPOSE)).status.code).toBe(6);
    for (const [i, n] of notices.entries())
      if (i > 0) expect(await engine().confirm(EVENT, n.noticeNumber, paid(n, i))).toBe('confirmed');

    const done = await waitForStatus(office(), code, PURPOSE, [10, 5, 8]);
    expect(done.status.code).toBe(10);
    expect(done.history.map((h) => h.status)).toEqual([1, 2, 4, 6, 4, 9, 10]);
    // The land record was completed with the vouchers the confirmations carried.
    const after = (await pw.world.hub.runtime.deps.procedureStore!.get(code))!;
    expect(after.steps['complete-transfer'].items![0].input).toMatchObject({
      vouchers: notices.map((n, i) =>
        expect.objectContaining({ noticeNumber: n.noticeNumber, voucherNumber: `CT-${i + 1}` }),
      ),
    });
  });
});
