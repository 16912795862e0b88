/**
 * What the delivery worker tells an operator (issue #12, "the worker speaks"): a log line for each retry
 * (destination, attempt, code, next delay), each circuit-breaker change, each dead letter (sender,
 * destination, service, reason with the upstream's code and a redacted excerpt) and its shutdown; its own
 * /metrics (delivered, failed, dead-lettered per destination) and /healthz on a port of its own. No line
 * carries the SMS's phone number or text.
 */
import { randomUUID } from 'node:crypto';
import { startWorld, type World } from '../../hub/sandbox/world';
import { startWorkerRuntime, type WorkerRuntime } from '../../hub/worker-runtime';
import type { HubClient } from '../../hub/protocol';
import { captureLog } from '../helpers/log-capture';
import { until } from '../faults/drill';
import { useRedis } from '../helpers/redis';

const redis = useRedis();
let world: World;
let worker: WorkerRuntime;
let ward: HubClient;
const SMS = 'VN:GOV:00:LIENTHONG/THONGBAO/send-sms/v1';
const PHONE = '+84912345678';

const { logger, lines } = captureLog();

const send = async (text: string) => {
  const res = await ward.request('POST', '/v1/deliveries', {
    purpose: 'thong-bao.tien-do',
    body: { service: SMS, input: { to: PHONE, text, reference: 'HS-OBS' } },
    idempotencyKey: randomUUID(),
  });
  expect(res.status).toBe(202);
  return (res.body as { id: string }).id;
};

/** `name{labels} value` of the worker's /metrics. */
async function metrics(): Promise<Map<string, number>> {
  const text = await (await fetch(`${worker.url}/metrics`)).text();
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (m) out.set(m[1], Number(m[2]));
  }
  return out;
}

beforeAll(async () => {
  world = await startWorld({
    redisUrl: redis.url,
    adapters: ['notify'],
    env: {
      LIENTHONG_DELIVERY_ATTEMPTS: '3',
      LIENTHONG_DELIVERY_BACKOFF_BASE_MS: '50',
      LIENTHONG_DELIVERY_BACKOFF_CAP_MS: '100',
      LIENTHONG_UPSTREAM_TIMEOUT_MS: '2000',
    },
  });
  worker = await startWorkerRuntime({
    config: world.config,
    concurrency: 4,
    logger: logger,
    httpPort: 0,
  });
  ward = world.client('VN:GOV:01:UBND-NGOCHA', 'MOTCUA');
  redis.beforeStop(async () => {
    await worker.close();
    await world.close();
  });
}, 60_000);

it('serves /healthz and /metrics on its own port', async () => {
  const health = await fetch(`${worker.url}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'ok', redis: 'up', workers: 'running' });
  const m = await metrics();
  expect(m.get('lienthong_worker_breaker_state{destination="notify"}')).toBe(0);
  expect([...m.keys()].some((k) => k.startsWith('lienthong_worker_process_cpu'))).toBe(true);
});

it('logs each retry and each dead letter, counts them, and opens the breaker with a log line', async () => {
  world.simulators.notify.setFaults({ errorRate: 1, errorStatus: 503 });
  const ids = await Promise.all([1, 2, 3, 4].map((i) => send(`Tin nhắn số ${i}`)));
  const dead = await until('four dead letters', async () => {
    const d = lines.filter((l) => l.msg?.toString().startsWith('delivery dead-lettered'));
    return d.length >= 4 ? d : undefined;
  });

  const retry = lines.find((l) => String(l.msg).startsWith('delivery attempt 1 to notify failed'))!;
  expect(retry).toMatchObject({
    level: 40,
    destination: 'notify',
    service: SMS,
    attempt: 1,
    code: 'unavailable',
    upstreamCode: 'HTTP 503',
  });
  expect(retry.nextDelayMs).toEqual(expect.any(Number));
  expect(String(retry.msg)).toMatch(/retry in \d+ ms$/);

  expect(dead.map((d) => d.deliveryId).sort()).toEqual([...ids].sort());
  expect(dead[0]).toMatchObject({
    level: 50,
    sender: 'VN:GOV:01:UBND-NGOCHA/MOTCUA',
    destination: 'notify',
    service: SMS,
    code: 'unavailable',
    upstreamCode: 'HTTP 503',
  });
  expect(typeof dead[0].excerpt === 'string' || dead[0].excerpt === undefined).toBe(true);
  expect(String(dead[0].msg)).toContain('VN:GOV:01:UBND-NGOCHA/MOTCUA → notify');

  // Twelve failed calls open the breaker (ten at least, half of them failed): a line says so.
  const open = lines.find((l) => l.msg === 'circuit breaker of notify is open');
  expect(open).toMatchObject({ destination: 'notify', breaker: 'open' });

  const m = await metrics();
  expect(m.get('lienthong_deliveries_dead_lettered_total{destination="notify"}')).toBe(4);
  expect(m.get('lienthong_delivery_attempts_failed_total{destination="notify",code="unavailable"}')).toBe(12);

  // Nothing personal in any line.
  const all = JSON.stringify(lines);
  expect(all).not.toContain('912345678');
  expect(all).not.toContain('Tin nhắn');
}, 60_000);

it('counts deliveries delivered, and says when it stops', async () => {
  world.simulators.notify.resetFaults();
  // Let the breaker close again (its trial call succeeds).
  const id = await send('Hồ sơ đã xong');
  await until('the delivery', async () =>
    (await world.hub.runtime.deps.deliveries!.status(id))?.state === 'completed' ? true : undefined,
  );
  expect((await metrics()).get('lienthong_deliveries_delivered_total{destination="notify"}')).toBe(1);

  await worker.close();
  const msgs = lines.map((l) => l.msg);
  expect(msgs).toContain('delivery workers stopping: finishing the deliveries in flight');
  expect(msgs[msgs.length - 1]).toBe('delivery workers stopped');
}, 60_000);
