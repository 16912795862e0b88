/**
 * Test helper: a real redis-server on a free port with a data dir under the OS temp dir.
 * Use `const redis = useRedis();` at the top of a describe block; `redis.url` is set in beforeAll.
 *
 * Jest runs afterAll hooks in the order they were declared, so a suite's own teardown declared after
 * `useRedis()` would run with Redis already gone. Register teardown that needs Redis with
 * `redis.beforeStop(fn)`: it runs (last registered first) before the server stops.
 */
import { startLocalRedis, type LocalRedis, type LocalRedisOptions } from '../../queue/local-redis';

export interface RedisHandle {
  url: string;
  port: number;
  server: LocalRedis;
  /** Teardown to run while Redis is still up (e.g. closing a hub or workers). */
  beforeStop(fn: () => unknown): void;
}

export function useRedis(options: LocalRedisOptions = {}): RedisHandle {
  const teardown: (() => unknown)[] = [];
  const handle = { beforeStop: (fn: () => unknown) => void teardown.push(fn) } as RedisHandle;
  beforeAll(async () => {
    const server = await startLocalRedis(options);
    handle.server = server;
    handle.url = server.url;
    handle.port = server.port;
  });
  afterAll(async () => {
    for (const fn of teardown.reverse()) await fn();
    await handle.server?.stop({ removeData: true });
  }, 60_000);
  return handle;
}
