/** How the demo gets its Redis: use, start, install when allowed, or say exactly how. */
import { appendfsyncFrom, planRedis, RedisUnavailableError, type RedisFacts } from './redis';

const facts = (f: Partial<RedisFacts>): RedisFacts => ({
  apt: true,
  root: false,
  sudo: false,
  installRefused: false,
  ...f,
});

describe('planRedis', () => {
  it('uses the Redis named by LIENTHONG_REDIS_URL, whatever is installed', () => {
    expect(planRedis(facts({ url: 'redis://127.0.0.1:6390' }))).toEqual({
      kind: 'external',
      url: 'redis://127.0.0.1:6390',
    });
  });

  it('starts the installed redis-server when it is recent enough', () => {
    expect(planRedis(facts({ version: [7, 0, 15] }))).toEqual({ kind: 'start' });
    expect(planRedis(facts({ version: [6, 2, 0] }))).toEqual({ kind: 'start' });
  });

  it('refuses a redis-server older than BullMQ needs, saying which and how', () => {
    const p = planRedis(facts({ version: [5, 0, 7], root: true }));
    expect(p.kind).toBe('cannot');
    expect(p.kind === 'cannot' && p.message).toMatch(/5\.0\.7 is too old.*6\.2\.0/s);
  });

  it('installs the missing package as root directly, or with sudo when it needs no password', () => {
    expect(planRedis(facts({ root: true }))).toEqual({ kind: 'install', sudo: false });
    expect(planRedis(facts({ sudo: true }))).toEqual({ kind: 'install', sudo: true });
  });

  it('says how when it may not install: no rights, told not to, or no apt-get', () => {
    for (const f of [
      facts({}),
      facts({ root: true, installRefused: true }),
      facts({ root: true, apt: false }),
    ]) {
      const p = planRedis(f);
      expect(p.kind).toBe('cannot');
      expect(p.kind === 'cannot' && p.message).toContain(
        'LIENTHONG_REDIS_URL=redis://127.0.0.1:6379 npm run demo',
      );
    }
    const p = planRedis(facts({}));
    expect(p.kind === 'cannot' && p.message).toContain('sudo apt-get install -y redis-server');
  });
});

describe('appendfsyncFrom', () => {
  it('is everysec unless LIENTHONG_REDIS_APPENDFSYNC says always', () => {
    expect(appendfsyncFrom({})).toBe('everysec');
    expect(appendfsyncFrom({ LIENTHONG_REDIS_APPENDFSYNC: 'everysec' })).toBe('everysec');
    expect(appendfsyncFrom({ LIENTHONG_REDIS_APPENDFSYNC: ' always ' })).toBe('always');
  });

  it('refuses any other policy, naming the variable', () => {
    expect(() => appendfsyncFrom({ LIENTHONG_REDIS_APPENDFSYNC: 'no' })).toThrow(RedisUnavailableError);
    expect(() => appendfsyncFrom({ LIENTHONG_REDIS_APPENDFSYNC: 'no' })).toThrow(
      /LIENTHONG_REDIS_APPENDFSYNC/,
    );
  });
});
