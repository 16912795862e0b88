/** residence: the conformance suite against the simulator, and the transport with recorded answers (nock). */
import nock from 'nock';
import '../../test/helpers/restore-nock';
import { Agent } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateRecord } from '../../contracts';
import { callContext, runAdapterSuite, silentLogger } from '../sdk/conformance';
import { createAdapterInstance, UpstreamError } from '../sdk';
import { conformance } from './conformance';
import { adapter } from './index';

runAdapterSuite(conformance());

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));

describe('residence transport (nock)', () => {
  const BASE = 'http://residence.test';
  const agent = new Agent({ keepAlive: true });
  const instance = createAdapterInstance(adapter, { baseUrl: BASE }, { agent, logger: silentLogger });
  const reply = (name: string, headers?: Record<string, string>) => {
    const f = fixture(name);
    nock(BASE, headers ? { reqheaders: headers } : undefined)
      .post(f.request.path, f.request.body)
      .reply(f.response.status, f.response.body);
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

  it('household by id: POSTs the id in the body (never the URL), with the message id', async () => {
    reply('household.by-id.ok.json', { 'x-request-id': 'm-1' });
    const out = await instance.call(
      'household',
      { householdId: 'HK7962401443' },
      callContext(1000, { messageId: 'm-1' }),
    );
    expect(out).toMatchObject({ householdId: 'HK7962401443', head: { personalId: '074043401637' } });
  });

  it("household by a member's personal ID", async () => {
    reply('household.by-member.ok.json');
    const out = (await instance.call('household', { personalId: '001194389546' }, callContext())) as {
      members: { personalId: string; relationToHead: string }[];
    };
    expect(out.members.map((m) => m.relationToHead)).toEqual(['self', 'spouse']);
  });

  it("the upstream's not-found error becomes a rejected, not-found UpstreamError with its code", async () => {
    reply('household.not-found.json');
    const err = await failure(instance.call('household', { householdId: 'HK0100000000' }, callContext()));
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({ code: 'rejected', notFound: true, upstreamCode: 'HO_KHONG_TON_TAI' });
  });

  it('register: sends the relation code, the consent in the dialect and the idempotency key → residence@1', async () => {
    reply('register-permanent-residence.ok.json', { 'idempotency-key': 'birth-42/residence' });
    const out = await instance.call(
      'register-permanent-residence',
      {
        householdId: 'HK0108841059',
        personalId: '001225900001',
        fullName: 'Phạm Lê Minh An',
        dateOfBirth: '2025-12-20',
        relationToHead: 'child',
        headConsent: { personalId: '034097874846', confirmedAt: '2025-12-22T10:15:00+07:00' },
      },
      callContext(1000, { idempotencyKey: 'birth-42/residence' }),
    );
    expect(out).toMatchObject({ status: 'active', relationToHead: 'child', householdId: 'HK0108841059' });
    const v = validateRecord('residence@1', out, { now: new Date('2026-11-22T12:00:00+07:00') });
    expect(v.ok ? [] : v.problem.errors).toEqual([]);
  });

  it.each([
    ['register-permanent-residence.not-head.json', 'KHONG_PHAI_CHU_HO'],
    ['register-permanent-residence.already-registered.json', 'DA_DANG_KY_THUONG_TRU'],
  ])('a refused registration (%s) is rejected, not retryable, with the code %s', async (name, code) => {
    const f = fixture(name);
    nock(BASE).post(f.request.path).reply(f.response.status, f.response.body);
    const err = await failure(
      instance.call(
        'register-permanent-residence',
        {
          householdId: f.request.body.ma_ho,
          personalId: f.request.body.so_dinh_danh,
          fullName: f.request.body.ho_ten,
          dateOfBirth: '2025-12-20',
          relationToHead: 'child',
          headConsent: {
            personalId: f.request.body.y_kien_chu_ho.so_dinh_danh,
            confirmedAt: '2025-12-22T10:15:00+07:00',
          },
        },
        callContext(),
      ),
    );
    expect(err).toMatchObject({ code: 'rejected', retryable: false, notFound: false, upstreamCode: code });
  });

  it('remove at death: sends CHET with the death register number → removed residence@1', async () => {
    reply('remove-permanent-residence.death.json');
    const out = await instance.call(
      'remove-permanent-residence',
      {
        personalId: '074043401637',
        reason: 'death',
        deathRegisterNumber: '15/2026',
        householdId: 'HK7962401443',
      },
      callContext(),
    );
    expect(out).toMatchObject({
      status: 'removed',
      removalReason: 'death',
      resident: { personalId: '074043401637' },
    });
  });

  it('remove as a compensation: sends KHAC with the household guard and the note', async () => {
    reply('remove-permanent-residence.compensation.json');
    const out = await instance.call(
      'remove-permanent-residence',
      {
        personalId: '001225900001',
        reason: 'other',
        householdId: 'HK0108841059',
        note: 'Hoàn tác: đăng ký khai sinh bị từ chối',
      },
      callContext(),
    );
    expect(out).toMatchObject({ status: 'removed', removalReason: 'other' });
  });

  it('a removed registration without its removal date is malformed, not canonical data', async () => {
    const f = fixture('remove-permanent-residence.death.json');
    nock(BASE)
      .post(f.request.path)
      .reply(200, { ...f.response.body, ngay_xoa: null });
    const err = await failure(
      instance.call(
        'remove-permanent-residence',
        { personalId: '074043401637', reason: 'death', deathRegisterNumber: '15/2026' },
        callContext(),
      ),
    );
    expect(err).toMatchObject({ code: 'malformed' });
  });

  it('an address in another catalogue is malformed: codes mean nothing without theirs', async () => {
    const f = fixture('household.by-id.ok.json');
    nock(BASE)
      .post(f.request.path)
      .reply(200, { ...f.response.body, dia_chi: { ...f.response.body.dia_chi, danh_muc_dvhc: 'CU' } });
    const err = await failure(instance.call('household', { householdId: 'HK7962401443' }, callContext()));
    expect(err).toMatchObject({ code: 'malformed' });
  });
});
