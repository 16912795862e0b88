/**
 * Test support (used by tests only): an in-memory PKI — a CA, a hub identity and member keys of each
 * type — built with the real certificate code, and a trust store over it.
 */
import { generateKeyPairSync, type KeyObject, type X509Certificate } from 'node:crypto';
import type { JwsAlg, SigningKey } from '../protocol/algorithms';
import { certificateKid } from '../protocol/kid';
import { buildCertificate } from './certificate';
import type { RevocationEntry } from './layout';
import { HUB_URI, memberUri } from './member-id';
import { createTrustStore, type TrustStore } from './trust-store';

const DAY = 86_400_000;

export interface TestMemberKey extends SigningKey {
  memberId: string;
  certificate: X509Certificate;
}

export interface TestPki {
  caCertificate: X509Certificate;
  hubCertificate: X509Certificate;
  hubPrivateKey: KeyObject;
  /** Issues a member certificate for a new key (or the given one). */
  issue(
    memberId: string,
    alg: JwsAlg,
    opts?: { notBefore?: Date; notAfter?: Date; keyPair?: { publicKey: KeyObject; privateKey: KeyObject } },
  ): TestMemberKey;
  /** A trust store over the keys issued so far. */
  store(opts?: { retiresAt?: Record<string, string>; revocations?: RevocationEntry[] }): TrustStore;
}

export function keyPairFor(alg: JwsAlg): { publicKey: KeyObject; privateKey: KeyObject } {
  if (alg === 'ES256') return generateKeyPairSync('ec', { namedCurve: 'P-256' });
  if (alg === 'EdDSA') return generateKeyPairSync('ed25519');
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

export function createTestPki(): TestPki {
  const ca = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const caCertificate = buildCertificate({
    profile: 'ca',
    commonName: 'test CA',
    publicKey: ca.publicKey,
    selfSigningKey: ca.privateKey,
    notAfter: new Date(Date.now() + 3650 * DAY),
  });
  const issuer = { certificate: caCertificate, privateKey: ca.privateKey };
  const hub = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const hubCertificate = buildCertificate({
    profile: 'hub',
    commonName: 'test hub',
    uri: HUB_URI,
    publicKey: hub.publicKey,
    issuer,
    notAfter: new Date(Date.now() + 365 * DAY),
  });
  const issued: TestMemberKey[] = [];
  return {
    caCertificate,
    hubCertificate,
    hubPrivateKey: hub.privateKey,
    issue(memberId, alg, opts = {}) {
      const pair = opts.keyPair ?? keyPairFor(alg);
      const certificate = buildCertificate({
        profile: 'member',
        commonName: memberId,
        uri: memberUri(memberId),
        publicKey: pair.publicKey,
        issuer,
        notBefore: opts.notBefore,
        notAfter: opts.notAfter ?? new Date(Date.now() + 365 * DAY),
      });
      const key = {
        memberId,
        certificate,
        kid: certificateKid(certificate),
        alg,
        privateKey: pair.privateKey,
      };
      issued.push(key);
      return key;
    },
    store(opts = {}) {
      return createTrustStore({
        material: {
          caCertificate: caCertificate.toString(),
          hub: { certificate: hubCertificate.toString(), privateKey: hub.privateKey },
          members: issued.map((k) => ({
            certificate: k.certificate.toString(),
            retiresAt: opts.retiresAt?.[k.kid],
          })),
          revocations: opts.revocations,
        },
      });
    },
  };
}
