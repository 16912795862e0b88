/** `lienthong keys …` through a local commander program over a temporary trust directory. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { createTrustStore } from '../../trust/trust-store';
import { parseDuration, registerKeyCommands } from './keys';

const MEMBER = 'VN:GOV:01:VPDKDD';
const root = mkdtempSync(join(tmpdir(), 'lienthong-keys-cli-'));
const dir = join(root, 'trust');
afterAll(() => rmSync(root, { recursive: true, force: true }));
const openssl = (...args: string[]) =>
  execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Runs one command line and returns what it printed. */
async function run(...args: string[]): Promise<string> {
  const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined });
  registerKeyCommands(program);
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += chunk.toString();
    return true;
  });
  try {
    await program.parseAsync(['node', 'lienthong', 'keys', '--trust-dir', dir, ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}
const json = async (...args: string[]) => JSON.parse(await run(...args));

it('runs init, issue, rotate, revoke and list', async () => {
  expect(await json('init')).toMatchObject({ dir, hubKid: expect.any(String) });

  const generated = await json('issue', MEMBER, '--alg', 'EdDSA', '--days', '30', '--out', join(root, 'out'));
  expect(generated).toMatchObject({
    memberId: MEMBER,
    alg: 'EdDSA',
    privateKeyPath: join(root, 'out', `${generated.kid}.key.pem`),
  });
  expect(statSync(generated.privateKeyPath).mode & 0o777).toBe(0o600);
  expect(readFileSync(join(root, 'out', 'hub.cert.pem'), 'utf8')).toContain('BEGIN CERTIFICATE');

  const csr = join(root, 'member.csr');
  openssl(
    'req',
    '-new',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    join(root, 'member.key'),
    '-out',
    csr,
    '-subj',
    `/CN=${MEMBER}`,
  );
  const rotated = await json('rotate', MEMBER, '--csr', csr, '--overlap', '1d');
  expect(rotated).toMatchObject({ alg: 'ES256', retiring: [{ kid: generated.kid }] });
  expect(rotated.privateKeyPath).toBeUndefined();

  const revoked = await json('revoke', MEMBER, '--kid', generated.kid, '--reason', 'superseded');
  expect(revoked.revoked).toMatchObject([{ kid: generated.kid, reason: 'superseded' }]);

  const list = await json('list', '--json');
  expect(list.map((k: { kid: string; state: string }) => [k.kid, k.state]).sort()).toEqual(
    [
      [generated.kid, 'revoked'],
      [rotated.kid, 'active'],
    ].sort(),
  );
  expect(await run('list')).toContain(`${MEMBER}  ${rotated.kid}  ES256  active`);
  const store = createTrustStore({ dir });
  expect(store.resolve(rotated.kid)).toMatchObject({ ok: true, memberId: MEMBER });
  expect(store.resolve(generated.kid)).toMatchObject({ ok: false, code: 'KEY_REVOKED' });
});

it('imports an openssl-made RSA .p12 and exports a .p12 that openssl opens', async () => {
  const member = 'VN:GOV:00:CUCTHUE';
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    join(root, 'agency.key'),
    '-out',
    join(root, 'agency.crt'),
    '-subj',
    '/CN=Cuc Thue/O=Vietnamese CA',
    '-days',
    '30',
  );
  const p12 = join(root, 'agency.p12');
  const passwordFile = join(root, 'password');
  writeFileSync(passwordFile, 'mật khẩu\n');
  openssl(
    'pkcs12',
    '-export',
    '-inkey',
    join(root, 'agency.key'),
    '-in',
    join(root, 'agency.crt'),
    '-out',
    p12,
    '-passout',
    'pass:mật khẩu',
  );

  const imported = await json('import-p12', member, p12, '--password-file', passwordFile);
  expect(imported).toMatchObject({ memberId: member, alg: 'RS256' });
  const record = JSON.parse(readFileSync(imported.certificatePath.replace('.cert.pem', '.json'), 'utf8'));
  expect(record).toMatchObject({
    source: 'p12',
    external: { subject: expect.stringContaining('CN=Cuc Thue') },
  });

  const out = join(root, 'export.p12');
  expect(await json('export-p12', member, '--out', out, '--password-file', passwordFile)).toMatchObject({
    kid: imported.kid,
  });
  expect(statSync(out).mode & 0o777).toBe(0o600);
  const pem = openssl('pkcs12', '-in', out, '-passin', 'pass:mật khẩu', '-nodes');
  expect(pem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
  expect(pem).toContain('BEGIN PRIVATE KEY');
});

it('refuses bad values', async () => {
  await expect(run('issue', MEMBER, '--alg', 'HS256')).rejects.toThrow('--alg must be');
  await expect(run('issue', 'not-a-member')).rejects.toMatchObject({ code: 'MEMBER_ID_INVALID' });
  await expect(run('rotate', MEMBER, '--overlap', 'a week')).rejects.toThrow('not a duration');
  expect(parseDuration('7d')).toBe(7 * 86_400_000);
  expect(parseDuration('90m')).toBe(90 * 60_000);
});

it("issues the hub's TLS server certificate for the given hosts, and refuses a bad host", async () => {
  const out = await json('tls', '--host', 'hub.example.gov.vn', '10.0.0.5', '::1', '--days', '90');
  expect(out.hosts).toEqual(['hub.example.gov.vn', '10.0.0.5', '::1']);
  const cert = new (await import('node:crypto')).X509Certificate(readFileSync(out.certificatePath));
  expect(cert.checkHost('hub.example.gov.vn')).toBe('hub.example.gov.vn');
  expect(cert.checkIP('10.0.0.5')).toBe('10.0.0.5');
  expect(cert.checkIP('::1')).toBe('::1');
  expect(cert.checkIP('10.0.0.6')).toBeUndefined();
  expect(openssl('x509', '-in', out.certificatePath, '-noout', '-ext', 'extendedKeyUsage')).toMatch(
    /TLS Web Server Authentication/,
  );
  expect(statSync(out.keyPath).mode & 0o777).toBe(0o600);
  await expect(run('tls', '--host', 'bad host/x')).rejects.toMatchObject({ code: 'HOST_INVALID' });
});
