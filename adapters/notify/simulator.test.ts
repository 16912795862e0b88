/**
 * The simulated gateway through the adapter and on the wire: the outbox the demo prints, one message per
 * idempotency key, refusals as no effect, and its refusal rules (mobiles only, Unicode flag, brandname).
 */
import { Agent } from 'node:http';
import { callContext, silentLogger } from '../sdk/conformance';
import { createAdapterInstance, type AdapterInstance, type RunningSimulator } from '../sdk';
import { adapter } from './index';
import { createNotifySimulator } from './simulator';
import type { SentMessage } from './simulator/outbox';

describe('notify simulator', () => {
  const agent = new Agent({ keepAlive: true });
  let sim: RunningSimulator;
  let gateway: AdapterInstance;
  const refusal = (p: Promise<unknown>) => p.then(() => undefined).catch((e: unknown) => e);
  const outbox = async (): Promise<SentMessage[]> =>
    ((await (await fetch(`${sim.url}/__admin/state`)).json()) as { messages: SentMessage[] }).messages;
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${sim.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { CodeResult: string } };
  };
  const sms = {
    Phone: '84912345678',
    Content: 'Hồ sơ',
    Brandname: 'DVC-LTHONG',
    IsUnicode: 1,
    RequestId: 'r-1',
  };

  beforeAll(async () => {
    sim = await createNotifySimulator().start();
    gateway = createAdapterInstance(adapter, { baseUrl: sim.url }, { agent, logger: silentLogger });
  });
  beforeEach(async () => {
    await fetch(`${sim.url}/__admin/reset`, { method: 'POST' });
  });
  afterAll(async () => {
    await gateway.close();
    agent.destroy();
    await sim.close();
  });

  it('keeps every accepted message, in order, with channel, recipient, text and reference', async () => {
    await gateway.call(
      'send-sms',
      { to: '+84912345678', text: 'Hồ sơ đã được tiếp nhận', reference: 'HS-1' },
      callContext(2000, { idempotencyKey: 'd-1' }),
    );
    await gateway.call(
      'send-email',
      { to: 'a@example.vn', subject: 'Thông báo', text: 'Đã có kết quả' },
      callContext(),
    );
    expect(await outbox()).toEqual([
      expect.objectContaining({
        channel: 'sms',
        to: '+84912345678',
        text: 'Hồ sơ đã được tiếp nhận',
        reference: 'HS-1',
        requestId: 'd-1',
      }),
      expect.objectContaining({
        channel: 'email',
        to: 'a@example.vn',
        subject: 'Thông báo',
        text: 'Đã có kết quả',
      }),
    ]);
  });

  it('sends once per idempotency key and answers the repeat with the same message id', async () => {
    const input = { to: '+84912345678', text: 'Kết quả đã sẵn sàng' };
    const a = await gateway.call('send-sms', input, callContext(2000, { idempotencyKey: 'd-2' }));
    const b = await gateway.call('send-sms', input, callContext(2000, { idempotencyKey: 'd-2' }));
    expect(b).toEqual(a);
    expect(await outbox()).toHaveLength(1);
  });

  it('refuses landlines and foreign numbers (118) and counts no effect', async () => {
    for (const to of ['+842838123456', '+6591234567']) {
      const err = await refusal(
        gateway.call('send-sms', { to, text: 'Hồ sơ' }, callContext(2000, { idempotencyKey: `k-${to}` })),
      );
      expect(err).toMatchObject({ code: 'rejected', upstreamCode: '118' });
    }
    expect(await outbox()).toEqual([]);
    expect(sim.effects()).toEqual({});
  });

  it('refuses Vietnamese content flagged as GSM text (119), an unregistered brandname (104), a bad body (400)', async () => {
    expect((await post('/api/sms/send', { ...sms, IsUnicode: 0 })).body.CodeResult).toBe('119');
    expect((await post('/api/sms/send', { ...sms, Brandname: 'KHAC' })).body.CodeResult).toBe('104');
    expect(
      (await post('/api/sms/send', { ...sms, Content: 'x'.repeat(481), IsUnicode: 0 })).body.CodeResult,
    ).toBe('119');
    expect(await post('/api/sms/send', { ...sms, Phone: '+84912345678' })).toEqual({
      status: 400,
      body: { CodeResult: '99', ErrorMessage: 'Sai định dạng yêu cầu: Phone' },
    });
    expect((await post('/api/sms/send', sms)).body.CodeResult).toBe('100');
  });

  it('refuses e-mail to a domain that takes no mail (122)', async () => {
    const err = await refusal(
      gateway.call('send-email', { to: 'x@mien.invalid', subject: 'S', text: 'T' }, callContext()),
    );
    expect(err).toMatchObject({ code: 'rejected', upstreamCode: '122' });
  });
});
