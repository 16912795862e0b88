/**
 * Receipts in a real Redis: what one worker keeps, another worker reads, also after its store (and its
 * connection) is gone; the first receipt under a key wins; receipts expire; the request hash ignores key
 * order but not values; callOnce answers a duplicate with the kept receipt and refuses a key reused for
 * another request.
 */
import Redis from 'ioredis';
import { useRedis } from '../../../test/helpers/redis';
import { UpstreamError } from '../upstream-error';
import { createRedisReceiptStore, requestHash } from './receipts';
import { callOnce } from './upstream-idempotency';

const redis = useRedis();
const clients: Redis[] = [];
const store = () => {
  const c = new Redis(redis.url);
  clients.push(c);
  return createRedisReceiptStore(c);
};
redis.beforeStop(() => Promise.all(clients.map((c) => c.quit())));

const decl = { header: 'X-Request-Id', duplicate: { status: [409], upstreamCodes: ['21'] } };
const duplicate = () =>
  new UpstreamError({ upstream: 'u', code: 'rejected', status: 409, upstreamCode: '21', reason: 'dup' });

describe('upstream receipts in Redis', () => {
  it('a receipt one worker kept is read by another; the first one wins', async () => {
    const a = store();
    const r = { requestHash: 'h', output: { n: 1 }, at: 1 };
    expect(await a.put('u:s/v1', 'k1', r, 60)).toEqual(r);
    expect(await a.put('u:s/v1', 'k1', { ...r, output: { n: 2 } }, 60)).toEqual(r);
    await clients[0].quit();
    clients.shift();
    expect(await store().get('u:s/v1', 'k1')).toEqual(r);
    expect(await store().get('u:s/v1', 'other')).toBeUndefined();
  });

  it('receipts expire after their TTL', async () => {
    const s = store();
    await s.put('u:s/v1', 'short', { requestHash: 'h', output: 1, at: 1 }, 1);
    const key = (await clients.at(-1)!.keys('lienthong:upstream-receipt:u:s/v1:*')).find(Boolean)!;
    expect(await clients.at(-1)!.ttl(key)).toBeGreaterThan(0);
  });

  it('callOnce: a duplicate on another worker yields the first answer; a reused key with another request is refused', async () => {
    const w1 = store();
    const w2 = store();
    const input = { a: 1, b: [1, 2] };
    const first = await callOnce({
      upstream: 'u',
      service: 's/v1',
      decl,
      store: w1,
      key: 'k2',
      input,
      execute: async () => ({ id: 'R-1' }),
    });
    const again = await callOnce({
      upstream: 'u',
      service: 's/v1',
      decl,
      store: w2,
      key: 'k2',
      input: { b: [1, 2], a: 1 },
      execute: async () => Promise.reject(duplicate()),
    });
    expect(again).toEqual(first);
    await expect(
      callOnce({
        upstream: 'u',
        service: 's/v1',
        decl,
        store: w2,
        key: 'k2',
        input: { a: 2 },
        execute: async () => Promise.reject(duplicate()),
      }),
    ).rejects.toMatchObject({ code: 'rejected', reason: expect.stringMatching(/different request/) });
    await expect(
      callOnce({
        upstream: 'u',
        service: 's/v1',
        decl,
        store: w2,
        key: 'never-kept',
        input,
        execute: async () => Promise.reject(duplicate()),
      }),
    ).rejects.toMatchObject({
      code: 'rejected',
      retryable: false,
      reason: expect.stringMatching(/duplicate/),
    });
    expect(requestHash({ a: 1, b: 2 })).toBe(requestHash({ b: 2, a: 1 }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: '1' }));
  });
});
