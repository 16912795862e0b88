/**
 * Signed chain heads. A head binds (chain, seq, hash, time, kid, alg) under the hub's key, so whoever
 * rewrites the whole chain without the key cannot produce heads that match it. The signature covers
 * the canonical JSON of the head without `sig`. ES256 (P-256, IEEE P1363 r||s) and EdDSA (Ed25519).
 */
import { sign as cryptoSign, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical';
import type { AuditSigner, HeadRecord } from './types';

/** The bytes a head signature covers. */
export function headPayload(head: Omit<HeadRecord, 'sig'> & { sig?: string }): Buffer {
  const { sig: _sig, ...unsigned } = head;
  return Buffer.from(canonicalJson(unsigned), 'utf8');
}

/** Builds and signs the head of `chain` at (seq, hash). */
export function signHead(
  signer: AuditSigner,
  chain: string,
  seq: number,
  hash: string,
  time: string,
): HeadRecord {
  const unsigned = { chain, seq, hash, time, kid: signer.kid, alg: signer.alg };
  return { ...unsigned, sig: signer.sign(headPayload(unsigned)).toString('base64url') };
}

const isEd = (alg: string): boolean => alg === 'EdDSA' || alg === 'Ed25519';

/** A signer over a node:crypto private key (EC P-256 → ES256, Ed25519 → EdDSA). */
export function keySigner(privateKey: KeyObject, kid: string): AuditSigner {
  const type = privateKey.asymmetricKeyType;
  if (type === 'ed25519') return { kid, alg: 'EdDSA', sign: (data) => cryptoSign(null, data, privateKey) };
  if (type === 'ec' && privateKey.asymmetricKeyDetails?.namedCurve === 'prime256v1') {
    return {
      kid,
      alg: 'ES256',
      sign: (data) => cryptoSign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' }),
    };
  }
  throw new TypeError(`keySigner: ${type ?? 'unknown'} keys are not supported; use EC P-256 or Ed25519`);
}

/** True when the head's signature verifies under `publicKey` for the head's own alg. */
export function verifyHeadSignature(head: HeadRecord, publicKey: KeyObject): boolean {
  try {
    const sig = Buffer.from(head.sig, 'base64url');
    const data = headPayload(head);
    if (isEd(head.alg)) {
      return publicKey.asymmetricKeyType === 'ed25519' && cryptoVerify(null, data, publicKey, sig);
    }
    if (head.alg === 'ES256') {
      return (
        publicKey.asymmetricKeyType === 'ec' &&
        cryptoVerify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, sig)
      );
    }
    return false;
  } catch {
    return false;
  }
}

/** Checks the shape of a parsed heads.jsonl line. */
export function isHeadRecord(value: unknown): value is HeadRecord {
  const h = value as HeadRecord;
  return (
    typeof h === 'object' &&
    h !== null &&
    typeof h.chain === 'string' &&
    Number.isInteger(h.seq) &&
    h.seq > 0 &&
    typeof h.hash === 'string' &&
    typeof h.time === 'string' &&
    typeof h.kid === 'string' &&
    typeof h.alg === 'string' &&
    typeof h.sig === 'string'
  );
}
