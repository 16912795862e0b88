/**
 * tax: the conformance suite against the simulator, and the transport with the upstream mocked by nock from
 * recorded exchanges — the exact request sent and how each answer or error maps.
 */
import nock from 'nock';
import '../../test/helpers/restore-nock';
import { Agent } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateRecord } from '../../contracts';
import { createAdapterInstance, UpstreamError } from '../sdk';
import { callContext, runAdapterSuite, silentLogger } from '../sdk/conformance';
import { getPopulation } from '../sdk/simulator/population';
import { conformance } from './conformance';
import { addressOf, partyOf } from './examples';
import { adapter } from './index';
import { transferObligations } from './services/obligations-for-transfer';

runAdapterSuite(conformance());

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );
const errorsOf = (contract: string, record: unknown) => {
  const v = validateRecord(contract, record, { now: new Date('2026-12-31T00:00:00+07:00') });
  return v.ok ? [] : (v.problem.errors ?? []);
};

describe('tax transport (nock)', () => {
  const BASE = 'http://tax.test';
  const agent = new Agent({ keepAlive: true });
  const instance = createAdapterInstance(adapter, { baseUrl: BASE }, { agent, logger: silentLogger });
  const pop = getPopulation();
  const owner = pop.person(pop.scenarios.business.ownerId)!;

  /** Replays a recorded exchange; nock matches the method, path, query and (when recorded) the exact body. */
  function replay(name: string, headers: Record<string, string> = {}) {
    const f = fixture(name);
    const scope = nock(BASE, { reqheaders: headers });
    const path = f.request.query ? scope.get(f.request.path).query(f.request.query) : undefined;
    const interceptor =
      path ??
      (f.request.method === 'POST' ? scope.post(f.request.path, f.request.body) : scope.get(f.request.path));
    return interceptor.reply(f.response.status, f.response.body);
  }

  beforeAll(() => nock.disableNetConnect());
  afterAll(async () => {
    nock.enableNetConnect();
    await instance.close();
    agent.destroy();
  });
  afterEach(() => nock.cleanAll());

  it('taxpayer by personal ID: a household business in TP.HCM, its address back on GSO codes', async () => {
    const scope = replay('taxpayer.ok.json', { 'x-request-id': 'm-1' });
    const out = await instance.call(
      'taxpayer',
      { personalId: '079079780816' },
      callContext(1000, { messageId: 'm-1' }),
    );
    scope.done();
    expect(out).toMatchObject({
      taxpayer: { kind: 'individual', personalId: '079079780816' },
      businessName: 'Hộ kinh doanh Thời trang Trung',
      address: { provinceCode: '79', catalogue: '2026-04-30' },
      taxId: '079079780816',
      taxOffice: { code: '70100', name: 'Thuế Thành phố Hồ Chí Minh' },
      status: 'active',
    });
    expect(errorsOf('tax-registration@1', out)).toEqual([]);
  });

  it('taxpayer by an older 10-digit code: the answer carries the personal ID as the tax ID', async () => {
    replay('taxpayer.by-old-code.json');
    const out = await instance.call('taxpayer', { taxId: '8021624645' }, callContext());
    expect(out).toMatchObject({ taxId: '034097874846', taxpayer: { personalId: '034097874846' } });
    expect(errorsOf('tax-registration@1', out)).toEqual([]);
  });

  it("the authority's { error } body for an unknown taxpayer is rejected, not found", async () => {
    replay('taxpayer.not-found.json');
    const err = await failure(instance.call('taxpayer', { personalId: owner.personalId }, callContext()));
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({
      code: 'rejected',
      notFound: true,
      status: 404,
      upstreamCode: 'NNT_KHONG_TON_TAI',
    });
  });

  it('register-taxpayer: the recorded body with the tax location code; the tax ID is the personal ID', async () => {
    const scope = replay('register-taxpayer.ok.json', { 'idempotency-key': 'delivery-9' });
    const out = await instance.call(
      'register-taxpayer',
      {
        taxpayer: partyOf(owner),
        businessName: 'Hộ kinh doanh Cà phê Sáng',
        address: addressOf(owner.permanentAddress),
        activityCodes: ['5632', '1079'],
        capital: 150_000_000,
      },
      callContext(1000, { idempotencyKey: 'delivery-9' }),
    );
    scope.done();
    expect(out).toMatchObject({
      taxId: owner.personalId,
      activityCodes: ['5632', '1079'],
      taxOffice: { code: '70100' },
      registeredAt: '2025-12-15T09:00:00+07:00',
    });
    expect(errorsOf('tax-registration@1', out)).toEqual([]);
  });

  it('register-taxpayer: identity the population database does not confirm → rejected with its code', async () => {
    replay('register-taxpayer.mismatch.json');
    const err = await failure(
      instance.call(
        'register-taxpayer',
        {
          taxpayer: { kind: 'individual', personalId: owner.personalId, fullName: 'Nguyễn Văn Khác' },
          address: addressOf(owner.permanentAddress),
        },
        callContext(),
      ),
    );
    expect(err).toMatchObject({ code: 'rejected', notFound: false, upstreamCode: 'KHONG_KHOP_CSDL_DAN_CU' });
  });

  it('obligations-for-transfer: the slip goes out located by the crosswalk; notices come back', async () => {
    const scope = replay('obligations-for-transfer.ok.json');
    const out = await instance.call(
      'obligations-for-transfer',
      fixture('obligations-for-transfer.ok.input.json'),
      callContext(),
    );
    scope.done();
    expect(transferObligations.validate(out).error).toBeUndefined();
    expect(out).toMatchObject({
      dossierCode: 'HS-01-2025-000123',
      total: 204_525_000,
      obligations: [
        {
          kind: 'personal-income-tax',
          taxpayer: { personalId: '001077001536' },
          amount: 163_620_000,
          basis: { taxableValue: 8_181_000_000, rate: 0.02 },
          noticeNumber: '001000/TB-10100',
          dueDate: '2026-01-22',
          paymentStatus: 'unpaid',
        },
        {
          kind: 'registration-fee',
          taxpayer: { personalId: '001076510243' },
          amount: 40_905_000,
          basis: { taxableValue: 8_181_000_000, rate: 0.005 },
          paymentStatus: 'unpaid',
        },
      ],
    });
  });

  it('obligations-for-transfer: a dossier notified before is refused (HO_SO_DA_XU_LY)', async () => {
    replay('obligations-for-transfer.repeat.json');
    const err = await failure(
      instance.call(
        'obligations-for-transfer',
        fixture('obligations-for-transfer.ok.input.json'),
        callContext(),
      ),
    );
    expect(err).toMatchObject({ code: 'rejected', status: 409, upstreamCode: 'HO_SO_DA_XU_LY' });
  });

  it('payment-status: unpaid, then paid with the voucher the treasury confirmed', async () => {
    replay('payment-status.unpaid.json');
    expect(
      await instance.call('payment-status', { noticeNumber: '001000/TB-10100' }, callContext()),
    ).toMatchObject({
      paymentStatus: 'unpaid',
    });
    replay('payment-status.paid.json');
    const paid = await instance.call('payment-status', { noticeNumber: '001000/TB-10100' }, callContext());
    expect(paid).toMatchObject({
      paymentStatus: 'paid',
      payment: {
        voucherNumber: 'KB-0101-2025-000777',
        paidAt: '2025-12-26T10:15:00+07:00',
        amount: 163_620_000,
        channel: 'counter',
      },
    });
    expect(errorsOf('tax-obligation@1', paid)).toEqual([]);
  });

  it('a total that is not the sum, an amount as text, or an unmapped location code is malformed', async () => {
    const ok = fixture('obligations-for-transfer.ok.json');
    const input = fixture('obligations-for-transfer.ok.input.json');
    nock(BASE)
      .post(ok.request.path)
      .reply(201, { ...ok.response.body, tongTien: 1 });
    expect(await failure(instance.call('obligations-for-transfer', input, callContext()))).toMatchObject({
      code: 'malformed',
      reason: expect.stringMatching(/tongTien/),
    });
    const paid = fixture('payment-status.paid.json');
    nock(BASE)
      .get(paid.request.path)
      .query(true)
      .reply(200, { ...paid.response.body, soTien: '163620000' });
    expect(
      await failure(instance.call('payment-status', { noticeNumber: 'x' }, callContext())),
    ).toMatchObject({
      code: 'malformed',
    });
    const tp = fixture('taxpayer.ok.json');
    nock(BASE)
      .get(tp.request.path)
      .query(true)
      .reply(200, { ...tp.response.body, diaChi: { ...tp.response.body.diaChi, maDiaBan: '999' } });
    expect(
      await failure(instance.call('taxpayer', { personalId: '079079780816' }, callContext())),
    ).toMatchObject({
      code: 'malformed',
      upstreamCode: 'CROSSWALK_MA_DIA_BAN_LA',
    });
  });
});
