/**
 * On a Redis Cluster, the keys of one MULTI, pipeline or Lua script must hash to one slot. Every key the
 * queues build for a delivery — its BullMQ job and lists, its dead letter, attempts, discard note, result,
 * its destination's pending set and its dossier's ordering keys — and the procedures' dossier keys carry
 * the `{lienthong}` hash tag: this test computes their slots (CRC16, as Redis does) and fails when a key
 * builder loses the tag. (The cluster variants of the delivery tests run the commands themselves.)
 */
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { attemptsKey, deadLetterKey, discardedKey } from './dead-letters';
import { deliveryId } from './ids';
import { pendingKey } from './pending';
import { deliveryQueueName, QUEUE_PREFIX } from './queues';
import { resultKey } from './results';

// The CRC16 slot function ioredis itself uses (1.1.1 ships no types).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const slot = require('cluster-key-slot') as (key: string) => number;

describe('every key of the queues is in the slot of {lienthong}', () => {
  const home = slot(QUEUE_PREFIX);
  const destinations = ['notify', 'national-portal', 'tax', 'a.b-c_d'];
  const lazy = new Redis({ lazyConnect: true });
  afterAll(() => lazy.disconnect());

  it.each(destinations)('a delivery to %s', (destination) => {
    const id = deliveryId(destination, 'VN:GOV:01:UBND-NGOCHA/MOTCUA', 'key-1');
    const q = new Queue(deliveryQueueName(destination), { connection: lazy, prefix: QUEUE_PREFIX });
    const keys = [
      ...[
        'wait',
        'active',
        'delayed',
        'completed',
        'failed',
        'paused',
        'prioritized',
        'meta',
        'events',
        'stalled',
      ].map((t) => q.toKey(t)),
      q.toKey(id),
      deadLetterKey(id),
      attemptsKey(id),
      discardedKey(id),
      resultKey(id),
      pendingKey(destination),
      `${QUEUE_PREFIX}:order:${destination}:HS-1:seq`,
    ];
    expect(keys.filter((k) => slot(k) !== home)).toEqual([]);
  });

  it('a key without the tag would land elsewhere (the check can fail)', () => {
    expect(slot('lienthong:dlq:x')).not.toBe(home);
  });
});
