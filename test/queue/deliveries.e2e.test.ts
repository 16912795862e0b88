/**
 * Deliveries end to end, in one process: accepted with 202 only once queued, delivered by the worker to
 * the destination's simulator, applied once however often it is retried, idempotent per key, kept in
 * order per dossier, dead-lettered after its attempts with every error kept, and redriven. Run on one
 * Redis server and on a Redis Cluster of 3 masters and 3 replicas (LIENTHONG_REDIS_CLUSTER).
 */
import { randomUUID } from 'node:crypto';
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { startWorld, type World } from '../../hub/sandbox/world';
import { startWorkerRuntime, type WorkerRuntime } from '../../hub/worker-runtime';
import type { HubClient } from '../../hub/protocol';
import { useRedis } from '../helpers/redis';
import { useRedisCluster } from '../helpers/redis-cluster';

const pop = getPopulation();
const mother = pop.person(pop.scenarios.birth.motherId)!;
const SMS = 'VN:GOV:00:LIENTHONG/THONGBAO/send-sms/v1';
const PROGRESS = 'VN:GOV:00:VPCP/DVCQG/update-progress/v1';

interface Backend {
  cluster: boolean;
  url(): string;
  env(): Record<string, string>;
  beforeStop(fn: () => unknown): void;
}

const oneServer = (): Backend => {
  const redis = useRedis();
  return { cluster: false, url: () => redis.url, env: () => ({}), beforeStop: (fn) => redis.beforeStop(fn) };
};
const aCluster = (): Backend => {
  const handle = useRedisCluster();
  return {
    cluster: true,
    url: () => handle.cluster.nodes[0].url,
    env: () => ({ LIENTHONG_REDIS_CLUSTER: handle.cluster.seeds }),
    beforeStop: (fn) => handle.beforeStop(fn),
  };
};

let world: World;
let worker: WorkerRuntime;
let ward: HubClient;

