/**
 * notify: the conformance suite against the simulator, and the transport both ways with nock on recorded
 * fixtures — refusals in a 200 (CodeResult ≠ "100"), a 400 with the gateway's error body, the sender options.
 */
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

describe('notify transport (nock)', () => {
  const BASE = 'http://gateway.test';
  const agent = new Agent({ keepAlive: true });
  const instance = createAdapterInstance(adapter, { baseUrl: BASE }, { agent, logger: silentLogger });
  const failure = (p: Promise<unknown>) => p.then(() => undefined).catch((e: unknown) => e);
  const sms = {
    to: '+84373049933',
    text: 'Hồ sơ 000.00.27628-251103-0007 đã được tiếp nhận. Hạn trả kết quả: 06/11/2025.',
    reference: '000.00.27628-251103-0007',
  };
  const email = {
    to: 'hang.le94@outlook.com',
    subject: 'Thông báo tiếp nhận hồ sơ',
    text: 'Kính gửi bà Lê Thu Hằng,\n\nHồ sơ đăng ký khai sinh của bà đã được tiếp nhận.\n\nTrân trọng.',
    reference: 'HS-KS-0001',
  };
  beforeAll(() => nock.disableNetConnect());
  afterAll(async () => {
    nock.enableNetConnect();
    await instance.close();
    agent.destroy();
  });
  afterEach(() => nock.cleanAll());

  it('send-sms: 84… without a plus, Unicode, the idempotency key as RequestId; maps the acceptance', async () => {
    const f = fixture('send-sms.ok.json');
    const scope = nock(BASE, { reqheaders: { 'idempotency-key': 'delivery-42' } })
      .post(f.request.path, f.request.body)
      .reply(200, f.response.body);
    const out = await instance.call('send-sms', sms, callContext(1000, { idempotencyKey: 'delivery-42' }));
    expect(out).toEqual({
      messageId: '5e0c1f7a-9b3d-4c2e-8a61-2f4d9c7b1e03',
      acceptedAt: '2025-11-03T08:00:05+07:00',
      channel: 'sms',
    });
    scope.done();
  });

  it('send-sms: without an idempotency key the message id is the RequestId', async () => {
    const f = fixture('send-sms.ok.json');
    nock(BASE)
      .post(f.request.path, { ...f.request.body, RequestId: 'm-9' })
      .reply(200, f.response.body);
    await expect(
      instance.call('send-sms', sms, callContext(1000, { messageId: 'm-9' })),
    ).resolves.toMatchObject({
      channel: 'sms',
    });
  });

  it('send-sms: a refusal in a 200 is rejected with the code, and its reason does not quote the number', async () => {
    const f = fixture('send-sms.refused.json');
    nock(BASE).post(f.request.path, f.request.body).reply(200, f.response.body);
    const err = await failure(
      instance.call(
        'send-sms',
        { to: '+842838123456', text: sms.text },
        callContext(1000, { idempotencyKey: 'delivery-43' }),
      ),
    );
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({ code: 'rejected', retryable: false, status: 200, upstreamCode: '118' });
    expect((err as UpstreamError).reason).not.toMatch(/\d{9}/);
  });

  it("send-sms: a 400 carries the gateway's code", async () => {
    const f = fixture('send-sms.bad-request.json');
    nock(BASE).post(f.request.path).reply(400, f.response.body);
    expect(await failure(instance.call('send-sms', sms, callContext()))).toMatchObject({
      code: 'rejected',
      status: 400,
      upstreamCode: '99',
    });
  });

  it('send-sms: an acceptance without its message id is malformed', async () => {
    const f = fixture('send-sms.ok.json');
    nock(BASE).post(f.request.path).reply(200, { CodeResult: '100', ErrorMessage: 'Thành công' });
    expect(await failure(instance.call('send-sms', sms, callContext()))).toMatchObject({ code: 'malformed' });
    nock(BASE)
      .post(f.request.path)
      .reply(200, { ...f.response.body, SendTime: '20251103080005' });
    expect(await failure(instance.call('send-sms', sms, callContext()))).toMatchObject({ code: 'malformed' });
  });

  it('send-email: plain text, line breaks kept, the sender name from the options', async () => {
    const f = fixture('send-email.ok.json');
    nock(BASE).post(f.request.path, f.request.body).reply(200, f.response.body);
    const out = await instance.call(
      'send-email',
      email,
      callContext(1000, { idempotencyKey: 'delivery-44' }),
    );
    expect(out).toEqual({
      messageId: 'E-20251103-000418',
      acceptedAt: '2025-11-03T08:00:06+07:00',
      channel: 'email',
    });
  });

  it('send-email: a domain that takes no mail is rejected (122)', async () => {
    const f = fixture('send-email.refused.json');
    nock(BASE).post(f.request.path, f.request.body).reply(200, f.response.body);
    const err = await failure(
      instance.call(
        'send-email',
        { ...email, to: 'nguoi.nhan@mien.invalid' },
        callContext(1000, { idempotencyKey: 'delivery-45' }),
      ),
    );
    expect(err).toMatchObject({ code: 'rejected', upstreamCode: '122' });
  });

  it('configured sender options travel; invalid ones stop the adapter at creation', async () => {
    const custom = createAdapterInstance(
      adapter,
      { baseUrl: BASE, options: { brandname: 'UBND-HCM', senderName: 'UBND TP.HCM' } },
      { agent, logger: silentLogger },
    );
    let body: Record<string, unknown> = {};
    nock(BASE)
      .post('/api/sms/send', (b: Record<string, unknown>) => ((body = b), true))
      .reply(200, fixture('send-sms.ok.json').response.body);
    await custom.call('send-sms', sms, callContext());
    expect(body.Brandname).toBe('UBND-HCM');
    await custom.close();
    expect(() =>
      createAdapterInstance(
        adapter,
        { baseUrl: BASE, options: { brandname: 'DVC-LIENTHONG' } },
        { agent, logger: silentLogger },
      ),
    ).toThrow(/brandname/);
  });
});
