/**
 * WS-Security UsernameToken (OASIS Web Services Security UsernameToken Profile 1.1) for SOAP upstreams:
 * a `wsse:Security` header block with the user name and either the password itself (PasswordText, only
 * over TLS) or its digest Base64(SHA-1(nonce + created + password)) with a fresh nonce and creation time
 * (PasswordDigest). `checkUsernameToken` is the receiving side, used by the simulators: it verifies the
 * digest, the freshness of `Created` and that a nonce is not used twice.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readSecret, type SecretRef } from './secret';
import type { UpstreamAuth } from './types';

export const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
export const WSU_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const PROFILE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0';
export const PASSWORD_TEXT = `${PROFILE}#PasswordText`;
export const PASSWORD_DIGEST = `${PROFILE}#PasswordDigest`;
const BASE64_BINARY =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

export const passwordDigest = (nonce: Buffer, created: string, password: string): string =>
  createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')]))
    .digest('base64');

export function wsSecurityAuth(
  upstream: string,
  username: string | undefined,
  password: SecretRef | undefined,
  passwordType: 'text' | 'digest' = 'digest',
  now: () => number = Date.now,
): UpstreamAuth {
  return {
    kind: 'ws-security',
    async headers() {
      return {};
    },
    refused() {
      return false;
    },
    soapHeader() {
      const user = readSecret(upstream, username, 'auth.username');
      const secret = readSecret(upstream, password, 'auth.password');
      const token: Record<string, unknown> = { 'wsse:Username': user };
      if (passwordType === 'text') {
        token['wsse:Password'] = { $: { Type: PASSWORD_TEXT }, _: secret };
      } else {
        const nonce = randomBytes(16);
        const created = new Date(now()).toISOString();
        token['wsse:Password'] = { $: { Type: PASSWORD_DIGEST }, _: passwordDigest(nonce, created, secret) };
        token['wsse:Nonce'] = { $: { EncodingType: BASE64_BINARY }, _: nonce.toString('base64') };
        token['wsu:Created'] = created;
      }
      return {
        'wsse:Security': {
          $: { 'xmlns:wsse': WSSE_NS, 'xmlns:wsu': WSU_NS, 'soap:mustUnderstand': '1' },
          'wsse:UsernameToken': token,
        },
      };
    },
  };
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof asObj(v)?._ === 'string' ? (asObj(v)!._ as string) : undefined;

export interface UsernameTokenCheck {
  /** The password of a user, or undefined for an unknown user. */
  password(user: string): string | undefined;
  /** Nonces seen (the caller keeps and clears this set). */
  seenNonces: Set<string>;
  /** Largest age of `Created`. @defaultValue 300000 */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * Checks the UsernameToken of a parsed SOAP Header (xml2js form, prefixes stripped). Returns the user, or
 * why the token is refused.
 */
export function checkUsernameToken(
  header: unknown,
  c: UsernameTokenCheck,
): { ok: true; user: string } | { ok: false; reason: string } {
  const token = asObj(asObj(asObj(header)?.Security)?.UsernameToken);
  if (!token) return { ok: false, reason: 'no wsse:UsernameToken' };
  const user = text(token.Username);
  const pw =
    asObj(token.Password) ?? (typeof token.Password === 'string' ? { _: token.Password } : undefined);
  if (!user || !pw) return { ok: false, reason: 'UsernameToken without a user name or password' };
  const expected = c.password(user);
  if (expected === undefined) return { ok: false, reason: 'unknown user' };
  const type = String(asObj(pw.$)?.Type ?? PASSWORD_TEXT);
  const given = text(pw) ?? '';
  const same = (a: string, b: string) =>
    a.length === b.length && timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  if (type === PASSWORD_TEXT)
    return same(given, expected) ? { ok: true, user } : { ok: false, reason: 'wrong password' };
  if (type !== PASSWORD_DIGEST) return { ok: false, reason: 'unsupported password type' };
  const nonce = text(token.Nonce);
  const created = text(token.Created);
  if (!nonce || !created) return { ok: false, reason: 'a digest needs a Nonce and Created' };
  const at = Date.parse(created);
  const now = (c.now ?? Date.now)();
  if (!Number.isFinite(at) || Math.abs(now - at) > (c.maxAgeMs ?? 300_000))
    return { ok: false, reason: 'Created is not fresh' };
  if (c.seenNonces.has(nonce)) return { ok: false, reason: 'nonce already used' };
  if (!same(given, passwordDigest(Buffer.from(nonce, 'base64'), created, expected)))
    return { ok: false, reason: 'wrong password' };
  c.seenNonces.add(nonce);
  return { ok: true, user };
}
