/** health-insurance: the conformance suite against the simulator, and the transport with recorded answers (nock). */
import nock from 'nock';
import '../../test/helpers/restore-nock';
import { Agent } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callContext, runAdapterSuite, silentLogger } from '../sdk/conformance';
import { createAdapterInstance, UpstreamError } from '../sdk';
import { conformance } from './conformance';
import { adapter } from './index';

runAdapterSuite(conformance());

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));

const childInput = {
  personalId: '001225900001',
  fullName: 'Phạm Lê Minh An',
  dateOfBirth: '2025-12-20',
  sex: 'male',
  primaryCareFacilityCode: '01100',
  address: {
    text: '11 Phố Lò Đúc, Phường Ngọc Hà, Thành phố Hà Nội',
    houseNumber: '11',
    street: 'Phố Lò Đúc',
    communeCode: '00008',
    provinceCode: '01',
    catalogue: '2026-04-30',
  },
};
const claimInput = {
  deceasedPersonalId: '079046123303',
  deathRegisterNumber: '15/2026',
  dateOfDeath: '2026-01-10',
  claimant: { personalId: '040147772540', fullName: 'Lê Thị Hoà', relation: 'spouse' },
  bankAccount: { bankCode: '970436', accountNumber: '0071000123456', accountHolder: 'LE THI HOA' },
};

