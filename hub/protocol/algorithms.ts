/**
 * JWS algorithms of the hub protocol (RFC 7518) on node:crypto: which algorithms a key may use, and the
 * raw sign/verify primitives. ES256 signatures are in the JOSE form (r||s, 64 bytes), not DER.
 */
import { constants, sign, verify, type KeyObject } from 'node:crypto';

export const JWS_ALGS = ['ES256', 'EdDSA', 'RS256', 'PS256'] as const;
export type JwsAlg = (typeof JWS_ALGS)[number];

/** Smallest RSA modulus accepted, in bits. */
export const MIN_RSA_BITS = 2048;
/**
 * Largest RSA modulus a member key may have, in bits: its signatures (as long as the modulus) must fit
 * the protocol's signature limit (jws.ts MAX_SIGNATURE_B64). Keys over it are refused when issued.
 */
export const MAX_RSA_BITS = 8192;

const ES256_SIGNATURE_BYTES = 64;
const ED25519_SIGNATURE_BYTES = 64;

export function isJwsAlg(value: unknown): value is JwsAlg {
  return typeof value === 'string' && (JWS_ALGS as readonly string[]).includes(value);
}

/**
 * The JWS algorithms a key (public or private) may be used with: P-256 → ES256, Ed25519 → EdDSA,
 * RSA of at least 2048 bits → RS256 and PS256. Anything else → none.
 */
export function algsForKey(key: KeyObject): readonly JwsAlg[] {
  const details = key.asymmetricKeyDetails;
  switch (key.asymmetricKeyType) {
    case 'ec':
      return details?.namedCurve === 'prime256v1' ? ['ES256'] : [];
    case 'ed25519':
      return ['EdDSA'];
    case 'rsa':
      return (details?.modulusLength ?? 0) >= MIN_RSA_BITS ? ['RS256', 'PS256'] : [];
    default:
      return [];
  }
}

/** The algorithm a key signs with unless told otherwise, or undefined for a key the protocol refuses. */
export function defaultAlgForKey(key: KeyObject): JwsAlg | undefined {
  return algsForKey(key)[0];
}

/** Signs `data` with `alg`. The caller has checked that the key fits the algorithm. */
export function jwsSign(alg: JwsAlg, privateKey: KeyObject, data: Buffer): Buffer {
  switch (alg) {
    case 'ES256':
      return sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
    case 'EdDSA':
      return sign(null, data, privateKey);
    case 'RS256':
      return sign('sha256', data, { key: privateKey, padding: constants.RSA_PKCS1_PADDING });
    case 'PS256':
      return sign('sha256', data, {
        key: privateKey,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
      });
  }
}

/** Verifies a JWS signature; false (never a throw) for a signature of the wrong shape. */
export function jwsVerify(alg: JwsAlg, publicKey: KeyObject, data: Buffer, signature: Buffer): boolean {
  try {
    switch (alg) {
      case 'ES256':
        return (
          signature.length === ES256_SIGNATURE_BYTES &&
          verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)
        );
      case 'EdDSA':
        return signature.length === ED25519_SIGNATURE_BYTES && verify(null, data, publicKey, signature);
      case 'RS256':
        return verify('sha256', data, { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
      case 'PS256':
        return verify(
          'sha256',
          data,
          {
            key: publicKey,
            padding: constants.RSA_PKCS1_PSS_PADDING,
            saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
          },
          signature,
        );
    }
  } catch {
    return false;
  }
}

/** Something that signs for the protocol: a key in memory, or an HSM behind the same shape. */
export interface Signer {
  /** Key id: base64url SHA-256 thumbprint of the signer's certificate (x5t#S256). */
  readonly kid: string;
  readonly alg: JwsAlg;
  sign(data: Buffer): Buffer;
}

/** A private key with its kid and algorithm. */
export interface SigningKey {
  kid: string;
  alg: JwsAlg;
  privateKey: KeyObject;
}

/** Wraps a private key as a {@link Signer}; throws when the key does not fit the algorithm. */
export function signerFromKey(key: SigningKey): Signer {
  if (!algsForKey(key.privateKey).includes(key.alg)) {
    throw new TypeError(`key ${key.kid} (${key.privateKey.asymmetricKeyType}) cannot sign ${key.alg}`);
  }
  const { kid, alg, privateKey } = key;
  return { kid, alg, sign: (data) => jwsSign(alg, privateKey, data) };
}
