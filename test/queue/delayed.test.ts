/**
 * A delivery accepted with a delay (a repeated read: polling a payment) waits in BullMQ's delayed set for
 * that long instead of running at once; without one it is waiting at once.
 */
import { Redis } from 'ioredis';
import { createDeliveryQueues, deliveryId } from '../../queue';
import type { DeliveryData } from '../../queue/types';
import { useRedis } from '../helpers/redis';
import { testSealer } from '../helpers/sealer';

const sealer = testSealer();

const handle = useRedis();
let redis: Redis;

beforeAll(() => {
  redis = new Redis(handle.url, { maxRetriesPerRequest: null });
  handle.beforeStop(async () => void (await redis.quit()));
});

const data = (key: string): DeliveryData => ({
  id: deliveryId('tax', 'VN:GOV:01:VPDKDD/DATDAI', key),
  service: 'VN:GOV:00:CUCTHUE/THUE/payment-status/v1',
  destination: 'tax',
  client: 'VN:GOV:01:VPDKDD/DATDAI',
  purpose: 'dat-dai.chuyen-nhuong',
  input: { noticeNumber: '001000/TB-10100' },
  signed: { signature: 's', messageId: key, body: '' },
  requestHash: 'h',
  bodyDigest: 'd',
  acceptedAt: new Date().toISOString(),
});

it('holds a delayed delivery back for its delay, and not an ordinary one', async () => {
  const queues = createDeliveryQueues(redis, { sealer, destinations: ['tax'] });
  try {
    const later = data('poll-1');
    const now = data('poll-2');
    await queues.enqueue(later, { delayMs: 60_000 });
    await queues.enqueue(now);
    const q = queues.queue('tax');
    expect(await q.getJobState(later.id)).toBe('delayed');
    expect(await q.getJobState(now.id)).toBe('waiting');
    const job = await q.getJob(later.id);
    expect(job!.opts.delay).toBe(60_000);
  } finally {
    await queues.close();
  }
});
