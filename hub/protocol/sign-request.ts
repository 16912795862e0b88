/**
 * Signing a request to the hub: builds the protected header that binds the body to the HTTP message
 * (message id, client, purpose, method, path and query, idempotency key) and returns the headers to send.
 */
import { randomUUID } from 'node:crypto';
import { signerFromKey, type Signer, type SigningKey } from './algorithms';
import { HEADER } from './headers';
import { CLIENT_PATTERN, IDEMPOTENCY_KEY_PATTERN, MESSAGE_ID_PATTERN, PURPOSE_PATTERN } from './identifiers';
import { compactDetached, encodeHeader, PARAM, requestHashOf, signingInput } from './jws';

export interface SignRequestOptions {
  /** HTTP method, upper case as sent: `GET`, `POST` … */
  method: string;
  /** Path and query exactly as they appear on the request line, e.g. `/v1/services/…?x=1`. */
  path: string;
  /** The exact body bytes. @defaultValue an empty body */
  body?: Buffer;
  /** `member/subsystem` of the sender. */
  client: string;
  /** Message id (UUID). @defaultValue a new random UUID */
  messageId?: string;
  /** Purpose code. */
  purpose: string;
  /** Idempotency key for writes; bound into the signature as `hub.idem`. */
  idempotencyKey?: string;
  /** The member's signing key, or a signer holding it. */
  key: SigningKey | Signer;
  /** Clock, milliseconds since the epoch. @defaultValue Date.now() */
  now?: number;
}

export interface SignedRequest {
  /** Headers to send: X-Hub-Client, X-Hub-Message-Id, X-Hub-Purpose, Hub-Signature, Idempotency-Key. */
  headers: Record<string, string>;
  /** base64url(SHA-256(signing input)); the hub's response must carry the same value. */
  requestHash: string;
  messageId: string;
}

const METHOD_PATTERN = /^[A-Z]{1,16}$/;
const PATH_PATTERN = /^\/[\x21-\x7e]*$/;
const signers = new WeakMap<SigningKey, Signer>();

function signerOf(key: SigningKey | Signer): Signer {
  if ('sign' in key) return key;
  let signer = signers.get(key);
  if (!signer) {
    signer = signerFromKey(key);
    signers.set(key, signer);
  }
  return signer;
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new TypeError(`signRequest: ${what} is not valid`);
}

/** Signs a request. Throws a TypeError for arguments that could never verify (a programming error). */
export function signRequest(options: SignRequestOptions): SignedRequest {
  const { method, path, client, purpose, idempotencyKey } = options;
  const body = options.body ?? Buffer.alloc(0);
  const messageId = options.messageId ?? randomUUID();
  check(METHOD_PATTERN.test(method), 'method');
  check(PATH_PATTERN.test(path), 'path');
  check(CLIENT_PATTERN.test(client), 'client');
  check(MESSAGE_ID_PATTERN.test(messageId), 'messageId');
  check(PURPOSE_PATTERN.test(purpose), 'purpose');
  if (idempotencyKey !== undefined) check(IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey), 'idempotencyKey');

  const signer = signerOf(options.key);
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const params: Array<readonly [string, string]> = [
    [PARAM.msgid, messageId],
    [PARAM.client, client],
    [PARAM.purpose, purpose],
    [PARAM.htm, method],
    [PARAM.htu, path],
  ];
  if (idempotencyKey !== undefined) params.push([PARAM.idem, idempotencyKey]);
  const headerB64 = encodeHeader(signer.alg, signer.kid, iat, params);
  const input = signingInput(headerB64, body);
  const signature = signer.sign(input);

  const headers: Record<string, string> = {
    [HEADER.client]: client,
    [HEADER.messageId]: messageId,
    [HEADER.purpose]: purpose,
    [HEADER.signature]: compactDetached(headerB64, signature),
  };
  if (idempotencyKey !== undefined) headers[HEADER.idempotencyKey] = idempotencyKey;
  return { headers, requestHash: requestHashOf(input), messageId };
}
