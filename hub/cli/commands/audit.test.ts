/** `lienthong audit verify` on a local commander program: output lines and exit codes. */
import Redis from 'ioredis';
import { useRedis } from '../../../test/helpers/redis';
import { rmSync, writeFileSync, truncateSync, statSync } from 'node:fs';
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
    expect(out).toBe('ok 120 records\n');
  });

  it('says so when head signatures were not checked', async () => {
    const { out, code } = await run('verify', dir);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('ok 120 records');
    expect(out).toContain('head signatures not verified (no --hub-cert)');
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
      const { out, code } = await run('verify', copy);
      expect(code).toBe(1);
      expect(out.split('\n')[0]).toBe(`broken: ${segment}:10 seq 10: unparseable`);
      const json = await run('verify', copy, '--json');
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
});
