/**
 * Test helper: a real redis-server on a free port with a data dir under the OS temp dir.
 * Use `const redis = useRedis();` at the top of a describe block; `redis.url` is set in beforeAll.
 */
import { startLocalRedis, type LocalRedis, type LocalRedisOptions } from '../../queue/local-redis';

export interface RedisHandle {
  url: string;
  port: number;
  server: LocalRedis;
}

export function useRedis(options: LocalRedisOptions = {}): RedisHandle {
  const handle = {} as RedisHandle;
  beforeAll(async () => {
    const server = await startLocalRedis(options);
    handle.server = server;
    handle.url = server.url;
    handle.port = server.port;
  });
  afterAll(async () => {
    await handle.server?.stop({ removeData: true });
  });
  return handle;
}
