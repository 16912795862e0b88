/**
 * Level-4 online payment confirmed by polling, end to end on real Redis and the simulators (issue #14
 * part 2): the platform's notifications never reach this world's hub (they go to an address where nothing
 * listens), so a payment step completes by its own polling of payment-status. The land transfer's
 * obligations are paid through the platform (the tax office's payment status is not polled then) and the
 * land record is updated with the platform's receipt; a notification that arrives after the dossier moved
 * on is refused as unexpected, and changes nothing.
 */
import { buyerFor, freeParcels } from '../../adapters/land-registry/simulator/records';
import type { SentNotification } from '../../adapters/payment-platform/simulator/store';
import { getPopulation } from '../../adapters/sdk/simulator/population';
import type { DossierDoc } from '../../hub/procedures/types';
import { auditLines } from '../helpers/audit-lines';
import { useRedis } from '../helpers/redis';
import { join } from 'node:path';
import { startProcedureWorld, until, waitForStatus, type ProcedureWorld } from './helpers';

const redis = useRedis();
let pw: ProcedureWorld;
const pop = getPopulation();
const LAND = 'dat-dai.chuyen-nhuong';
const BUSINESS = 'kinh-doanh.ho-kinh-doanh';
jest.setTimeout(90_000);

beforeAll(async () => {
  pw = await startProcedureWorld(redis, {
    // Nothing listens there: the platform's notifications are lost, only polling can confirm.
    env: {
      LIENTHONG_PAYMENT_PLATFORM_NOTIFICATION_URL: 'http://127.0.0.1:9/v1/notifications/payment-platform',
    },
    // The treasury never confirms by itself: an obligation paid through the platform is not polled there.
    simulators: { tax: { autoPayAfterMs: null } as Record<string, unknown> },
  });
}, 60_000);

