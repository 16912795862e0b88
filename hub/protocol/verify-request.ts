/**
 * Verifying a signed request at the hub, in a fixed order: signature present; JWS well formed; hub
 * headers present and well formed; key known; signature valid over the exact body; only then the key's
 * state (revoked, expired), so that a request nobody signed learns nothing about a kid beyond "unknown";
 * header params equal the HTTP message; iat within the window; client's member owns the key. Replays are
 * refused separately (see replay-cache.ts), after this succeeds.
 */
import type { ProblemCode } from '../../contracts/errors/catalogue';
import { jwsVerify, type JwsAlg } from './algorithms';
import { HEADER, readHeader, type HeaderBag } from './headers';
import { IDEMPOTENCY_KEY_PATTERN, MESSAGE_ID_PATTERN, PURPOSE_PATTERN, parseClient } from './identifiers';
import { PARAM, parseDetachedJws, requestHashOf, signingInput } from './jws';
import type { KeyResolver } from './key-resolver';

export interface VerifyRequestOptions {
  /** HTTP method as received (node: `req.method`). */
  method: string;
  /**
   * The request target exactly as received on the request line (Express: `req.originalUrl`): path and
   * query in origin form, or the whole URI for an absolute-form target.
   */
  path: string;
  /** The headers, repeated ones as arrays (node: `req.headersDistinct`), so that a repeat is refused. */
  headers: HeaderBag;
  /** The exact body bytes as received (empty for GET). */
  body: Buffer;
  trust: KeyResolver;
  /** Clock, milliseconds since the epoch. @defaultValue Date.now() */
  now?: number;
  /** Largest accepted |now − iat|, in seconds. @defaultValue 60 */
  iatWindowSec?: number;
}

export interface VerifiedRequest {
  ok: true;
  memberId: string;
  subsystem: string;
  /** `member/subsystem`. */
  client: string;
  kid: string;
  alg: JwsAlg;
  messageId: string;
  purpose: string;
  idempotencyKey?: string;
  requestHash: string;
  /** Signing time, seconds since the epoch. */
  iat: number;
}

export type VerifyFailureCode = Extract<
  ProblemCode,
  | 'SIGNATURE_MISSING'
  | 'SIGNATURE_INVALID'
  | 'HEADER_INVALID'
  | 'KEY_UNKNOWN'
  | 'KEY_REVOKED'
  | 'KEY_EXPIRED'
  | 'SIGNATURE_STALE'
  | 'CLIENT_MISMATCH'
>;

export interface RequestVerificationFailure {
  ok: false;
  code: VerifyFailureCode;
  /** Values for the catalogue message of `code` ({reason}, {header}, {kid}, {window}, {client}, {member}). */
  context: Record<string, string | number>;
  /** Present when the signature header could be read far enough to compute it, for the response. */
  requestHash?: string;
  /** The request's message id when it was well formed, to echo in the response. */
  messageId?: string;
}

export type RequestVerification = VerifiedRequest | RequestVerificationFailure;

export const DEFAULT_IAT_WINDOW_SEC = 60;

