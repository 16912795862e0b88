/**
 * The CA: certificates for P-256, Ed25519 and RSA keys, from CSRs made by `openssl req` and by createCsr,
 * checked with node's X509Certificate and with `openssl verify`.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificateKid } from '../protocol/kid';
import { buildCertificate } from './certificate';
import { createCsr, parseCsr } from './csr';
import { memberUri } from './member-id';

const MEMBER = 'VN:GOV:79:SO-TNMT';
const tmp = mkdtempSync(join(tmpdir(), 'lienthong-ca-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const openssl = (...args: string[]) =>
  execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const ca = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const caCert = buildCertificate({
  profile: 'ca',
  commonName: 'lienthong hub CA',
  publicKey: ca.publicKey,
  selfSigningKey: ca.privateKey,
  notAfter: new Date(Date.now() + 86_400_000 * 3650),
});
writeFileSync(join(tmp, 'ca.pem'), caCert.toString());

function issue(csrPem: string): X509Certificate {
  return buildCertificate({
    profile: 'member',
    commonName: MEMBER,
    uri: memberUri(MEMBER),
    publicKey: parseCsr(csrPem).publicKey,
    issuer: { certificate: caCert, privateKey: ca.privateKey },
    notAfter: new Date(Date.now() + 86_400_000 * 365),
  });
}

function expectMemberCertificate(cert: X509Certificate, keyType: string): void {
  expect(cert.verify(ca.publicKey)).toBe(true);
  expect(cert.checkIssued(caCert)).toBe(true);
  expect(cert.ca).toBe(false);
  expect(cert.publicKey.asymmetricKeyType).toBe(keyType);
  expect(cert.subjectAltName).toBe(`URI:${memberUri(MEMBER)}`);
  expect(cert.subject).toBe(`C=VN\nO=lienthong\nCN=${MEMBER}`);
  expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
  const file = join(tmp, `${certificateKid(cert)}.pem`);
  writeFileSync(file, cert.toString());
  expect(openssl('verify', '-CAfile', join(tmp, 'ca.pem'), file).trim()).toBe(`${file}: OK`);
  const text = openssl('x509', '-in', file, '-noout', '-text');
  expect(text).toMatch(/Basic Constraints: critical\s+CA:FALSE/);
  expect(text).toMatch(/Key Usage: critical\s+Digital Signature\n/);
  expect(text).toMatch(/Subject Key Identifier/);
  expect(text).toMatch(/Authority Key Identifier/);
}

it('makes a self-signed P-256 CA certificate', () => {
  expect(caCert.ca).toBe(true);
  expect(caCert.verify(ca.publicKey)).toBe(true);
  expect(openssl('x509', '-in', join(tmp, 'ca.pem'), '-noout', '-text')).toMatch(
    /CA:TRUE, pathlen:0[\s\S]*Certificate Sign, CRL Sign[\s\S]*Signature Algorithm: ecdsa-with-SHA256/,
  );
});

it.each([
  ['P-256', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], 'ec'],
  ['Ed25519', ['-newkey', 'ed25519'], 'ed25519'],
])('issues from an openssl req CSR with a %s key', (_name, keyArgs, keyType) => {
  const csr = join(tmp, `${keyType}.csr`);
  openssl(
    'req',
    '-new',
    ...keyArgs,
    '-nodes',
    '-keyout',
    join(tmp, `${keyType}.key`),
    '-out',
    csr,
    '-subj',
    `/CN=${MEMBER}`,
  );
  const parsed = parseCsr(readFileSync(csr, 'utf8'));
  expect(parsed.commonName).toBe(MEMBER);
  expectMemberCertificate(issue(readFileSync(csr, 'utf8')), keyType);
});

it.each([
  ['P-256', () => generateKeyPairSync('ec', { namedCurve: 'P-256' }), 'ec'],
  ['Ed25519', () => generateKeyPairSync('ed25519'), 'ed25519'],
  ['RSA-2048', () => generateKeyPairSync('rsa', { modulusLength: 2048 }), 'rsa'],
])('issues from a createCsr CSR with a %s key, which openssl accepts too', (_name, make, keyType) => {
  const csr = createCsr(make().privateKey, MEMBER);
  const file = join(tmp, `own-${keyType}.csr`);
  writeFileSync(file, csr);
  expect(openssl('req', '-in', file, '-verify', '-noout', '-subject')).toContain(MEMBER);
  expectMemberCertificate(issue(csr), keyType);
});

it('refuses a CSR whose self-signature does not verify', () => {
  const good = createCsr(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, MEMBER);
  const der = Buffer.from(good.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  der[der.length - 5] ^= 0x01;
  expect(() => parseCsr(der)).toThrow(expect.objectContaining({ code: 'CSR_INVALID' }));
  expect(() =>
    parseCsr('-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----'),
  ).toThrow(expect.objectContaining({ code: 'CSR_INVALID' }));
});

it('refuses key types outside the protocol (P-384, RSA-1024)', () => {
  for (const pair of [
    generateKeyPairSync('ec', { namedCurve: 'P-384' }),
    generateKeyPairSync('rsa', { modulusLength: 1024 }),
  ]) {
    expect(() => createCsr(pair.privateKey, MEMBER)).toThrow(
      expect.objectContaining({ code: 'KEY_TYPE_UNSUPPORTED' }),
    );
  }
  const file = join(tmp, 'p384.csr');
  openssl(
    'req',
    '-new',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-384',
    '-nodes',
    '-keyout',
    join(tmp, 'p384.key'),
    '-out',
    file,
    '-subj',
    '/CN=x',
  );
  expect(() => parseCsr(readFileSync(file))).toThrow(
    expect.objectContaining({ code: 'KEY_TYPE_UNSUPPORTED' }),
  );
});