const until = async <T>(fn: () => Promise<T | undefined>, ms = 15_000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

const deliver = (service: string, input: unknown, key = randomUUID(), extra: Record<string, unknown> = {}) =>
  ward.request('POST', '/v1/deliveries', {
    purpose: 'thong-bao.tien-do',
    body: { service, input, ...extra },
    idempotencyKey: key,
  });

const statusOf = async (id: string) =>
  (await ward.request('GET', `/v1/deliveries/${id}`, { purpose: 'thong-bao.tien-do' })).body as Record<
    string,
    unknown
  >;
const finished = (id: string) =>
  until(async () => {
    const s = await statusOf(id);
    return s.state === 'completed' || s.state === 'dead' ? s : undefined;
  });

describe.each([
  ['one Redis server', oneServer],
  ['a Redis Cluster', aCluster],
])('on %s', (_name, setUp) => {
  const backend = setUp();
  beforeAll(async () => {
    world = await startWorld({
      redisUrl: backend.url(),
      adapters: ['notify', 'national-portal'],
      env: {
        LIENTHONG_DELIVERY_ATTEMPTS: '3',
        LIENTHONG_DELIVERY_BACKOFF_BASE_MS: '50',
        LIENTHONG_DELIVERY_BACKOFF_CAP_MS: '200',
        LIENTHONG_UPSTREAM_TIMEOUT_MS: '1000',
        ...backend.env(),
      },
    });
    worker = await startWorkerRuntime({ config: world.config, nodeId: 'test-worker' });
    ward = world.client('VN:GOV:01:UBND-NGOCHA', 'MOTCUA');
  }, 30_000);
  backend.beforeStop(async () => {
    await worker?.close();
    await world?.close();
  });

  describe('deliveries', () => {
    it('runs on the Redis it is given (one server, or the cluster)', () => {
      expect(world.hub.runtime.deps.redis.isCluster).toBe(backend.cluster);
      expect(world.config.hub.redisCluster !== '').toBe(backend.cluster);
    });

    it('answers 202 with a delivery id, then delivers it to the destination', async () => {
      const res = await deliver(SMS, {
        to: '+84912345678',
        text: 'Hồ sơ của bạn đã được tiếp nhận',
        reference: 'HS-1',
      });
      expect(res.status).toBe(202);
      const { id, location } = res.body as { id: string; location: string };
      expect(res.headers.location).toBe(location);
      const s = await finished(id);
      expect(s).toMatchObject({
        state: 'completed',
        attempts: 1,
        result: { channel: 'sms', messageId: expect.any(String) },
      });
      const sent = (world.simulators.notify.requests() as { path: string; idempotencyKey?: string }[]).filter(
        (r) => r.idempotencyKey === id,
      );
      expect(sent).toHaveLength(1);
    });

    it('the same Idempotency-Key returns the same delivery and never makes a second job; another body is a conflict', async () => {
      const key = randomUUID();
      const input = { to: '+84912345678', text: 'Một lần thôi', reference: 'HS-2' };
      const a = await deliver(SMS, input, key);
      const b = await deliver(SMS, input, key);
      expect((a.body as { id: string }).id).toBe((b.body as { id: string }).id);
      expect(b.body).toMatchObject({ created: false });
      await finished((a.body as { id: string }).id);
      const c = await deliver(SMS, { ...input, text: 'Khác' }, key);
      expect(c.status).toBe(409);
      expect(c.body).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
      const texts = (world.simulators.notify.requests() as { body: { Content?: string } }[]).filter(
        (r) => r.body?.Content === 'Một lần thôi',
      );
      expect(texts).toHaveLength(1);
    });

    it('a failing destination is retried with backoff; a delivery that fails for good goes to the dead-letter queue with every error, and is redriven', async () => {
      world.simulators.notify.setFaults({ down: true });
      const res = await deliver(SMS, { to: '+84912345678', text: 'Thử lại', reference: 'HS-3' });
      const id = (res.body as { id: string }).id;
      const dead = await finished(id);
      expect(dead).toMatchObject({ state: 'dead', attempts: 3 });
      expect((dead.errors as unknown[]).length).toBe(3);
      expect(dead.lastError).toMatchObject({ code: 'unavailable', retryable: true });
      const token = world.adminToken;
      const list = await fetch(`${world.hub.url}/v1/dead-letters`, {
        headers: { authorization: `Bearer ${token}` },
      }).then((r) => r.json() as Promise<{ items: { id: string }[] }>);
      expect(list.items.map((i) => i.id)).toContain(id);
      const shown = await fetch(`${world.hub.url}/v1/dead-letters/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      }).then((r) => r.json() as Promise<{ data: { signed: { signature: string } }; errors: unknown[] }>);
      expect(shown.data.signed.signature).toMatch(/^[\w-]+\.\.[\w-]+$/);
      expect(shown.errors).toHaveLength(3);
      world.simulators.notify.resetFaults();
      const redrive = await fetch(`${world.hub.url}/v1/dead-letters/${id}/redrive`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(redrive.status).toBe(202);
      expect(await finished(id)).toMatchObject({ state: 'completed' });
    });

    it('a destination refusal is not retried: it fails at once into the dead-letter queue', async () => {
      const res = await deliver(SMS, { to: '+12025550123', text: 'Số nước ngoài', reference: 'HS-4' });
      const s = await finished((res.body as { id: string }).id);
      expect(s).toMatchObject({
        state: 'dead',
        attempts: 1,
        lastError: { code: 'rejected', retryable: false },
      });
    });

    it('the dead-letter routes need the operator token', async () => {
      expect((await fetch(`${world.hub.url}/v1/dead-letters`)).status).toBe(401);
      expect((await fetch(`${world.hub.url}/admin/queues`)).status).toBe(401);
    });

    it("keeps one dossier's updates in order while an earlier one retries, without holding up another dossier", async () => {
      const portal = world.simulators['national-portal'];
      const code = `HS-ORD-${Date.now()}`;
      const other = `HS-OTH-${Date.now()}`;
      const dossier = (c: string) => ({
        dossierCode: c,
        procedureCode: '1.000656',
        procedureName: 'Đăng ký khai sinh',
        applicant: { name: mother.fullName, kind: 1, id: mother.personalId },
        receivedAt: '2026-01-05T08:00:00+07:00',
        dueAt: '2026-01-06T17:00:00+07:00',
        processingUnit: { code: 'UBND-NGOCHA', name: 'UBND Phường Ngọc Hà' },
        channel: 2,
        status: 1,
        onlineService: 'end-to-end',
      });
      for (const c of [code, other]) {
        const r = await deliver('VN:GOV:00:VPCP/DVCQG/sync-dossier/v1', dossier(c));
        await finished((r.body as { id: string }).id);
      }
      const step = (c: string, status: number, minute: number) => ({
        dossierCode: c,
        status,
        at: `2026-01-05T08:${String(minute).padStart(2, '0')}:00+07:00`,
        unit: { code: 'UBND-NGOCHA', name: 'UBND Phường Ngọc Hà' },
      });
      portal.setFaults({ failNext: 2, errorStatus: 503 });
      const ids: string[] = [];
      for (const [status, minute] of [
        [2, 10],
        [4, 20],
        [9, 30],
      ]) {
        const r = await deliver(PROGRESS, step(code, status, minute), randomUUID(), { orderingKey: code });
        ids.push((r.body as { id: string }).id);
      }
      const r = await deliver(PROGRESS, step(other, 2, 15), randomUUID(), { orderingKey: other });
      const otherDone = await finished((r.body as { id: string }).id);
      expect(otherDone.state).toBe('completed');
      const states = await Promise.all(ids.map(finished));
      expect(states.map((s) => s.state)).toEqual(['completed', 'completed', 'completed']);
      const state = await fetch(`${portal.url}/__admin/state`).then(
        (x) =>
          x.json() as Promise<{
            updates: Record<string, { via: string; status: number; outcome: string }[]>;
          }>,
      );
      const order = state.updates[code]
        .filter((u) => u.via === 'progress' && u.outcome === 'accepted')
        .map((u) => u.status);
      expect(order).toEqual([2, 4, 9]);
    });
  });
});