describe('health-insurance transport (nock)', () => {
  const BASE = 'http://bhxh.test';
  const agent = new Agent({ keepAlive: true });
  const instance = createAdapterInstance(adapter, { baseUrl: BASE }, { agent, logger: silentLogger });
  /** Expects the recorded request (path and exact body) and answers the recorded answer. */
  const reply = (name: string, headers?: Record<string, string>) => {
    const f = fixture(name);
    nock(BASE, headers ? { reqheaders: headers } : undefined)
      .post(f.request.path, f.request.body)
      .reply(f.response.status, f.response.body);
    return f;
  };
  const failure = (p: Promise<unknown>) => p.then(() => undefined).catch((e: unknown) => e);

  beforeAll(() => nock.disableNetConnect());
  afterAll(async () => {
    nock.enableNetConnect();
    await instance.close();
    agent.destroy();
  });
  afterEach(() => {
    expect(nock.isDone()).toBe(true);
    nock.cleanAll();
  });

  it('card of a person: the ID in the body, the message id as correlation id → health-insurance-card@1', async () => {
    reply('card-of-person.ok.json', { 'x-request-id': 'm-7' });
    const out = await instance.call(
      'card-of-person',
      { personalId: '001194389546' },
      callContext(1000, { messageId: 'm-7' }),
    );
    expect(out).toMatchObject({ holderPersonalId: '001194389546', beneficiaryGroup: 'DN', benefitLevel: 4 });
  });

  it('no card: a rejected, not-found UpstreamError with the upstream code', async () => {
    reply('card-of-person.not-found.json');
    const err = await failure(instance.call('card-of-person', { personalId: '001099999999' }, callContext()));
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({ code: 'rejected', notFound: true, upstreamCode: 'KHONG_TIM_THAY_THE' });
  });

  it('child card: sends the dialect (dd/MM/yyyy, Nam/Nữ, diaChi) with the idempotency key → TE card', async () => {
    reply('issue-child-card.ok.json', { 'idempotency-key': 'birth-42/card' });
    const out = await instance.call(
      'issue-child-card',
      childInput,
      callContext(1000, { idempotencyKey: 'birth-42/card' }),
    );
    expect(out).toMatchObject({
      number: 'TE1010190000001',
      holderPersonalId: '001225900001',
      validFrom: '2025-12-20',
      validTo: '2031-12-19',
    });
  });

  it.each([
    ['issue-child-card.too-old.json', 'TRE_DU_6_TUOI'],
    ['issue-child-card.already-insured.json', 'DA_CO_THE'],
  ])('a refused card (%s) is rejected, not retryable, with the code %s', async (name, code) => {
    const f = fixture(name);
    nock(BASE).post(f.request.path).reply(f.response.status, f.response.body);
    const err = await failure(instance.call('issue-child-card', childInput, callContext()));
    expect(err).toMatchObject({ code: 'rejected', retryable: false, notFound: false, upstreamCode: code });
  });

  it('funeral grant: sends the claimant and the account in the dialect → FuneralAllowanceClaim_v1', async () => {
    const f = reply('funeral-allowance-claim.ok.json', { 'idempotency-key': 'death-9/grant' });
    const out = await instance.call(
      'funeral-allowance-claim',
      claimInput,
      callContext(1000, { idempotencyKey: 'death-9/grant' }),
    );
    expect(out).toEqual({
      claimId: 'MT-79-2026-000001',
      deceasedPersonalId: '079046123303',
      amount: 23_400_000,
      status: 'accepted',
      decidedAt: `${f.response.body.ngayQuyetDinh}+07:00`,
    });
  });

  it.each([
    ['funeral-allowance-claim.duplicate.json', 'DA_GIAI_QUYET'],
    ['funeral-allowance-claim.not-insured.json', 'KHONG_DU_DIEU_KIEN'],
  ])('a refused claim (%s) is rejected, not retryable, with the code %s', async (name, code) => {
    const f = fixture(name);
    nock(BASE).post(f.request.path).reply(f.response.status, f.response.body);
    const err = await failure(instance.call('funeral-allowance-claim', claimInput, callContext()));
    expect(err).toMatchObject({ code: 'rejected', retryable: false, upstreamCode: code });
  });

  it('birth certificate: number and mother in the body → BirthCertificate_v1, place of birth the facility', async () => {
    reply('birth-certificate.ok.json', { 'x-request-id': 'm-12' });
    const out = await instance.call(
      'birth-certificate',
      { number: 'GCS-01001-0000001', motherPersonalId: '001194389546' },
      callContext(1000, { messageId: 'm-12' }),
    );
    expect(out).toEqual({
      number: 'GCS-01001-0000001',
      issuedAt: '2026-11-20T10:45:00+07:00',
      facility: { code: '01001', name: 'Bệnh viện Phụ sản Hà Nội' },
      child: {
        dateOfBirth: '2026-11-19',
        timeOfBirth: '08:45',
        sex: 'male',
        birthWeightGrams: 3200,
        placeOfBirth: {
          text: 'Phường Giảng Võ, Thành phố Hà Nội',
          communeCode: '00025',
          provinceCode: '01',
          catalogue: '2026-04-30',
        },
      },
      mother: { personalId: '001194389546', fullName: 'Lê Thu Hằng' },
      father: { personalId: '034097874846', fullName: 'Phạm Văn Lộc' },
      signature: fixture('birth-certificate.ok.json').response.body.chuKySo,
    });
  });

  it('no such certificate for this mother: a rejected, not-found UpstreamError with the upstream code', async () => {
    reply('birth-certificate.not-found.json');
    const err = await failure(
      instance.call(
        'birth-certificate',
        { number: 'GCS-01001-9999999', motherPersonalId: '001194389546' },
        callContext(),
      ),
    );
    expect(err).toMatchObject({
      code: 'rejected',
      retryable: false,
      notFound: true,
      upstreamCode: 'KHONG_TIM_THAY_GIAY_CHUNG_SINH',
    });
  });

  it('a certificate issued before the birth, or with the time of birth missing, is malformed', async () => {
    const f = fixture('birth-certificate.ok.json');
    const body = f.response.body;
    for (const bad of [
      { ...body, ngayCap: '2026-11-18T23:59:59' },
      { ...body, treSoSinh: { ...body.treSoSinh, gioSinh: undefined } },
    ]) {
      nock(BASE).post(f.request.path).reply(200, bad);
      const err = await failure(
        instance.call(
          'birth-certificate',
          { number: 'GCS-01001-0000001', motherPersonalId: '001194389546' },
          callContext(),
        ),
      );
      expect(err).toMatchObject({ code: 'malformed' });
    }
  });

  it('an amount sent as text is malformed, not canonical data', async () => {
    const f = fixture('funeral-allowance-claim.ok.json');
    nock(BASE)
      .post(f.request.path)
      .reply(201, { ...f.response.body, soTien: '23400000' });
    const err = await failure(instance.call('funeral-allowance-claim', claimInput, callContext()));
    expect(err).toMatchObject({ code: 'malformed' });
  });

  it('a card whose number contradicts its benefit level is malformed', async () => {
    const f = fixture('card-of-person.ok.json');
    nock(BASE)
      .post(f.request.path)
      .reply(200, { ...f.response.body, mucHuong: 1 });
    const err = await failure(instance.call('card-of-person', { personalId: '001194389546' }, callContext()));
    expect(err).toMatchObject({ code: 'malformed' });
  });
});
