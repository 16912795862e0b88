/** The configuration loader: the shipped config loads; each kind of mistake names its file and key. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DEFAULT_CONFIG_DIR, loadConfig } from './loader';

function copyWith(file: string, edit: (json: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-config-'));
  cpSync(DEFAULT_CONFIG_DIR, dir, { recursive: true, filter: (src) => !src.endsWith('.ts') });
  const json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  edit(json);
  writeFileSync(join(dir, file), JSON.stringify(json));
  return dir;
}

function failure(dir: string, env: NodeJS.ProcessEnv = {}): ConfigError {
  try {
    loadConfig(dir, env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('loads the shipped configuration, with environment defaults', () => {
    const c = loadConfig(DEFAULT_CONFIG_DIR, {});
    expect(c.hub.port).toBe(8080);
    expect(c.hub.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.members.find((m) => m.id === 'VN:GOV:00:VPCP')?.rights).toEqual(['data-tracker']);
    expect(c.services.length).toBeGreaterThan(0);
  });

  it('takes values from the environment', () => {
    const c = loadConfig(DEFAULT_CONFIG_DIR, {
      LIENTHONG_PORT: '9090',
      LIENTHONG_REDIS_URL: 'redis://127.0.0.1:7000',
    });
    expect(c.hub).toMatchObject({ port: 9090, redisUrl: 'redis://127.0.0.1:7000' });
  });

  it('a bad value names the file and the key', () => {
    const e = failure(DEFAULT_CONFIG_DIR, { LIENTHONG_PORT: 'eighty' });
    expect(e.message).toMatch(/hub\.json: port: "port" must be a number/);
  });

  it('a grant for an unknown service names policies.json and the grant', () => {
    const dir = copyWith('policies.json', (j) => {
      (j.grants as { service: string }[])[1].service = 'VN:GOV:00:BCA/DANCU/nothing/v1';
    });
    const e = failure(dir);
    expect(e.file).toMatch(/policies\.json$/);
    expect(e.key).toBe('grants[1].service');
  });

  it('a grant with an undeclared purpose, a member without the subsystem, a malformed member id', () => {
    expect(
      failure(
        copyWith('policies.json', (j) => {
          (j.grants as { purposes: Record<string, unknown> }[])[0].purposes['khong-co'] = '*';
        }),
      ).key,
    ).toBe('grants[0].purposes.khong-co');
    expect(
      failure(
        copyWith('policies.json', (j) => {
          (j.grants as { client: string }[])[0].client = 'VN:GOV:01:UBND-NGOCHA/KHAC';
        }),
      ).reason,
    ).toMatch(/no subsystem KHAC/);
    expect(
      failure(
        copyWith('members.json', (j) => {
          (j.members as { id: string }[])[0].id = 'vn:gov/../x';
        }),
      ).key,
    ).toBe('members[0].id');
  });

  it('invalid JSON and a missing variable without default are reported, not thrown raw', () => {
    const dir = copyWith('hub.json', () => undefined);
    writeFileSync(join(dir, 'hub.json'), '{ "port": ');
    expect(failure(dir).reason).toMatch(/not valid JSON/);
    const dir2 = copyWith('hub.json', (j) => {
      j.host = '${NO_SUCH_VARIABLE}';
    });
    expect(failure(dir2).reason).toMatch(/NO_SUCH_VARIABLE is not set/);
  });
});
