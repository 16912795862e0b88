/**
 * The hub's signed responses: a detached JWS over the exact response body whose header binds the answer
 * to the request (`hub.reqhash`, `hub.msgid`) and to the HTTP status (`hub.status`).
 */
import { KeyObject } from 'node:crypto';
import { jwsVerify, algsForKey, type Signer } from './algorithms';
import { HEADER, readHeader, type HeaderBag } from './headers';
import { MESSAGE_ID_PATTERN } from './identifiers';
import { compactDetached, encodeHeader, PARAM, parseDetachedJws, signingInput } from './jws';

export interface SignResponseOptions {
  /** The exact response body bytes. */
  body: Buffer;
  /** HTTP status of the response. */
  status: number;
  /** The verified (or at least computed) request hash; omitted only when the request had no readable signature. */
  requestHash?: string;
  /** The request's message id, echoed; omitted only when the request had none that was well formed. */
  messageId?: string;
  /** The hub's signer (trust store `hubSigner`). */
  signer: Signer;
  /** Clock, milliseconds since the epoch. @defaultValue Date.now() */
  now?: number;
}

/** Headers to add to a response: Hub-Signature, and X-Hub-Request-Hash / X-Hub-Message-Id when known. */
export function signResponse(options: SignResponseOptions): Record<string, string> {
  const { body, status, requestHash, messageId, signer } = options;
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const params: Array<readonly [string, string | number]> = [[PARAM.status, status]];
  if (messageId !== undefined) params.push([PARAM.msgid, messageId]);
  if (requestHash !== undefined) params.push([PARAM.reqhash, requestHash]);
  const headerB64 = encodeHeader(signer.alg, signer.kid, iat, params);
  const headers: Record<string, string> = {
    [HEADER.signature]: compactDetached(headerB64, signer.sign(signingInput(headerB64, body))),
  };
  if (messageId !== undefined) headers[HEADER.messageId] = messageId;
  if (requestHash !== undefined) headers[HEADER.requestHash] = requestHash;
  return headers;
}

export interface VerifyResponseOptions {
  headers: HeaderBag;
  /** The exact response body bytes (after removing any Content-Encoding). */
  body: Buffer;
  /** The hash returned by signRequest for the request this answers. */
  expectedRequestHash: string;
  /** When given, `hub.msgid` and X-Hub-Message-Id must equal it. */
  expectedMessageId?: string;
  /** When given, `hub.status` must equal it. */
  status?: number;
  /** The hub's public key, or its keys by kid (to accept the old and new key during a hub key rotation). */
  hubPublicKey: KeyObject | ReadonlyMap<string, KeyObject>;
}

export type ResponseVerification =
  | { ok: true; kid: string; iat: number; messageId?: string }
  | { ok: false; code: 'SIGNATURE_MISSING' | 'SIGNATURE_INVALID' | 'KEY_UNKNOWN'; reason: string };

const bad = (reason: string): ResponseVerification => ({ ok: false, code: 'SIGNATURE_INVALID', reason });

/** Verifies a hub response. Never throws for bad input. */
export function verifyResponse(options: VerifyResponseOptions): ResponseVerification {
  const { headers, body, expectedRequestHash, expectedMessageId, status, hubPublicKey } = options;
  const sig = readHeader(headers, HEADER.signature);
  if (sig.kind === 'absent')
    return { ok: false, code: 'SIGNATURE_MISSING', reason: 'response is not signed' };
  if (sig.kind === 'invalid') return bad('Hub-Signature is not a single ASCII value');
  const jws = parseDetachedJws(sig.value);
  if (!jws.ok) return bad(jws.reason);
  const { header } = jws;

  const key = hubPublicKey instanceof KeyObject ? hubPublicKey : hubPublicKey.get(header.kid);
  if (!key) return { ok: false, code: 'KEY_UNKNOWN', reason: `hub key ${header.kid} is not known` };
  if (!algsForKey(key).includes(header.alg)) return bad(`alg ${header.alg} does not fit the hub key`);
  if (!jwsVerify(header.alg, key, signingInput(jws.headerB64, body), jws.signature)) {
    return bad('signature does not verify');
  }

  const p = header.params;
  const hashHeader = readHeader(headers, HEADER.requestHash);
  // A 413 is given without reading the body, so without a request hash: it is bound by the message id
  // alone, which the caller must then have given (docs/protocol.md §6).
  const unread =
    p[PARAM.status] === 413 &&
    p[PARAM.reqhash] === undefined &&
    hashHeader.kind === 'absent' &&
    expectedMessageId !== undefined &&
    (status === undefined || status === 413);
  if (!unread) {
    if (p[PARAM.reqhash] !== expectedRequestHash) return bad(`${PARAM.reqhash} does not match the request`);
    if (hashHeader.kind !== 'value' || hashHeader.value !== expectedRequestHash) {
      return bad(`${HEADER.requestHash} does not match the request`);
    }
  }
  const idHeader = readHeader(headers, HEADER.messageId);
  const messageId = idHeader.kind === 'value' ? idHeader.value : undefined;
  if (p[PARAM.msgid] !== messageId || (messageId !== undefined && !MESSAGE_ID_PATTERN.test(messageId))) {
    return bad(`${PARAM.msgid} does not match ${HEADER.messageId}`);
  }
  if (expectedMessageId !== undefined && messageId !== expectedMessageId) {
    return bad(`${HEADER.messageId} is not the request's message id`);
  }
  if (status !== undefined && p[PARAM.status] !== status)
    return bad(`${PARAM.status} does not match the HTTP status`);
  return { ok: true, kid: header.kid, iat: header.iat, messageId };
}
