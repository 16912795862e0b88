/**
 * The hub offers the payment platform and the postal service (issue 13): a ward's one-stop system asks
 * for a payment and books a result's pick-up through the hub, which authenticates to each upstream with
 * the configured credentials (OAuth 2.0 client credentials; an API key), sends the member's idempotency
 * key bound to the member in the upstream's own duplicate header, and keeps the receipt in Redis — so a
 * second hub process (another catalog, a fresh token cache) that sends the same write again, and is told
 * "duplicate", answers with the first receipt.
 */
import Redis from 'ioredis';
import { Agent } from 'node:http';
import { createRedisReceiptStore } from '../../adapters/sdk';
import { callContext, silentLogger } from '../../adapters/sdk/conformance';
import { loadAdapters } from '../../adapters/registry';
import { createServiceCatalog } from '../../hub/exchange/catalog';
import { release } from '../../hub/exchange/egress';
import { createAccessPolicy } from '../../hub/exchange/policy';
import { upstreamKey } from '../../hub/exchange/handler';
import { startWorld, type World } from '../../hub/sandbox/world';
import { useRedis } from '../helpers/redis';

const redis = useRedis();
let world: World;

beforeAll(async () => {
  world = await startWorld({ redisUrl: redis.url, adapters: ['payment-platform', 'public-postal'] });
}, 30_000);
redis.beforeStop(() => world?.close());

const WARD = ['VN:GOV:01:UBND-NGOCHA', 'MOTCUA'] as const;
const payment = (paymentRef: string) => ({
  paymentRef,
  dossierCode: 'HS-2026-004242',
  payer: { kind: 'individual', fullName: 'Nguyễn Thị Mai', personalId: '079303000123' },
  items: [{ kind: 'fee', description: 'Lệ phí đăng ký hộ kinh doanh', amount: 100_000 }],
  description: 'Nộp lệ phí hồ sơ HS-2026-004242',
});

describe('payment platform and postal service through the hub', () => {
  it('asks for a payment (OAuth to the platform) and reads its status; the platform got the bound key', async () => {
    const ward = world.client(...WARD);
    const res = await ward.call('VN:GOV:00:VPCP/THANHTOAN/request-payment/v1', {
      purpose: 'thanh-toan.phi-le-phi',
      body: payment('HS-E2E-PAY-1'),
      idempotencyKey: 'pay-1',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ paymentRef: 'HS-E2E-PAY-1', status: 'pending', amount: 100_000 });
    const sim = world.simulators['payment-platform'];
    expect(sim.authStats()).toMatchObject({ tokensIssued: 1, refused: 0 });
    const sent = sim.requests().filter((r) => r.method === 'POST' && r.path === '/api/v1/giao-dich');
    expect(sent.map((r) => r.headers?.['x-request-id'])).toEqual([upstreamKey(WARD.join('/'), 'pay-1')]);

    await fetch(`${sim.url}/__admin/payments/HS-E2E-PAY-1/pay`, { method: 'POST' });
    const status = await ward.call('VN:GOV:00:VPCP/THANHTOAN/payment-status/v1', {
      purpose: 'thanh-toan.phi-le-phi',
      body: { paymentRef: 'HS-E2E-PAY-1' },
    });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ status: 'paid', receipt: { amount: 100_000 } });
  });

  it('another hub process repeating the write gets "duplicate" from the platform and answers the first receipt from Redis', async () => {
    const key = upstreamKey(WARD.join('/'), 'pay-2');
    const store = new Redis(redis.url);
    const agent = new Agent({ keepAlive: true });
    const config = {
      ...world.config,
      services: world.config.services.filter((s) => s.adapter === 'payment-platform'),
    };
    const catalogs = [0, 1].map(() =>
      createServiceCatalog(config, loadAdapters(['payment-platform']), {
        logger: silentLogger,
        agent,
        receipts: createRedisReceiptStore(store),
      }),
    );
    try {
      const SERVICE = 'VN:GOV:00:VPCP/THANHTOAN/request-payment/v1';
      const policy = createAccessPolicy(config);
      const call = async (i: number) =>
        release(
          policy,
          await catalogs[i]
            .get(SERVICE)!
            .call(payment('HS-E2E-PAY-2'), callContext(4000, { idempotencyKey: key })),
          { kind: 'member', client: WARD.join('/'), service: SERVICE, purpose: 'thanh-toan.phi-le-phi' },
        ).value;
      const first = await call(0);
      const again = await call(1);
      expect(first).toMatchObject({ paymentRef: 'HS-E2E-PAY-2', status: 'pending' });
      expect(again).toEqual(first);
      const sim = world.simulators['payment-platform'];
      const posts = sim.requests().filter((r) => r.headers?.['x-request-id'] === key);
      expect(posts).toHaveLength(2);
      expect(sim.effects()['tao-giao-dich']).toBe(2);
      // One receipt per key in Redis: this one, and the one the hub itself kept for pay-1 above.
      expect(await store.keys('lienthong:upstream-receipt:payment-platform:*')).toHaveLength(2);
    } finally {
      await Promise.all(catalogs.map((c) => c.close()));
      agent.destroy();
      store.disconnect();
    }
  });

  it('books a pick-up (API key) and tracks it; wrong credentials would be the operator’s to fix', async () => {
    const ward = world.client(...WARD);
    const desk = {
      fullName: 'Bộ phận Một cửa',
      address: {
        text: 'Số 1 Đội Cấn, Phường Ba Đình, Hà Nội',
        communeCode: '00004',
        provinceCode: '01',
        catalogue: '2025-07-01',
      },
    };
    const res = await ward.call('VN:COM:00:VNPOST/BCCI/book-pickup/v1', {
      purpose: 'buu-chinh.tra-ket-qua',
      body: {
        shipmentRef: 'KQ-E2E-1',
        dossierCode: 'HS-2026-004242',
        sender: desk,
        recipient: { ...desk, fullName: 'Nguyễn Thị Mai', phone: '+84912345678' },
        contents: 'Giấy chứng nhận đăng ký hộ kinh doanh',
      },
      idempotencyKey: 'ship-1',
    });
    expect(res.status).toBe(200);
    const booked = res.body as { trackingNumber: string; status: string };
    expect(booked.status).toBe('booked');
    const tracked = await ward.call('VN:COM:00:VNPOST/BCCI/track-shipment/v1', {
      purpose: 'buu-chinh.tra-ket-qua',
      body: { trackingNumber: booked.trackingNumber },
    });
    expect(tracked.status).toBe(200);
    expect(tracked.body).toMatchObject({ trackingNumber: booked.trackingNumber, shipmentRef: 'KQ-E2E-1' });
  });

  it('a revoked client is refused as the hub’s misconfiguration (502 UPSTREAM_MISCONFIGURED), not retried', async () => {
    const sim = world.simulators['public-postal'];
    sim.setAuth({ revoked: true });
    try {
      const res = await world.client(...WARD).call('VN:COM:00:VNPOST/BCCI/track-shipment/v1', {
        purpose: 'buu-chinh.tra-ket-qua',
        body: { trackingNumber: 'EB123450014VN' },
      });
      expect(res.status).toBe(502);
      expect(res.body).toMatchObject({ code: 'UPSTREAM_MISCONFIGURED' });
      expect(JSON.stringify(res.body)).not.toContain(String(sim.credentials.apiKey));
    } finally {
      sim.setAuth({ revoked: false });
    }
  });
});
