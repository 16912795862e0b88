/**
 * JWS with a detached, unencoded payload (RFC 7515 + RFC 7797) in the compact detached form
 * `<b64url(header)>..<b64url(signature)>`: building the protected header, the signing input
 * `<b64url(header)>.<body bytes>`, the request hash, and strict parsing of a received value.
 */
import { hash } from 'node:crypto';
import { isJwsAlg, MAX_RSA_BITS, type JwsAlg } from './algorithms';
import { iJsonProblem } from './i-json';

/** The hub's own protected-header parameters. */
export const PARAM = {
  msgid: 'hub.msgid',
  client: 'hub.client',
  purpose: 'hub.purpose',
  htm: 'hub.htm',
  htu: 'hub.htu',
  idem: 'hub.idem',
  reqhash: 'hub.reqhash',
  status: 'hub.status',
} as const;

/**
 * What `crit` may list (RFC 7515 §4.1.11): `b64`, which it MUST list, and the hub's own parameters; each
 * listed name MUST be present in the header, once. Registered names (alg, kid, iat …) MUST NOT be listed.
 */
const UNDERSTOOD_CRIT = new Set<string>(['b64', ...Object.values(PARAM)]);
const B64URL = /^[A-Za-z0-9_-]+$/;
/** Longest base64url protected header accepted (characters), so a hostile header costs nothing to refuse. */
export const MAX_HEADER_B64 = 4096;
/** Longest kid accepted (characters); the hub's kids are 43. */
export const MAX_KID_CHARS = 256;
/** Longest base64url signature accepted: an RSA-8192 signature (1,024 bytes). */
export const MAX_SIGNATURE_B64 = Math.ceil(((MAX_RSA_BITS / 8) * 4) / 3);

/** A parsed protected header: the registered members checked, everything else in `params`. */
export interface JwsHeader {
  alg: JwsAlg;
  kid: string;
  iat: number;
  params: Readonly<Record<string, unknown>>;
}

export type ParsedJws =
  | { ok: true; headerB64: string; header: JwsHeader; signature: Buffer }
  | { ok: false; reason: string; headerB64?: string };

/** Static start of a header per (alg, kid): `{"alg":…,"kid":…,"b64":false,"crit":["b64"],"iat":`. */
const prefixCache = new Map<string, string>();
const PREFIX_CACHE_MAX = 1024;

function headerPrefix(alg: JwsAlg, kid: string): string {
  const cacheKey = `${alg} ${kid}`;
  let prefix = prefixCache.get(cacheKey);
  if (prefix === undefined) {
    prefix = `{"alg":${JSON.stringify(alg)},"kid":${JSON.stringify(kid)},"b64":false,"crit":["b64"],"iat":`;
    if (prefixCache.size >= PREFIX_CACHE_MAX) prefixCache.clear();
    prefixCache.set(cacheKey, prefix);
  }
  return prefix;
}

/**
 * Encodes a protected header: alg, kid, b64=false, crit=["b64"], iat, then `params` in the given order.
 * Returns base64url of the UTF-8 JSON.
 */
export function encodeHeader(
  alg: JwsAlg,
  kid: string,
  iat: number,
  params: ReadonlyArray<readonly [string, string | number]>,
): string {
  let json = headerPrefix(alg, kid) + String(iat);
  for (const [name, value] of params) json += `,${JSON.stringify(name)}:${JSON.stringify(value)}`;
  return Buffer.from(json + '}', 'utf8').toString('base64url');
}

/** The JWS signing input for an unencoded payload: ASCII(b64url(header)) || '.' || body. */
export function signingInput(headerB64: string, body: Buffer): Buffer {
  const prefix = Buffer.from(headerB64 + '.', 'latin1');
  return body.length === 0 ? prefix : Buffer.concat([prefix, body], prefix.length + body.length);
}