const office = () => pw.world.client('VN:GOV:01:VPDKDD', 'DATDAI');
const commune = () => pw.world.client('VN:GOV:79:UBND-HUNGLONG', 'MOTCUA');
const store = () => pw.world.hub.runtime.deps.procedureStore!;
const doc = async (code: string) => (await store().get(code)) as DossierDoc;
const platform = () => pw.world.simulators['payment-platform'].url;
const pay = (ref: string) =>
  fetch(`${platform()}/__admin/payments/${ref}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kenh: 'CHUYEN_KHOAN' }),
  });
const sent = async (ref: string) =>
  (
    (await fetch(`${platform()}/__admin/state`).then((r) => r.json())) as {
      notifications: SentNotification[];
    }
  ).notifications.filter((n) => n.maThamChieu === ref);
const stepQueued = (code: string, step: string) =>
  until(async () => ((await doc(code)).steps[step].state === 'queued' ? true : undefined));

const parcel = freeParcels(pop).find((p) => p.address.provinceCode === '01' && p.holderIds.length > 0)!;
const landForm = {
  parcelCommuneCode: parcel.communeCode,
  mapSheetNumber: parcel.mapSheetNumber,
  parcelNumber: parcel.parcelNumber,
  transfereePersonalId: buyerFor(parcel, pop, 3).personalId,
  contractNumber: '91/2026/CCGD',
  notarisedAt: '2026-11-25',
  notary: 'Văn phòng công chứng Hoàn Kiếm',
  declaredPrice: 1_800_000_000,
};

describe('level 4: payment confirmed by polling', () => {
  it('land transfer: the obligations are paid through the platform and the land record takes its receipt', async () => {
    const res = await office().request('POST', '/v1/procedures/land-transfer/dossiers', {
      purpose: LAND,
      body: { applicant: { personalId: parcel.holderIds[0] }, form: landForm, choices: { payOnline: true } },
    });
    expect(res.status).toBe(202);
    const code = (res.body as { dossierCode: string }).dossierCode;
    await stepQueued(code, 'payment-online');
    const waiting = await doc(code);
    expect(waiting.status).toBe(6);
    const obligations = (
      waiting.steps.obligations.output as { obligations: { noticeNumber: string; amount: number }[] }
    ).obligations;
    // One payment for every notice, each item naming its notice.
    const requested = waiting.steps['payment-request'].output as {
      paymentRef: string;
      amount: number;
      items: { noticeNumber: string; amount: number }[];
    };
    expect(requested.paymentRef).toBe(`${code}-NVTC`);
    expect(requested.items.map((i) => i.noticeNumber).sort()).toEqual(
      obligations.map((o) => o.noticeNumber).sort(),
    );
    expect(requested.amount).toBe(obligations.reduce((a, o) => a + o.amount, 0));

    expect((await pay(requested.paymentRef)).status).toBe(200);
    const t = await waitForStatus(office(), code, LAND, [10, 5, 8]);
    expect(t.steps.map((s) => `${s.id}:${s.state}`)).toEqual([
      'register-transfer:done',
      'information-slip:done',
      'obligations:done',
      'payment:skipped',
      'payment-request:done',
      'payment-online:done',
      'complete-transfer:done',
    ]);
    expect(t.history.map((h) => h.status)).toEqual([1, 2, 4, 6, 4, 9, 10]);
    expect(t.steps.find((s) => s.id === 'payment-online')!.confirmedBy).toBeUndefined();
    const done = await doc(code);
    const receipt = (done.steps['payment-online'].output as { receipt: { transactionNumber: string } })
      .receipt;
    const vouchers = (
      done.steps['complete-transfer'].items![0].input as { vouchers: { voucherNumber: string }[] }
    ).vouchers;
    expect(vouchers).toHaveLength(obligations.length);
    for (const v of vouchers) expect(v.voucherNumber).toBe(receipt.transactionNumber);

    // The platform's notification never arrived: polling completed the payment.
    const [lost] = await until(async () => {
      const s = await sent(requested.paymentRef);
      return s.length && (s[0].error || s[0].status) ? s : undefined;
    });
    expect(lost.status).toBeUndefined();
    expect(lost.error).toBeDefined();

    // Delivered late (or replayed), it finds no payment waiting: refused, nothing changes.
    const before = JSON.stringify(await doc(code));
    const late = await fetch(`${pw.world.hub.url}/v1/notifications/payment-platform`, {
      method: 'POST',
      headers: lost.headers,
      body: lost.body,
    });
    expect(late.status).toBe(409);
    expect(late.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await late.json()) as { code: string }).code).toBe('NOTIFICATION_UNEXPECTED');
    expect(JSON.stringify(await doc(code))).toBe(before);
    await pw.world.hub.runtime.deps.audit.flush();
    expect(
      auditLines(join(pw.world.dir, 'audit')).filter(
        (l) => l.service === 'hub:POST /v1/notifications/payment-platform' && l.dossierCode === code,
      ),
    ).toEqual([expect.objectContaining({ status: 409, outcome: 'NOTIFICATION_UNEXPECTED' })]);
  });

  it('household business: the fee is confirmed by polling, then the business is registered', async () => {
    const owner = pop.persons.find(
      (p) =>
        p.permanentAddress.provinceCode === '79' &&
        p.dateOfBirth < '2000-01-01' &&
        !pop.businesses.some((b) => b.ownerId === p.personalId),
    )!;
    const res = await commune().request('POST', '/v1/procedures/household-business/dossiers', {
      purpose: BUSINESS,
      body: {
        applicant: { personalId: owner.personalId },
        form: {
          businessName: 'Hộ kinh doanh Bánh Mì Hưng Long',
          activityCodes: ['56101'],
          capital: 30_000_000,
          businessCommuneCode: owner.permanentAddress.communeCode,
          businessAddress: 'Số 5 đường Hưng Long',
        },
        choices: { payOnline: true, result: { by: 'office' } },
      },
    });
    expect(res.status).toBe(202);
    const code = (res.body as { dossierCode: string }).dossierCode;
    await stepQueued(code, 'fee-paid');
    expect((await doc(code)).steps['register-business'].state).toBe('waiting');
    expect((await pay(`${code}-LP`)).status).toBe(200);
    const t = await waitForStatus(commune(), code, BUSINESS, [10, 5, 8]);
    expect(t.history.map((h) => h.status)).toEqual([1, 2, 6, 4, 9, 10]);
    expect(t.steps.map((s) => `${s.id}:${s.state}`)).toEqual([
      'fee-request:done',
      'fee-paid:done',
      'register-business:done',
      'register-tax:done',
      'post-result:skipped',
      'delivery:skipped',
      'proof-of-delivery:skipped',
    ]);
  });

  it('a procedure that does not post its result refuses the choice, naming the field', async () => {
    const res = await office().request('POST', '/v1/procedures/land-transfer/dossiers', {
      purpose: LAND,
      body: {
        applicant: { personalId: parcel.holderIds[0] },
        form: landForm,
        choices: {
          result: {
            by: 'post',
            address: {
              text: 'Số 1 Tràng Tiền',
              communeCode: '00070',
              provinceCode: '01',
              catalogue: '2026-04-30',
            },
          },
        },
      },
    });
    expect(res.status).toBe(422);
    expect((res.body as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({
        path: 'choices.result.by',
        code: 'POSTAL_RESULT_NOT_OFFERED',
        messageVi: 'Thủ tục này không trả kết quả qua dịch vụ bưu chính công ích',
      }),
    ]);
  });
});
