/**
 * Test helper: signs a request as a member's system would, without the client library's own checks, and
 * optionally rewrites the protected header's JSON before it is signed — so a test can send what a careless
 * or hostile signer would (a purpose like `toString`, a negative iat, a duplicate member, an odd `crit`)
 * and see what the hub's own checks make of it.
 */
import { randomUUID, type KeyObject } from 'node:crypto';
import { compactDetached, requestHash, signerFromKey, signingInput, type JwsAlg } from '../../hub/protocol';

export interface RawSignOptions {
  key: { privateKey: KeyObject; kid: string; alg: JwsAlg };
  method: string;
  /** The request target as signed (`hub.htu`). */
  path: string;
  body?: Buffer;
  client: string;
  purpose: string;
  messageId?: string;
  idempotencyKey?: string;
  /** Seconds since the epoch. @defaultValue now */
  iat?: number;
  /** Rewrites the protected header's JSON text before it is encoded and signed. */
  header?: (json: string) => string;
}

export function signRaw(o: RawSignOptions): {
  headers: Record<string, string>;
  requestHash: string;
  messageId: string;
} {
  const signer = signerFromKey({ kid: o.key.kid, alg: o.key.alg, privateKey: o.key.privateKey });
  const messageId = o.messageId ?? randomUUID();
  const members: Record<string, unknown> = {
    alg: signer.alg,
    kid: signer.kid,
    b64: false,
    crit: ['b64'],
    iat: o.iat ?? Math.floor(Date.now() / 1000),
    'hub.msgid': messageId,
    'hub.client': o.client,
    'hub.purpose': o.purpose,
    'hub.htm': o.method,
    'hub.htu': o.path,
    ...(o.idempotencyKey !== undefined ? { 'hub.idem': o.idempotencyKey } : {}),
  };
  const json = JSON.stringify(members);
  const headerB64 = Buffer.from(o.header ? o.header(json) : json, 'utf8').toString('base64url');
  const body = o.body ?? Buffer.alloc(0);
  const headers: Record<string, string> = {
    'X-Hub-Client': o.client,
    'X-Hub-Message-Id': messageId,
    'X-Hub-Purpose': o.purpose,
    'Hub-Signature': compactDetached(headerB64, signer.sign(signingInput(headerB64, body))),
    ...(o.idempotencyKey !== undefined ? { 'Idempotency-Key': o.idempotencyKey } : {}),
  };
  return { headers, requestHash: requestHash(headerB64, body), messageId };
}
