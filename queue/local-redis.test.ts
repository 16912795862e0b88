/** The local redis-server runs with AOF, with the fsync policy asked for, and keeps acknowledged writes across a kill. */
import Redis from 'ioredis';
import { startLocalRedis, type LocalRedis } from './local-redis';

let server: LocalRedis | undefined;
afterEach(async () => {
  await server?.stop({ removeData: true });
  server = undefined;
});

async function config(url: string, key: string): Promise<string> {
  const r = new Redis(url);
  try {
    return ((await r.config('GET', key)) as string[])[1];
  } finally {
    await r.quit();
  }
}

it('runs with appendonly yes and appendfsync everysec by default', async () => {
  server = await startLocalRedis();
  expect(await config(server.url, 'appendonly')).toBe('yes');
  expect(await config(server.url, 'appendfsync')).toBe('everysec');
});

it('runs with appendfsync always when asked, and a SIGKILL loses no acknowledged write', async () => {
  server = await startLocalRedis({ appendfsync: 'always' });
  expect(await config(server.url, 'appendfsync')).toBe('always');
  const r = new Redis(server.url);
  await r.set('k', 'v');
  await r.quit();
  await server.kill();
  await server.restart();
  const again = new Redis(server.url);
  try {
    expect(await again.get('k')).toBe('v');
  } finally {
    await again.quit();
  }
});
