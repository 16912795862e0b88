/** The replay cache against a real Redis: first use accepted, second refused, accepted again after the TTL. */
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { useRedis } from '../../test/helpers/redis';
import { createReplayCache } from './replay-cache';

describe('replay cache', () => {
  let redis: Redis;
  // Declared before useRedis() so that it runs before the server stops (after-hooks run in declaration order).
  afterAll(async () => {
    await redis.quit();
  });
  const server = useRedis();
  beforeAll(() => {
    redis = new Redis(server.url);
  });

  it('refuses the second use of a (kid, message id) pair', async () => {
    const cache = createReplayCache({ redis, ttlSec: 60 });
    const id = randomUUID();
    expect(await cache.checkAndRemember('kid-a', id)).toBe(true);
    expect(await cache.checkAndRemember('kid-a', id)).toBe(false);
    expect(await cache.checkAndRemember('kid-a', id.toUpperCase())).toBe(false);
    expect(await cache.checkAndRemember('kid-b', id)).toBe(true);
    expect(await redis.ttl(`lienthong:replay:kid-a:${id}`)).toBeGreaterThan(55);
  });

  it('accepts the pair again once the TTL has passed', async () => {
    const cache = createReplayCache({ redis, ttlSec: 1, prefix: 'test:replay:' });
    const id = randomUUID();
    expect(await cache.checkAndRemember('kid-a', id)).toBe(true);
    expect(await cache.checkAndRemember('kid-a', id)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await cache.checkAndRemember('kid-a', id)).toBe(true);
  });

  it('costs one round trip per check', async () => {
    const spare = redis.duplicate();
    const monitor = await spare.monitor();
    const commands: string[] = [];
    monitor.on('monitor', (_time: string, args: string[]) => commands.push(args.join(' ')));
    const cache = createReplayCache({ redis, ttlSec: 60 });
    const id = randomUUID();
    await cache.checkAndRemember('kid-m', id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    monitor.disconnect();
    spare.disconnect();
    expect(commands.filter((c) => c.includes(id))).toEqual([`set lienthong:replay:kid-m:${id} 1 EX 60 NX`]);
  });

  it('refuses a TTL that is not a positive integer', () => {
    expect(() => createReplayCache({ redis, ttlSec: 0 })).toThrow(RangeError);
  });
});
