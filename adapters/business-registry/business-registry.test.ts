/** business-registry: the conformance suite against the simulator, and the transport with recorded answers (nock). */
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

/** The canonical request the recorded registration was made from. */
const registration = {
  owner: { personalId: '051181591493', fullName: 'Lâm Bội Tuyết' },
  businessName: 'Hộ kinh doanh Cà phê Sáng',
  address: {
    text: 'Số 155, Ấp 4, Xã Hưng Long, Thành phố Hồ Chí Minh',
    houseNumber: '155',
    hamlet: 'Ấp 4',
    communeCode: '27628',
    provinceCode: '79',
    catalogue: '2026-04-30',
  },
  activityCodes: ['4711', '5630'],
  capital: 150_000_000,
  employees: 2,
  phone: '+84373049933',
  email: 'tuyet.lam81@gmail.com',
};

describe('business-registry transport (nock)', () => {
  const BASE = 'http://dkkd.test';
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

  it('registers: the dialect body with the idempotency key → household-business@1 with the number assigned', async () => {
    reply('register-household-business.ok.json', {
      'idempotency-key': 'hkd-7/register',
      'x-request-id': 'm-3',
    });
    const out = await instance.call(
      'register-household-business',
      registration,
      callContext(1000, { idempotencyKey: 'hkd-7/register', messageId: 'm-3' }),
    );
    expect(out).toEqual({
      ...registration,
      registrationNumber: '27628-8-000001',
      registeredAt: '2026-03-10T00:00:00+07:00',
    });
  });

  it('a name taken in the commune is rejected, not retryable, with TRUNG_TEN', async () => {
    const f = fixture('register-household-business.duplicate-name.json');
    nock(BASE).post(f.request.path).reply(f.response.status, f.response.body);
    const err = await failure(instance.call('register-household-business', registration, callContext()));
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({
      code: 'rejected',
      retryable: false,
      notFound: false,
      status: 409,
      upstreamCode: 'TRUNG_TEN',
      reason: 'Tên hộ kinh doanh đã được đăng ký trên địa bàn xã',
    });
  });

  it('by registration number: the number in the body → household-business@1 with its tax code', async () => {
    reply('household-business.ok.json');
    const out = await instance.call(
      'household-business',
      { registrationNumber: '01H8752844' },
      callContext(),
    );
    expect(out).toMatchObject({
      registrationNumber: '01H8752844',
      owner: { personalId: '024163417394' },
      activityCodes: ['5510'],
      registeredAt: '2017-10-20T00:00:00+07:00',
      taxId: '8034432806',
    });
  });

  it('by owner: the ID in the body, never the URL; none → a not-found refusal', async () => {
    reply('household-business.not-found.json');
    const err = await failure(
      instance.call('household-business', { ownerPersonalId: '001099012345' }, callContext()),
    );
    expect(err).toMatchObject({ code: 'rejected', notFound: true, upstreamCode: 'KHONG_TIM_THAY' });
  });

  it('an answer with two main lines, or a capital sent as text, is malformed', async () => {
    const f = fixture('household-business.ok.json');
    const record = f.response.body.duLieu;
    for (const duLieu of [
      { ...record, nganhNghe: [record.nganhNghe[0], { ...record.nganhNghe[0], maNganh: '5630' }] },
      { ...record, vonKinhDoanh: '1005000000' },
    ]) {
      nock(BASE).post(f.request.path).reply(200, { ketQua: 'THANH_CONG', duLieu });
      const err = await failure(
        instance.call('household-business', { registrationNumber: '01H8752844' }, callContext()),
      );
      expect(err).toMatchObject({ code: 'malformed' });
    }
  });

  it('an error body in another shape still fails as rejected, with the HTTP status as reason', async () => {
    const f = fixture('household-business.not-found.json');
    nock(BASE).post(f.request.path).reply(422, { error: 'something else' });
    const err = await failure(
      instance.call('household-business', { ownerPersonalId: '001099012345' }, callContext()),
    );
    expect(err).toMatchObject({ code: 'rejected', upstreamCode: undefined, reason: 'HTTP 422' });
  });
});