/** base64url(SHA-256(signing input)): binds a response to the exact request it answers. */
export function requestHash(headerB64: string, body: Buffer): string {
  return requestHashOf(signingInput(headerB64, body));
}

/** The request hash of a signing input already built. */
export function requestHashOf(input: Buffer): string {
  return hash('sha256', input, 'base64url');
}

/** The compact detached serialisation. */
export function compactDetached(headerB64: string, signature: Buffer): string {
  return `${headerB64}..${signature.toString('base64url')}`;
}

function isB64url(s: string, max: number): boolean {
  return s.length > 0 && s.length <= max && s.length % 4 !== 1 && B64URL.test(s);
}

/**
 * Parses `<header>..<signature>` and checks the header: a JSON object with `b64: false`, a `crit` that
 * names `b64` and nothing this protocol does not understand, a supported `alg`, a `kid` and an integer `iat`.
 */
export function parseDetachedJws(value: string): ParsedJws {
  const dot = value.indexOf('..');
  if (dot < 0) return { ok: false, reason: 'not a compact detached JWS (<header>..<signature>)' };
  const headerB64 = value.slice(0, dot);
  const sigB64 = value.slice(dot + 2);
  if (headerB64.length > MAX_HEADER_B64)
    return { ok: false, reason: `protected header is longer than ${MAX_HEADER_B64} characters` };
  if (!isB64url(headerB64, MAX_HEADER_B64)) return { ok: false, reason: 'protected header is not base64url' };
  if (sigB64.length > MAX_SIGNATURE_B64)
    return {
      ok: false,
      reason: `signature is longer than ${MAX_SIGNATURE_B64} characters (RSA keys over ${MAX_RSA_BITS} bits are not supported)`,
      headerB64,
    };
  if (!isB64url(sigB64, MAX_SIGNATURE_B64))
    return { ok: false, reason: 'signature is not base64url', headerB64 };
  let raw: unknown;
  const text = Buffer.from(headerB64, 'base64url').toString('utf8');
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'protected header is not JSON', headerB64 };
  }
  const dup = iJsonProblem(text, 4);
  if (dup) {
    const reason =
      dup.kind === 'duplicate'
        ? `protected header has member ${JSON.stringify(dup.name.slice(0, 40))} twice (I-JSON, RFC 7493)`
        : dup.kind === 'forbidden'
          ? 'protected header has a member named "__proto__"'
          : 'protected header is nested too deep';
    return { ok: false, reason, headerB64 };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: 'protected header is not a JSON object', headerB64 };
  }
  const h = raw as Record<string, unknown>;
  const problem = headerProblem(h);
  if (problem) return { ok: false, reason: problem, headerB64 };
  const header: JwsHeader = { alg: h.alg as JwsAlg, kid: h.kid as string, iat: h.iat as number, params: h };
  return { ok: true, headerB64, header, signature: Buffer.from(sigB64, 'base64url') };
}

function headerProblem(h: Record<string, unknown>): string | undefined {
  if (h.b64 !== false) return 'b64 must be false (unencoded payload, RFC 7797)';
  const crit = h.crit;
  if (!Array.isArray(crit) || !crit.includes('b64')) return 'crit must name b64';
  if (new Set(crit).size !== crit.length) return 'crit has duplicates';
  for (const name of crit) {
    if (typeof name !== 'string' || !UNDERSTOOD_CRIT.has(name)) return `crit names an unknown extension`;
    if (!(name in h)) return `crit names ${name}, which the header lacks`;
  }
  if (!isJwsAlg(h.alg)) return 'alg is not ES256, EdDSA, RS256 or PS256';
  if (typeof h.kid !== 'string' || h.kid.length === 0 || h.kid.length > MAX_KID_CHARS)
    return 'kid is missing';
  // A negative iat is well formed, and far outside any window: SIGNATURE_STALE, not a malformed header.
  if (typeof h.iat !== 'number' || !Number.isSafeInteger(h.iat)) return 'iat must be an integer';
  return undefined;
}
