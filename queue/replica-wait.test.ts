/**
 * On a Redis Cluster a delivery is answered as accepted only once a replica of the queues' master has it
 * (WAIT): with the replica stopped (SIGSTOP), the batch is refused as not durable; a repeat with the same
 * id once the replica is back is answered from the stored job. Without the wait the first enqueue would
 * resolve as created, and a failover right then would lose an accepted delivery.
 */
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { useRedisCluster } from '../test/helpers/redis-cluster';
import { testSealer } from '../test/helpers/sealer';
import { createDeliveryQueues, deliveryId, NotDurableError, type DeliveryQueues } from './index';
import { QUEUE_PREFIX } from './queues';
import type { DeliveryData } from './types';

const handle = useRedisCluster();
let client: Redis;
/** Waits for the replica a short time: what is refused. */
let hasty: DeliveryQueues;
/** Waits as long as the hub does by default (2 s): the warm-up and the repeat, on a loaded machine too. */
let queues: DeliveryQueues;

const delivery = (id: string): DeliveryData => ({
  id: deliveryId('notify', 'VN:GOV:01:UBND-NGOCHA/MOTCUA', id),
  service: 'VN:GOV:00:LIENTHONG/THONGBAO/send-sms/v1',
  destination: 'notify',
  client: 'VN:GOV:01:UBND-NGOCHA/MOTCUA',
  purpose: 'thong-bao.ho-so',
  input: { to: '+84912345678', text: 'x' },
  signed: { signature: 's', messageId: randomUUID(), body: '' },
  requestHash: 'h',
  bodyDigest: 'same',
  acceptedAt: new Date().toISOString(),
});

beforeAll(() => {
  client = handle.cluster.client();
  hasty = createDeliveryQueues(client, {
    sealer: testSealer(),
    destinations: ['notify'],
    replicaWaitMs: 300,
  });
  queues = createDeliveryQueues(client, { sealer: testSealer(), destinations: ['notify'] });
});
handle.beforeStop(async () => {
  await hasty.close();
  await queues.close();
  await client.quit();
});

it('refuses a delivery no replica confirmed, and answers its repeat once the replica is back', async () => {
  const { cluster } = handle;
  const master = await cluster.masterOf(`${QUEUE_PREFIX}:anything`);
  const topo = await cluster.topology();
  const masterId = topo.find((t) => t.port === master.port)!.id;
  const replica = cluster.nodes.find((n) => n.port === topo.find((t) => t.masterId === masterId)!.port)!;
  // Warm up: the client knows the slots and the replica count before the replica stops.
  expect(await queues.enqueue(delivery(randomUUID()))).toMatchObject({ created: true });

  const d = delivery(randomUUID());
  process.kill(replica.pid!, 'SIGSTOP');
  try {
    await expect(hasty.enqueue(d)).rejects.toBeInstanceOf(NotDurableError);
  } finally {
    process.kill(replica.pid!, 'SIGCONT');
  }
  expect(await queues.enqueue(d)).toEqual({ id: d.id, created: false });
  expect(await queues.queue('notify').getJob(d.id)).toBeDefined();
});
