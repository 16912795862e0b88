/** `lienthong audit verify` on a local commander program: output lines and exit codes. */
import Redis from 'ioredis';
import { useRedis } from '../../../test/helpers/redis';
import { copyFileSync, mkdirSync, rmSync, writeFileSync, truncateSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerAuditCommands } from './audit';
import { buildChain, selfSignedCertificate, tempDir, testKeys } from '../../audit/testing';

const hub = testKeys('ES256');
const stranger = testKeys('ES256');
const START = Date.parse('2025-03-10T23:00:00+07:00');
let dir: string;
let hubCert: string;
let strangerCert: string;

const redisServer = useRedis();
let redis: Redis;
beforeAll(() => {
  redis = new Redis(redisServer.url);
});
redisServer.beforeStop(() => redis.quit());

beforeAll(async () => {
  dir = tempDir('audit-cli');
  const { audit } = await buildChain({ dir, nodeId: 'hub-a', signer: hub.signer, redis }, 120, {
    start: START,
    stepMs: 60_000,
    headEvery: 50,
  });
  await audit.close();
  hubCert = join(dir, 'hub.crt');
  strangerCert = join(dir, 'stranger.crt');
  writeFileSync(hubCert, selfSignedCertificate(hub));
  writeFileSync(strangerCert, selfSignedCertificate(stranger));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `lienthong audit …`; returns what it printed and the exit code it set. */
async function run(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const program = new Command().exitOverride();
  registerAuditCommands(program);
  let out = '';
  let err = '';
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const stderr = jest.spyOn(console, 'error').mockImplementation((msg: unknown) => {
    err += `${String(msg)}\n`;
  });
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'lienthong', 'audit', ...args]);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, err, code };
}

describe('lienthong audit verify', () => {
  it('prints ok N records and exits 0 with the hub certificate', async () => {
    const { out, code } = await run('verify', dir, '--hub-cert', hubCert);
    expect(code).toBe(0);
    expect(out).toBe(`ok 120 records\nhead signatures verified with ${hubCert}\n`);
  });

  it('says so when head signatures were not checked', async () => {
    const { out, code } = await run('verify', dir, '--chain-only');
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('ok 120 records');
    expect(out).toContain('head signatures not verified (--chain-only)');
  });

  it('exits 1 naming the head when the certificate is not the one that signed', async () => {
    const { out, code } = await run('verify', dir, '--hub-cert', strangerCert);
    expect(code).toBe(1);
    expect(out.split('\n')[0]).toBe(
      `broken: ${join(dir, 'hub-a', 'heads.jsonl')}:1 seq 50: bad-head-signature`,
    );
  });

  it('accepts several certificates (a key rotation)', async () => {
    const { code } = await run('verify', dir, '--hub-cert', strangerCert, '--hub-cert', hubCert);
    expect(code).toBe(0);
  });

  it('prints the first broken record and exits 1', async () => {
    const copy = tempDir('audit-cli-broken');
    try {
      const { audit } = await buildChain({ dir: copy, nodeId: 'hub-b', signer: hub.signer, redis }, 10, {
        start: START,
        stepMs: 1000,
      });
      await audit.close();
      const segment = join(copy, 'hub-b', '2025-03-10.jsonl');
      truncateSync(segment, statSync(segment).size - 5);
      const { out, code } = await run('verify', copy, '--hub-cert', hubCert);
      expect(code).toBe(1);
      expect(out.split('\n')[0]).toBe(`broken: ${segment}:10 seq 10: unparseable`);
      const json = await run('verify', copy, '--chain-only', '--json');
      expect(JSON.parse(json.out)).toMatchObject({
        ok: false,
        firstBad: { line: 10, reason: 'unparseable' },
      });
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('exits 2 for a missing directory or an unreadable certificate', async () => {
    expect(await run('verify', join(dir, 'nope'))).toMatchObject({
      code: 2,
      err: expect.stringContaining('no audit log'),
    });
    expect(await run('verify', dir, '--hub-cert', join(dir, 'hub-a', 'heads.jsonl'))).toMatchObject({
      code: 2,
      err: expect.stringContaining('--hub-cert'),
    });
  });

  describe('by default (issue #12, item 5)', () => {
    let env: NodeJS.ProcessEnv;
    let world: string;
    beforeEach(() => {
      env = { ...process.env };
      world = tempDir('audit-cli-config');
    });
    afterEach(() => {
      process.env = env;
      rmSync(world, { recursive: true, force: true });
    });
    /** A trust dir whose hub certificate is `cert`, and the audit dir of the configuration at `audit`. */
    const configure = (audit: string, cert: string) => {
      mkdirSync(join(world, 'trust', 'hub'), { recursive: true });
      copyFileSync(cert, join(world, 'trust', 'hub', 'hub.cert.pem'));
      process.env.LIENTHONG_AUDIT_DIR = audit;
      process.env.LIENTHONG_TRUST_DIR = join(world, 'trust');
    };

    it('verifies LIENTHONG_AUDIT_DIR, head signatures included, with the trust dir’s hub certificate', async () => {
      configure(dir, hubCert);
      const { out, code } = await run('verify');
      expect(code).toBe(0);
      expect(out).toBe(
        `ok 120 records\nhead signatures verified with ${join(world, 'trust', 'hub', 'hub.cert.pem')}\n`,
      );
    });

    it('fails a log whose heads another key signed, with no flag given', async () => {
      configure(dir, strangerCert);
      const { out, code } = await run('verify');
      expect(code).toBe(1);
      expect(out.split('\n')[0]).toBe(
        `broken: ${join(dir, 'hub-a', 'heads.jsonl')}:1 seq 50: bad-head-signature`,
      );
    });

    it('refuses to skip the signatures silently when the trust dir has no hub certificate', async () => {
      process.env.LIENTHONG_AUDIT_DIR = dir;
      process.env.LIENTHONG_TRUST_DIR = join(world, 'empty');
      const { err, code } = await run('verify');
      expect(code).toBe(2);
      expect(err).toContain('no hub certificate');
    });
  });
});
