/**
 * Accepting the same idempotency key in two hub processes at the same moment (two queue instances on one
 * Redis): one job, one `created`, the other answer a repeat — or a conflict when the bodies differ — and
 * an ordered key whose losing number carries no job still moves on at once. Run on one Redis server and
 * on a Redis Cluster of 3 masters and 3 replicas (every script and MULTI of the queues in one slot).
 */
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { useRedis } from '../test/helpers/redis';
import { useRedisCluster } from '../test/helpers/redis-cluster';
import { createDeliveryQueues, deliveryId, type DeliveryQueues } from './deliveries';
import type { DeliveryData, StoredDelivery } from './types';
import { testSealer } from '../test/helpers/sealer';

const sealer = testSealer();

const CLIENT = 'VN:GOV:01:UBND-NGOCHA/MOTCUA';

const delivery = (key: string, body: string, orderingKey?: string): DeliveryData => ({
  id: deliveryId('notify', CLIENT, key),
  service: 'VN:GOV:00:LIENTHONG/THONGBAO/send-sms/v1',
  destination: 'notify',
  client: CLIENT,
  purpose: 'thong-bao.tien-do',
  input: { to: '+84912345678', text: body },
  signed: { signature: 'h..s', messageId: randomUUID(), body: Buffer.from(body).toString('base64') },
  requestHash: 'x',
  bodyDigest: body,
  orderingKey,
  acceptedAt: new Date().toISOString(),
});

interface Backend {
  beforeStop(fn: () => unknown): void;
}

describe.each([
  [
    'one Redis server',
    () => {
      const redis = useRedis();
      return { backend: redis as Backend, connect: () => new Redis(redis.url) };
    },
  ],
  [
    'a Redis Cluster',
    () => {
      const handle = useRedisCluster();
      return { backend: handle as Backend, connect: () => handle.cluster.client() };
    },
  ],
] as const)('on %s', (_name, setUp) => {
  const { backend, connect } = setUp();
  let clients: Redis[] = [];
  let a: DeliveryQueues;
  let b: DeliveryQueues;

  beforeAll(() => {
    clients = [connect(), connect()];
    a = createDeliveryQueues(clients[0], { sealer, destinations: ['notify'] });
    b = createDeliveryQueues(clients[1], { sealer, destinations: ['notify'] });
  });
  backend.beforeStop(async () => {
    await a.close();
    await b.close();
    for (const c of clients) await c.quit();
  });

  describe('one idempotency key accepted by two hub processes at once', () => {
    it('makes one job: one answer says created, the other a repeat', async () => {
      const key = randomUUID();
      const results = await Promise.all([a.enqueue(delivery(key, 'same')), b.enqueue(delivery(key, 'same'))]);
      expect(results.map((r) => ('created' in r ? r.created : 'conflict')).sort()).toEqual([false, true]);
      expect(await a.queue('notify').getJobCountByTypes('waiting')).toBe(1);
    });

    it('answers a conflict to the request whose body differs from the one kept', async () => {
      const key = randomUUID();
      const results = await Promise.all([
        a.enqueue(delivery(key, 'first')),
        b.enqueue(delivery(key, 'second')),
      ]);
      expect(results.filter((r) => 'conflict' in r)).toHaveLength(1);
      expect(results.filter((r) => 'created' in r && r.created)).toHaveLength(1);
    });

    it('skips the number the losing request took, so the next delivery of the key is not held up', async () => {
      const dossier = `HS-${randomUUID().slice(0, 8)}`;
      const key = randomUUID();
      const [x, y] = await Promise.all([
        a.enqueue(delivery(key, 'status 2', dossier)),
        b.enqueue(delivery(key, 'status 2', dossier)),
      ]);
      expect([x, y].filter((r) => 'created' in r && r.created)).toHaveLength(1);
      const first = (await a.queue('notify').getJob(x.id))!.data as StoredDelivery;
      const next = delivery(randomUUID(), 'status 4', dossier);
      await a.enqueue(next);
      const queued = (await a.queue('notify').getJob(next.id))!.data as StoredDelivery;
      expect(queued.seq).toBe(3);
      // The kept job's turn, then — with number 2 voided — straight to number 3.
      expect(await a.ordering.check('notify', dossier, first.seq!, Date.now(), x.id)).toBe('go');
      expect(await a.ordering.advance('notify', dossier, first.seq!, { delivered: x.id })).toBe(next.id);
      expect(await a.ordering.check('notify', dossier, 3, Date.now(), next.id)).toBe('go');
    });
  });
});
