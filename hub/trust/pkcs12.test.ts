/**
 * PKCS#12: files made by `openssl pkcs12 -export` (current defaults, the SHA1/3DES profile of older CA
 * tokens, and -legacy RC2) import for RSA, P-256 and Ed25519 keys; files we write open in openssl.
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestPki, keyPairFor } from './test-support';
import { readPkcs12, writePkcs12 } from './pkcs12';

const tmp = mkdtempSync(join(tmpdir(), 'lienthong-p12-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const openssl = (...args: string[]) =>
  execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const PASSWORD = 'Mật khẩu 2025!';

const KEYS = {
  rsa: ['-newkey', 'rsa:2048'],
  ec: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  ed25519: ['-newkey', 'ed25519'],
} as const;
for (const [name, args] of Object.entries(KEYS)) {
  openssl(
    'req',
    '-x509',
    ...args,
    '-nodes',
    '-keyout',
    join(tmp, `${name}.key`),
    '-out',
    join(tmp, `${name}.crt`),
    '-subj',
    `/CN=CA test ${name}`,
    '-days',
    '30',
  );
}

const PROFILES = {
  'openssl 3 defaults (PBES2/AES-256, HMAC-SHA256)': [],
  'SHA1/3DES (older CA tokens)': ['-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'],
  '-legacy (RC2-40 certificates)': ['-legacy'],
} as const;

describe.each(Object.keys(KEYS))('an openssl-made .p12 with a %s key', (keyName) => {
  it.each(Object.entries(PROFILES))('imports with %s', (_profile, extra) => {
    const file = join(tmp, `${keyName}-${extra.length}.p12`);
    openssl(
      'pkcs12',
      '-export',
      '-inkey',
      join(tmp, `${keyName}.key`),
      '-in',
      join(tmp, `${keyName}.crt`),
      '-out',
      file,
      '-passout',
      `pass:${PASSWORD}`,
      '-name',
      'Sở Tài nguyên',
      ...extra,
    );
    const p12 = readPkcs12(readFileSync(file), PASSWORD);
    const cert = new X509Certificate(readFileSync(join(tmp, `${keyName}.crt`)));
    expect(p12.certificate.raw.equals(cert.raw)).toBe(true);
    expect(p12.certificate.checkPrivateKey(p12.privateKey)).toBe(true);
    const expected = createPrivateKey(readFileSync(join(tmp, `${keyName}.key`)));
    expect(p12.privateKey.equals(expected)).toBe(true);
    expect(p12.friendlyName).toBe('Sở Tài nguyên');
    expect(() => readPkcs12(readFileSync(file), 'wrong')).toThrow(
      expect.objectContaining({ code: 'P12_INVALID' }),
    );
  });
});

describe('writePkcs12', () => {
  const pki = createTestPki();
  it.each(['ES256', 'EdDSA', 'RS256'] as const)('writes a %s key that openssl and readPkcs12 open', (alg) => {
    const member = pki.issue('VN:GOV:79:SO-TNMT', alg, { keyPair: keyPairFor(alg) });
    const bytes = writePkcs12({
      privateKey: member.privateKey,
      certificate: member.certificate,
      chain: [pki.caCertificate],
      password: PASSWORD,
      friendlyName: 'VN:GOV:79:SO-TNMT',
    });
    const file = join(tmp, `out-${alg}.p12`);
    writeFileSync(file, bytes);
    const pem = openssl('pkcs12', '-in', file, '-passin', `pass:${PASSWORD}`, '-nodes');
    expect(pem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    const keyPem = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/.exec(pem)?.[0] ?? '';
    expect(createPrivateKey(keyPem).equals(member.privateKey)).toBe(true);
    expect(() => openssl('pkcs12', '-in', file, '-passin', 'pass:wrong', '-nodes')).toThrow();

    const back = readPkcs12(bytes, PASSWORD);
    expect(back.certificate.raw.equals(member.certificate.raw)).toBe(true);
    expect(back.chain.map((c) => c.raw.equals(pki.caCertificate.raw))).toEqual([true]);
    expect(back.privateKey.equals(member.privateKey)).toBe(true);
    expect(back.friendlyName).toBe('VN:GOV:79:SO-TNMT');
  });
});

it('refuses bytes that are not a .p12 and a .p12 without a key', () => {
  expect(() => readPkcs12(Buffer.from('not a p12'), 'x')).toThrow(
    expect.objectContaining({ code: 'P12_INVALID' }),
  );
  const file = join(tmp, 'certs-only.p12');
  openssl('pkcs12', '-export', '-nokeys', '-in', join(tmp, 'ec.crt'), '-out', file, '-passout', 'pass:x');
  expect(() => readPkcs12(readFileSync(file), 'x')).toThrow('holds no private key');
});