/** Verifies a request's signature and hub headers. Never throws for bad input. */
export function verifyRequest(options: VerifyRequestOptions): RequestVerification {
  const { method, path, headers, body, trust } = options;
  const now = options.now ?? Date.now();
  const windowSec = options.iatWindowSec ?? DEFAULT_IAT_WINDOW_SEC;
  let messageId: string | undefined;
  let hash: string | undefined;
  const fail = (
    code: VerifyFailureCode,
    context: Record<string, string | number>,
  ): RequestVerificationFailure => ({
    ok: false,
    code,
    context,
    requestHash: hash,
    messageId,
  });

  // 1. signature present
  const sigHeader = readHeader(headers, HEADER.signature);
  if (sigHeader.kind === 'absent') return fail('SIGNATURE_MISSING', {});
  const idHeader = readHeader(headers, HEADER.messageId);
  if (idHeader.kind === 'value' && MESSAGE_ID_PATTERN.test(idHeader.value)) messageId = idHeader.value;
  if (sigHeader.kind === 'invalid') return fail('HEADER_INVALID', { header: HEADER.signature });

  // 2. JWS well formed
  const jws = parseDetachedJws(sigHeader.value);
  const input = jws.headerB64 !== undefined ? signingInput(jws.headerB64, body) : undefined;
  if (input) hash = requestHashOf(input);
  if (!jws.ok) return fail('SIGNATURE_INVALID', { reason: jws.reason });
  const { header } = jws;
  const p = header.params;
  for (const name of [PARAM.msgid, PARAM.client, PARAM.purpose, PARAM.htm, PARAM.htu]) {
    if (typeof p[name] !== 'string') return fail('SIGNATURE_INVALID', { reason: `${name} is missing` });
  }
  if (p[PARAM.idem] !== undefined && typeof p[PARAM.idem] !== 'string') {
    return fail('SIGNATURE_INVALID', { reason: `${PARAM.idem} must be a string` });
  }

  // 3. hub headers present and well formed
  const clientHeader = readHeader(headers, HEADER.client);
  const client = clientHeader.kind === 'value' ? parseClient(clientHeader.value) : undefined;
  if (!client || clientHeader.kind !== 'value') return fail('HEADER_INVALID', { header: HEADER.client });
  if (messageId === undefined) return fail('HEADER_INVALID', { header: HEADER.messageId });
  const purposeHeader = readHeader(headers, HEADER.purpose);
  if (purposeHeader.kind !== 'value' || !PURPOSE_PATTERN.test(purposeHeader.value)) {
    return fail('HEADER_INVALID', { header: HEADER.purpose });
  }
  const idemHeader = readHeader(headers, HEADER.idempotencyKey);
  if (
    idemHeader.kind === 'invalid' ||
    (idemHeader.kind === 'value' && !IDEMPOTENCY_KEY_PATTERN.test(idemHeader.value))
  ) {
    return fail('HEADER_INVALID', { header: HEADER.idempotencyKey });
  }
  const idempotencyKey = idemHeader.kind === 'value' ? idemHeader.value : undefined;

  // 4. key known
  const resolved = trust.resolve(header.kid, now);
  const key = resolved.ok ? resolved : resolved.key;
  if (!key) return fail('KEY_UNKNOWN', { kid: header.kid });

  // 5. signature over the exact bytes. To a request the key did not sign, a revoked or expired key is as
  // unknown as a kid never issued: its state is told only to a holder of the key.
  const fits = (key.algs ?? [key.alg]).includes(header.alg);
  const verified = fits && input !== undefined && jwsVerify(header.alg, key.publicKey, input, jws.signature);
  if (!verified) {
    if (!resolved.ok) return fail('KEY_UNKNOWN', { kid: header.kid });
    return fail('SIGNATURE_INVALID', {
      reason: fits ? 'signature does not verify' : `alg ${header.alg} does not fit key ${header.kid}`,
    });
  }
  if (!resolved.ok) return fail(resolved.code, { kid: header.kid });

  // 6. signed params equal the HTTP message
  const mismatch =
    p[PARAM.msgid] !== messageId
      ? PARAM.msgid
      : p[PARAM.client] !== clientHeader.value
        ? PARAM.client
        : p[PARAM.purpose] !== purposeHeader.value
          ? PARAM.purpose
          : p[PARAM.htm] !== method
            ? PARAM.htm
            : p[PARAM.htu] !== path
              ? PARAM.htu
              : p[PARAM.idem] !== idempotencyKey
                ? PARAM.idem
                : undefined;
  if (mismatch) return fail('SIGNATURE_INVALID', { reason: `${mismatch} does not match the request` });

  // 7. iat within the window
  if (Math.abs(now / 1000 - header.iat) > windowSec) return fail('SIGNATURE_STALE', { window: windowSec });

  // 8. the client's member owns the key
  if (client.member !== key.memberId) {
    return fail('CLIENT_MISMATCH', { client: clientHeader.value, member: key.memberId });
  }

  return {
    ok: true,
    memberId: key.memberId,
    subsystem: client.subsystem,
    client: clientHeader.value,
    kid: header.kid,
    alg: header.alg,
    messageId,
    purpose: purposeHeader.value,
    idempotencyKey,
    requestHash: hash as string,
    iat: header.iat,
  };
}
