/**
 * The one definition of what the audit chain hashes: canonical JSON and the chain hash.
 *
 * Canonical JSON: object members sorted by key (UTF-16 code unit order), no whitespace, members whose
 * value is `undefined` left out, strings and numbers as JSON.stringify writes them. For the values an
 * audit line holds (strings, finite numbers, booleans, null, arrays, plain objects) this is the JSON
 * Canonicalization Scheme, RFC 8785, so a verifier in another language can reproduce it.
 */
import { createHash } from 'node:crypto';
import type { AuditLine } from './types';

/** `prev` of the first line of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Serialises a JSON value canonically (RFC 8785 for the values audit lines hold). On the hot path: keep it lean. */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          out += (i > 0 ? ',' : '') + (value[i] === undefined ? 'null' : canonicalJson(value[i]));
        }
        return out + ']';
      }
      const obj = value as Record<string, unknown>;
      let out = '{';
      for (const key of Object.keys(obj).sort()) {
        if (obj[key] !== undefined)
          out += (out.length > 1 ? ',' : '') + JSON.stringify(key) + ':' + canonicalJson(obj[key]);
      }
      return out + '}';
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not a JSON value`);
  }
}

/** SHA-256 (hex) of the previous hash's 32 bytes followed by the UTF-8 bytes of `canonicalBody`. */
export function chainHash(prev: string, canonicalBody: string): string {
  return createHash('sha256').update(Buffer.from(prev, 'hex')).update(canonicalBody, 'utf8').digest('hex');
}

/**
 * The text of a line: the canonical JSON of the line without `hash`, with `"hash":"…"` appended as the
 * last member, and a newline. So the bytes before `,"hash"` plus `}` are exactly what the hash covers.
 */
export function lineText(canonicalBody: string, hash: string): string {
  return `${canonicalBody.slice(0, -1)},"hash":"${hash}"}\n`;
}

/** The hash a line should carry: chainHash(prev, canonical JSON of the line without `hash`). */
export function lineHash(line: Omit<AuditLine, 'hash'> & { hash?: string }): string {
  const { hash: _hash, ...body } = line;
  return chainHash(line.prev, canonicalJson(body));
}

/** True for a 64-digit lowercase hex string (a SHA-256 or HMAC-SHA256 in hex). */
export function isHex64(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}
