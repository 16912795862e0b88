/**
 * Personal data at rest in the queues (issue #12): after a delivery has been delivered and another
 * dead-lettered, nothing under the queues' Redis prefix — BullMQ's job hashes, their results, events,
 * the dead letters, the attempt log, the ordering and pending sets — holds the SMS's phone number or
 * text in clear. The hub still reads them: the sender gets its result, a redriven dead letter reaches the gateway.
 */
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { QUEUE_PREFIX } from '../../queue';
import { startWorld, type World } from '../../hub/sandbox/world';
import { startWorkerRuntime, type WorkerRuntime } from '../../hub/worker-runtime';
import type { HubClient } from '../../hub/protocol';
import { useRedis } from '../helpers/redis';

const redis = useRedis();
let world: World;
let worker: WorkerRuntime;
let ward: HubClient;
const SMS = 'VN:GOV:00:LIENTHONG/THONGBAO/send-sms/v1';
const PHONE = '+84987654321';
const TEXT = `Kính gửi bà Nguyễn Thị Hoa, hồ sơ ${randomUUID().slice(0, 8)} đã có kết quả`;

beforeAll(async () => {
  world = await startWorld({
    redisUrl: redis.url,
    adapters: ['notify'],
    env: { LIENTHONG_DELIVERY_ATTEMPTS: '1' },
  });
  worker = await startWorkerRuntime({ config: world.config, concurrency: 2, httpPort: 0 });
  ward = world.client('VN:GOV:01:UBND-NGOCHA', 'MOTCUA');
  redis.beforeStop(async () => {
    await worker.close();
    await world.close();
  });
}, 60_000);

const send = async (orderingKey?: string) => {
  const res = await ward.request('POST', '/v1/deliveries', {
    purpose: 'thong-bao.tien-do',
    body: { service: SMS, input: { to: PHONE, text: TEXT, reference: 'HS-REST' }, orderingKey },
    idempotencyKey: randomUUID(),
  });
  return (res.body as { id: string }).id;
};

const settled = async (id: string, state: string) => {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const s = (await ward.request('GET', `/v1/deliveries/${id}`, { purpose: 'thong-bao.tien-do' })).body as {
      state: string;
      result?: unknown;
    };
    if (s.state === state) return s;
    if (Date.now() > deadline) throw new Error(`${id} is ${s.state}, not ${state}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** Every value under the queues' prefix, as text. */
async function dump(): Promise<string> {
  const r = new Redis(redis.url);
  try {
    const out: string[] = [];
    for (const key of await r.keys(`${QUEUE_PREFIX}*`)) {
      const type = await r.type(key);
      const value =
        type === 'string'
          ? await r.get(key)
          : type === 'hash'
            ? await r.hgetall(key)
            : type === 'list'
              ? await r.lrange(key, 0, -1)
              : type === 'zset'
                ? await r.zrange(key, 0, -1)
                : type === 'set'
                  ? await r.smembers(key)
                  : type === 'stream'
                    ? await r.xrange(key, '-', '+')
                    : `(${type})`;
      out.push(`${key} ${JSON.stringify(value)}`);
    }
    return out.join('\n');
  } finally {
    r.disconnect();
  }
}

it('keeps no phone number or text in clear, while the hub still reads them', async () => {
  const delivered = await send('HS-REST');
  const done = await settled(delivered, 'completed');
  expect(done.result).toEqual(expect.objectContaining({ channel: 'sms', messageId: expect.any(String) }));

  world.simulators.notify.setFaults({ errorRate: 1, errorStatus: 400 });
  const dead = await send();
  await settled(dead, 'dead');
  world.simulators.notify.resetFaults();

  const text = await dump();
  expect(text).toContain(delivered);
  expect(text).toContain(dead);
  expect(text).toMatch(/sealed\\*":\\*"s1\./);
  for (const secret of [PHONE, PHONE.slice(3), '987654321', 'Nguyễn Thị Hoa', TEXT])
    expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });

  // An operator sees what the dead letter was, by field names (not the citizen's phone and text)…
  const headers = { authorization: `Bearer ${world.adminToken}` };
  const shown = await fetch(`${world.hub.url}/v1/dead-letters/${dead}`, { headers }).then(
    (r) => r.json() as Promise<{ data: { inputFields: string[] } }>,
  );
  expect(shown.data.inputFields.sort()).toEqual(['reference', 'text', 'to']);
  expect(JSON.stringify(shown)).not.toContain(PHONE);
  // …and a redrive opens the sealed payload: the gateway gets the phone and the text.
  const redriven = await fetch(`${world.hub.url}/v1/dead-letters/${dead}/redrive`, {
    method: 'POST',
    headers,
  });
  expect(redriven.status).toBe(202);
  await settled(dead, 'completed');
  const sms = (await fetch(`${world.simulators.notify.url}/__admin/state`).then((r) => r.json())) as {
    messages: { to?: string; text?: string }[];
  };
  expect(sms.messages.filter((m) => m.to === PHONE && m.text === TEXT)).toHaveLength(2);
}, 60_000);
