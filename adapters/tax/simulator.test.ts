/**
 * The tax simulator's behaviour through the adapter and its own routes: registrations (individual, then the
 * household business of the same person), the treasury's payment confirmation, the /__sim controls and the
 * auto-pay option, each refusal with the authority's code.
 */
import axios from 'axios';
import { Agent } from 'node:http';
import { createAdapterInstance, type AdapterInstance, type RunningSimulator } from '../sdk';
import { callContext, silentLogger } from '../sdk/conformance';
import { getPopulation } from '../sdk/simulator/population';
import { addressOf, nextObligationsRequest, partyOf, unregistered } from './examples';
import { adapter } from './index';
import { toYeuCauNghiaVu } from './mapping-obligations';
import { createTaxSimulator, SEEDED_NOTICES, type TaxSimulatorOptions } from './simulator';

type Obligations = { obligations: { noticeNumber: string; amount: number }[] };

describe('tax simulator', () => {
  const pop = getPopulation();
  const agent = new Agent({ keepAlive: true });
  let sim: RunningSimulator;
  let instance: AdapterInstance;
  const call = (svc: string, input: unknown, key?: string) =>
    instance.call(svc, input, callContext(2000, { idempotencyKey: key }));
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: { upstreamCode?: string }) => e.upstreamCode,
    );
  const http = (method: 'post' | 'put', path: string, body: unknown) =>
    axios.request({ method, url: `${sim.url}${path}`, data: body, validateStatus: () => true });

  async function start(opts: TaxSimulatorOptions = {}) {
    sim = await createTaxSimulator(opts).start();
    instance = createAdapterInstance(adapter, { baseUrl: sim.url }, { agent, logger: silentLogger });
  }
  async function stop() {
    await instance.close();
    await sim.close();
  }
  afterAll(() => agent.destroy());

  describe('with the default options', () => {
    beforeAll(() => start());
    afterAll(() => stop());

    it('registers an individual, then the household business of the same person under the same ID', async () => {
      const p = unregistered(pop).at(-5)!;
      const base = { taxpayer: partyOf(p), address: addressOf(p.permanentAddress) };
      const first = await call('register-taxpayer', base);
      expect(first).toMatchObject({ taxId: p.personalId, status: 'active' });
      expect(await refusal(call('register-taxpayer', base))).toBe('DA_CO_MST');
      const hkd = { ...base, businessName: 'Hộ kinh doanh Sửa xe Minh', activityCodes: ['4520'] };
      expect(await call('register-taxpayer', hkd)).toMatchObject({
        taxId: p.personalId,
        businessName: hkd.businessName,
      });
      expect(await refusal(call('register-taxpayer', hkd))).toBe('DA_DANG_KY_HKD');
      expect(await call('taxpayer', { taxId: p.personalId })).toMatchObject({
        businessName: hkd.businessName,
      });
    });

    it('confirms a payment from the treasury once, for the exact amount only', async () => {
      const { obligations } = (await call(
        'obligations-for-transfer',
        nextObligationsRequest(pop),
      )) as Obligations;
      const [pit] = obligations;
      const confirm = (soTien: number) =>
        http('post', '/api/kho-bac/xac-nhan-nop', {
          soThongBao: pit.noticeNumber,
          soTien,
          soChungTu: 'KB-1',
        });
      const short = await confirm(pit.amount - 1);
      expect([short.status, short.data.error.code]).toEqual([422, 'SO_TIEN_KHONG_KHOP']);
      expect((await confirm(pit.amount)).data).toMatchObject({
        trangThai: 'DA_NOP',
        chungTu: { soChungTu: 'KB-1' },
      });
      const again = await confirm(pit.amount);
      expect([again.status, again.data.error.code]).toEqual([409, 'DA_NOP']);
      expect(await call('payment-status', { noticeNumber: pit.noticeNumber })).toMatchObject({
        paymentStatus: 'paid',
        payment: { voucherNumber: 'KB-1', channel: 'bank' },
      });
    });

    it('POST /__sim/pay marks a notice paid without the dialect; unknown notices are refused', async () => {
      expect((await http('post', '/__sim/pay', { soThongBao: SEEDED_NOTICES.unpaid })).status).toBe(200);
      expect(await call('payment-status', { noticeNumber: SEEDED_NOTICES.unpaid })).toMatchObject({
        paymentStatus: 'paid',
      });
      expect((await http('post', '/__sim/pay', { soThongBao: 'nope' })).status).toBe(404);
    });

    it('a request outside the dialect, or an unknown tax location, is refused as a bad request', async () => {
      const bad = await http('post', '/api/nghia-vu-tai-chinh/chuyen-nhuong-bat-dong-san', { maHoSo: 'x' });
      expect([bad.status, bad.data.error.code]).toEqual([400, 'THAM_SO_KHONG_HOP_LE']);
      const body = nextObligationsRequest(pop);
      const req = toYeuCauNghiaVu(body.dossierCode, body.informationSlip);
      req.phieuChuyenThongTin.maDiaBan = '999';
      const unknown = await http('post', '/api/nghia-vu-tai-chinh/chuyen-nhuong-bat-dong-san', req);
      expect(unknown.data.error.code).toBe('MA_DIA_BAN_KHONG_HOP_LE');
    });
  });

  describe('auto-pay', () => {
    beforeAll(() => start({ autoPayAfterMs: 150 }));
    afterAll(() => stop());

    it('pays notices by itself after the configured delay, and can be switched at run time', async () => {
      const { obligations } = (await call(
        'obligations-for-transfer',
        nextObligationsRequest(pop),
      )) as Obligations;
      const n = obligations[1].noticeNumber;
      expect(await call('payment-status', { noticeNumber: n })).toMatchObject({ paymentStatus: 'unpaid' });
      await new Promise((r) => setTimeout(r, 200));
      expect(await call('payment-status', { noticeNumber: n })).toMatchObject({
        paymentStatus: 'paid',
        payment: { amount: obligations[1].amount, channel: 'bank' },
      });

      expect((await http('put', '/__sim/auto-pay', { afterMs: null })).data).toEqual({
        autoPayAfterMs: null,
      });
      const later = (await call('obligations-for-transfer', nextObligationsRequest(pop))) as Obligations;
      await new Promise((r) => setTimeout(r, 200));
      expect(await call('payment-status', { noticeNumber: later.obligations[0].noticeNumber })).toMatchObject(
        {
          paymentStatus: 'unpaid',
        },
      );
      expect((await http('put', '/__sim/auto-pay', { afterMs: -1 })).status).toBe(400);
    });
  });
});
