/**
 * payment-platform: the conformance suite against the simulator; the platform's signed notifications,
 * verified over the exact bytes (tampered, unsigned and unknown-key ones refused); the admin knobs that drive
 * a payment to paid, expired or failed; the mapping's time format.
 */
import { createServer, Agent, type Server } from 'node:http';
import { runAdapterSuite, callContext, silentLogger } from '../sdk/conformance';
import { createAdapterInstance, type RunningSimulator } from '../sdk';
import { conformance } from './conformance';
import { adapter } from './index';
import { fromPlatformTime, toPlatformTime } from './mapping';
import { KEY_ID_HEADER, readPaymentNotification, SIGNATURE_HEADER } from './notification';
import { createPaymentPlatformSimulator } from './simulator';

runAdapterSuite(conformance());

interface Received {
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

describe('payment-platform notifications and outcomes', () => {
  let sim: RunningSimulator;
  let receiver: Server;
  let receiverUrl: string;
  const waiting: ((r: Received) => void)[] = [];
  const agent = new Agent({ keepAlive: true });
  let keys: Record<string, string>;
  const next = () => new Promise<Received>((resolve) => waiting.push(resolve));

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.end('ok');
        waiting.shift()?.({ body: Buffer.concat(chunks), headers: req.headers });
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const addr = receiver.address() as { port: number };
    receiverUrl = `http://127.0.0.1:${addr.port}/v1/notifications/payment-platform`;
    sim = await createPaymentPlatformSimulator().start();
    const state = (await (await fetch(`${sim.url}/__admin/state`)).json()) as {
      keyId: string;
      publicKeyPem: string;
    };
    keys = { [state.keyId]: state.publicKeyPem };
  });
  afterAll(async () => {
    agent.destroy();
    await sim.close();
    receiver.closeAllConnections();
    await new Promise((r) => receiver.close(r));
  });

  const instance = () =>
    createAdapterInstance(
      adapter,
      { baseUrl: sim.url, auth: sim.credentials, options: { notificationUrl: receiverUrl } },
      { agent, logger: silentLogger },
    );
  const request = (paymentRef: string) => ({
    paymentRef,
    dossierCode: 'HS-2026-000900',
    payer: { kind: 'individual', fullName: 'Phạm Minh Đức', personalId: '001099012345' },
    items: [{ kind: 'fee', description: 'Lệ phí cấp giấy chứng nhận', amount: 100_000 }],
    description: 'Nộp lệ phí hồ sơ HS-2026-000900',
    expiresInMinutes: 60,
  });

  it('a paid payment is notified, signed; the verified notification is the payment, paid, with its receipt', async () => {
    const inst = instance();
    try {
      const created = (await inst.call('request-payment', request('HS-NOTI-PAID-1'), callContext())) as {
        status: string;
        payUrl: string;
      };
      expect(created.status).toBe('pending');
      expect(created.payUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/thanh-toan\/GD/);
      const arrived = next();
      const knob = await fetch(`${sim.url}/__admin/payments/HS-NOTI-PAID-1/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kenh: 'VI_DIEN_TU' }),
      });
      expect(knob.status).toBe(200);
      const n = await arrived;
      const paid = readPaymentNotification(n, keys) as {
        status: string;
        receipt: { channel: string; amount: number };
      };
      expect(paid).toMatchObject({ paymentRef: 'HS-NOTI-PAID-1', status: 'paid', amount: 100_000 });
      expect(paid.receipt).toMatchObject({ channel: 'e-wallet', amount: 100_000 });
      const polled = await inst.call('payment-status', { paymentRef: 'HS-NOTI-PAID-1' }, callContext());
      expect(polled).toEqual(paid);

      // The exact bytes are what is verified: one changed byte, no signature, an unknown key — all refused.
      const tampered = Buffer.from(n.body.toString('utf8').replace('"tongTien":100000', '"tongTien":100'));
      expect(() => readPaymentNotification({ ...n, body: tampered }, keys)).toThrow(/does not verify/);
      expect(() => readPaymentNotification({ body: n.body, headers: {} }, keys)).toThrow(/not signed/);
      expect(() =>
        readPaymentNotification({ body: n.body, headers: { ...n.headers, [KEY_ID_HEADER]: 'OTHER' } }, keys),
      ).toThrow(/unknown platform key/);
      expect(n.headers[SIGNATURE_HEADER]).toBeDefined();
    } finally {
      await inst.close();
    }
  });

  it.each([
    ['expire', 'expired'],
    ['fail', 'failed'],
  ])('the %s knob ends a pending payment as %s, notified and read back', async (knob, status) => {
    const inst = instance();
    const ref = `HS-NOTI-${knob.toUpperCase()}-1`;
    try {
      await inst.call('request-payment', request(ref), callContext());
      const arrived = next();
      expect((await fetch(`${sim.url}/__admin/payments/${ref}/${knob}`, { method: 'POST' })).status).toBe(
        200,
      );
      expect(readPaymentNotification(await arrived, keys)).toMatchObject({ paymentRef: ref, status });
      const read = (await inst.call('payment-status', { paymentRef: ref }, callContext())) as Record<
        string,
        unknown
      >;
      expect(read.status).toBe(status);
      expect(read.payUrl).toBeUndefined();
      // A settled payment cannot be settled again.
      expect((await fetch(`${sim.url}/__admin/payments/${ref}/pay`, { method: 'POST' })).status).toBe(409);
    } finally {
      await inst.close();
    }
  });
});

describe('payment-platform mapping', () => {
  it('reads and writes the platform time, dd/MM/yyyy HH:mm:ss in +07:00', () => {
    expect(fromPlatformTime('05/03/2026 08:30:00')).toBe('2026-03-05T08:30:00+07:00');
    expect(toPlatformTime('2026-03-05T01:30:00Z')).toBe('05/03/2026 08:30:00');
  });
});
