/** Head signatures with ES256 (IEEE P1363) and Ed25519, and hub certificates read with X509Certificate. */
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { keySigner, signHead, verifyHeadSignature } from './heads';
import { selfSignedCertificate, testKeys } from './testing';

const HASH = 'ab'.repeat(32);

describe.each(['ES256', 'EdDSA'] as const)('%s heads', (alg) => {
  const keys = testKeys(alg);

  it('sign and verify, and any change breaks the signature', () => {
    const head = signHead(keys.signer, 'hub-a', 42, HASH, '2025-06-01T02:00:00.000Z');
    expect(head).toMatchObject({ chain: 'hub-a', seq: 42, hash: HASH, kid: keys.signer.kid, alg });
    expect(verifyHeadSignature(head, keys.publicKey)).toBe(true);
    expect(verifyHeadSignature({ ...head, seq: 43 }, keys.publicKey)).toBe(false);
    expect(verifyHeadSignature({ ...head, hash: 'cd'.repeat(32) }, keys.publicKey)).toBe(false);
    expect(verifyHeadSignature({ ...head, chain: 'hub-b' }, keys.publicKey)).toBe(false);
    expect(verifyHeadSignature(head, testKeys(alg).publicKey)).toBe(false);
  });

  it('verify with the key of a certificate', () => {
    const head = signHead(keys.signer, 'hub-a', 1, HASH, '2025-06-01T02:00:00.000Z');
    const cert = new X509Certificate(selfSignedCertificate(keys));
    expect(verifyHeadSignature(head, cert.publicKey)).toBe(true);
  });
});

describe('keySigner', () => {
  it('makes fixed-size P1363 signatures for ES256', () => {
    expect(testKeys('ES256').signer.sign(Buffer.from('x'))).toHaveLength(64);
  });

  it('refuses keys it cannot sign heads with', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => keySigner(privateKey, 'rsa')).toThrow(TypeError);
  });

  it('refuses a head whose alg does not fit the key', () => {
    const es = testKeys('ES256');
    const head = signHead(es.signer, 'hub-a', 1, HASH, '2025-06-01T02:00:00.000Z');
    expect(verifyHeadSignature({ ...head, alg: 'EdDSA' }, es.publicKey)).toBe(false);
    expect(verifyHeadSignature({ ...head, alg: 'none' }, es.publicKey)).toBe(false);
  });
});
