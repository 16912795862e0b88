/**
 * X.509 signature algorithms (RFC 5280, RFC 5758, RFC 8410) on node:crypto: signing a TBS structure with
 * a private key, and verifying a signature given its AlgorithmIdentifier. Distinct from JWS: ECDSA
 * signatures here are DER-encoded, not r||s.
 */
import { sign, verify, type KeyObject } from 'node:crypto';
import { MIN_RSA_BITS } from '../protocol/algorithms';
import { OID, nullValue, oid, seq, type Asn1 } from './asn1';
import { TrustError } from './errors';

/** The AlgorithmIdentifier a key signs certificates and CSRs with, and the signing function. */
export function x509Signer(privateKey: KeyObject): { algorithm: Asn1; sign(tbs: Buffer): Buffer } {
  switch (keyKind(privateKey)) {
    case 'p256':
      return { algorithm: seq([oid(OID.ecdsaWithSha256)]), sign: (tbs) => sign('sha256', tbs, privateKey) };
    case 'ed25519':
      return { algorithm: seq([oid(OID.ed25519)]), sign: (tbs) => sign(null, tbs, privateKey) };
    case 'rsa':
      return {
        algorithm: seq([oid(OID.sha256WithRsa), nullValue()]),
        sign: (tbs) => sign('sha256', tbs, privateKey),
      };
  }
}

/** Hash of each signature algorithm accepted on CSRs (null: the algorithm has its own, e.g. Ed25519). */
const VERIFY_WITH: Record<string, { hash: string | null; keyType: string }> = {
  [OID.ecdsaWithSha256]: { hash: 'sha256', keyType: 'ec' },
  [OID.ecdsaWithSha384]: { hash: 'sha384', keyType: 'ec' },
  [OID.ed25519]: { hash: null, keyType: 'ed25519' },
  [OID.sha256WithRsa]: { hash: 'sha256', keyType: 'rsa' },
  [OID.sha384WithRsa]: { hash: 'sha384', keyType: 'rsa' },
  [OID.sha512WithRsa]: { hash: 'sha512', keyType: 'rsa' },
};

/** Verifies an X.509-style signature (DER ECDSA, Ed25519, RSA PKCS#1 v1.5) named by its OID. */
export function x509Verify(
  algorithmOid: string,
  publicKey: KeyObject,
  data: Buffer,
  signature: Buffer,
): boolean {
  const how = VERIFY_WITH[algorithmOid];
  if (!how || how.keyType !== publicKey.asymmetricKeyType) return false;
  try {
    return verify(how.hash, data, publicKey, signature);
  } catch {
    return false;
  }
}

export type KeyKind = 'p256' | 'ed25519' | 'rsa';

/** The kind of a key the hub accepts for members and itself; throws KEY_TYPE_UNSUPPORTED otherwise. */
export function keyKind(key: KeyObject): KeyKind {
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1') return 'p256';
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  if (key.asymmetricKeyType === 'rsa' && (details?.modulusLength ?? 0) >= MIN_RSA_BITS) return 'rsa';
  const what =
    key.asymmetricKeyType === 'rsa'
      ? `RSA-${details?.modulusLength ?? '?'} (at least ${MIN_RSA_BITS} bits needed)`
      : `${key.asymmetricKeyType ?? 'symmetric'}${details?.namedCurve ? ` ${details.namedCurve}` : ''}`;
  throw new TrustError('KEY_TYPE_UNSUPPORTED', `unsupported key type: ${what}; use P-256, Ed25519 or RSA`);
}
