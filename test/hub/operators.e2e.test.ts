/**
 * Operators over HTTP (issue #12): each operator has a name and a token (the tokens file, read again
 * while the hub runs); a dead letter is discarded with a reason or redriven; every such action lands in
 * the audit log under the operator's name, and the discarded delivery's status says who and why. A
 * sender repeating the discarded delivery's Idempotency-Key gets the same (discarded) delivery back.
 */
import { randomUUID } from 'node:crypto';
import { verifyAuditDir } from '../../hub/audit';
import { addOperator } from '../../hub/operators/tokens';
import { startWorld, type World } from '../../hub/sandbox/world';
import { startWorkerRuntime, type WorkerRuntime } from '../../hub/worker-runtime';
import type { HubClient } from '../../hub/protocol';
import { auditRecords } from '../helpers/audit-records';
import { useRedis } from '../helpers/redis';

const redis = useRedis();
let world: World;
let worker: WorkerRuntime;
let ward: HubClient;
let alice: string;
const SMS = 'VN:GOV:00:LIENTHONG/THONGBAO/send-sms/v1';

beforeAll(async () => {
  world = await startWorld({
    redisUrl: redis.url,
    adapters: ['notify'],
    env: { LIENTHONG_DELIVERY_ATTEMPTS: '1', LIENTHONG_TRUST_RELOAD_SEC: '1' },
  });
  worker = await startWorkerRuntime({ config: world.config, concurrency: 2, httpPort: 0 });
  ward = world.client('VN:GOV:01:UBND-NGOCHA', 'MOTCUA');
  redis.beforeStop(async () => {
    await worker.close();
    await world.close();
  });
  alice = addOperator(world.config.hub.adminTokenFile, 'alice');
}, 60_000);

const call = (token: string, method: string, path: string, body?: unknown) =>
  fetch(`${world.hub.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

/** Sends an SMS the gateway refuses: it is dead at once (one attempt). */
async function deadLetter(key = randomUUID()): Promise<string> {
  world.simulators.notify.setFaults({ errorRate: 1, errorStatus: 400 });
  const res = await ward.request('POST', '/v1/deliveries', {
    purpose: 'thong-bao.tien-do',
    body: { service: SMS, input: { to: '+84912345678', text: 'Hồ sơ cần bổ sung', reference: 'HS-OP' } },
    idempotencyKey: key,
  });
  const id = (res.body as { id: string }).id;
  const deadline = Date.now() + 20_000;
  while ((await world.hub.runtime.deps.deliveries!.status(id))?.state !== 'dead') {
    if (Date.now() > deadline) throw new Error(`${id} was not dead-lettered`);
    await new Promise((r) => setTimeout(r, 50));
  }
  world.simulators.notify.resetFaults();
  return id;
}

/** The operators' records of the hub's audit chain(s). */
const operatorRecords = () =>
  auditRecords(world.config.hub.auditDir).filter((r) => String(r.client).startsWith('operator:'));

it('a named operator’s token is taken up while the hub runs; the old bare token is the operator admin', async () => {
  const deadline = Date.now() + 10_000;
  while ((await call(alice, 'GET', '/v1/dead-letters')).status !== 200) {
    if (Date.now() > deadline) throw new Error('alice’s token was not taken up');
    await new Promise((r) => setTimeout(r, 100));
  }
  expect((await call(world.adminToken, 'GET', '/v1/dead-letters')).status).toBe(200);
  expect((await call(alice.slice(1) + 'x', 'GET', '/v1/dead-letters')).status).toBe(401);
});

it('discards a dead letter with a reason, audited under the operator’s name; its status says who and why', async () => {
  const key = randomUUID();
  const id = await deadLetter(key);
  const list = await call(alice, 'GET', '/v1/dead-letters');
  expect(list.body.items).toEqual(
    expect.arrayContaining([expect.objectContaining({ id, client: 'VN:GOV:01:UBND-NGOCHA/MOTCUA' })]),
  );

  const noReason = await call(alice, 'POST', `/v1/dead-letters/${id}/discard`, {});
  expect(noReason.status).toBe(422);
  expect(noReason.body).toMatchObject({
    code: 'CONTRACT_INVALID',
    errors: [{ path: 'reason', code: 'FIELD_REQUIRED' }],
  });

  const reason = 'Số điện thoại của người nhận đã bị thu hồi';
  const done = await call(alice, 'POST', `/v1/dead-letters/${id}/discard`, { reason });
  expect(done).toMatchObject({ status: 200, body: { id, status: 'discarded' } });
  expect((await call(alice, 'POST', `/v1/dead-letters/${id}/discard`, { reason })).status).toBe(404);

  const status = (await ward.request('GET', `/v1/deliveries/${id}`, { purpose: 'thong-bao.tien-do' })).body;
  expect(status).toMatchObject({ state: 'discarded', discarded: { by: 'alice', reason } });
  // Its job and payload are gone from the queue; a repeat of its key is the same, discarded delivery.
  expect(await world.hub.runtime.deps.deliveries!.queue('notify').getJob(id)).toBeUndefined();
  const repeat = await ward.request('POST', '/v1/deliveries', {
    purpose: 'thong-bao.tien-do',
    body: { service: SMS, input: { to: '+84912345678', text: 'Hồ sơ cần bổ sung', reference: 'HS-OP' } },
    idempotencyKey: key,
  });
  expect(repeat.body).toMatchObject({ id, created: false });

  const redriven = await deadLetter();
  expect((await call(world.adminToken, 'POST', `/v1/dead-letters/${redriven}/redrive`)).status).toBe(202);

  await world.hub.runtime.deps.audit.flush();
  expect(operatorRecords()).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        client: 'operator:alice',
        service: 'operator:dlq.discard',
        target: id,
        reason,
        outcome: 'ok',
      }),
      expect.objectContaining({
        client: 'operator:alice',
        service: 'operator:dlq.discard',
        outcome: 'DEAD_LETTER_UNKNOWN',
      }),
      expect.objectContaining({
        client: 'operator:admin',
        service: 'operator:dlq.redrive',
        target: redriven,
      }),
    ]),
  );
  expect((await verifyAuditDir(world.config.hub.auditDir)).ok).toBe(true);
}, 60_000);
