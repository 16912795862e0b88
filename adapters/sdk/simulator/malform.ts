/**
 * Turns a simulator's well-formed answer into a malformed one of a chosen kind, so every adapter is
 * tested against the same catalogue of bad answers: HTML error pages, wrong types, missing fields,
 * truncation, DOCTYPE/entity attacks, huge bodies, invalid UTF-8 and TCVN3-encoded text.
 */
import { encodeTcvn3 } from '../../../contracts/validators/legacy-encoding';
import type { MalformedKind } from './faults';

export interface RawAnswer {
  status: number;
  contentType: string;
  body: Buffer;
}

/** Same shape, wrong types: strings become numbers, numbers strings, objects arrays. */
export function wrongTypes(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return depth % 2 ? 12345 : { unexpected: value.length };
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 0;
  if (Array.isArray(value))
    return value.length ? { items: value.map((v) => wrongTypes(v, depth + 1)) } : 'none';
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wrongTypes(v, depth + 1)]));
  }
  return value;
}

/** Drops every other key, recursively. */
export function missingFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(missingFields);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter((_, i) => i % 2 === 1);
    return Object.fromEntries(entries.map(([k, v]) => [k, missingFields(v)]));
  }
  return value;
}

/** Every string re-encoded as TCVN3 (as a legacy system reading its bytes as Latin-1 would send it). */
export function tcvn3Strings(value: unknown): unknown {
  if (typeof value === 'string') return encodeTcvn3(value);
  if (Array.isArray(value)) return value.map(tcvn3Strings);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tcvn3Strings(v)]));
  }
  return value;
}

const HTML_PAGE = Buffer.from(
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>nginx</p></body></html>',
);

export const XXE_PROLOGUE = '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';
export const BILLION_LAUGHS =
  '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>';

/**
 * Applies `kind` to an answer. `payload` is the structured answer before serialisation (for kinds that
 * change content); `serialise` turns a payload into bytes in the simulator's dialect.
 */
export function malform(
  kind: MalformedKind,
  answer: RawAnswer,
  payload: unknown,
  serialise: (p: unknown) => Buffer,
  isXml: boolean,
): RawAnswer {
  switch (kind) {
    case 'html':
      return { status: 200, contentType: 'text/html; charset=utf-8', body: HTML_PAGE };
    case 'wrong-types':
      return { ...answer, body: serialise(wrongTypes(payload)) };
    case 'missing-fields':
      return { ...answer, body: serialise(missingFields(payload)) };
    case 'truncated':
      return { ...answer, body: answer.body.subarray(0, Math.max(1, Math.floor(answer.body.length / 2))) };
    case 'doctype': {
      const text = answer.body.toString('utf8').replace(/^<\?xml[^>]*\?>/, '');
      return { ...answer, body: Buffer.from(isXml ? XXE_PROLOGUE + text : XXE_PROLOGUE + '<x>&xxe;</x>') };
    }
    case 'entity-bomb':
      return { ...answer, body: Buffer.from(BILLION_LAUGHS) };
    case 'huge': {
      const pad = 10 * 1024 * 1024;
      const body = isXml
        ? Buffer.concat([
            Buffer.from('<?xml version="1.0"?><big>'),
            Buffer.alloc(pad, 'a'),
            Buffer.from('</big>'),
          ])
        : Buffer.concat([Buffer.from('{"padding":"'), Buffer.alloc(pad, 'a'), Buffer.from('"}')]);
      return { ...answer, body };
    }
    case 'invalid-utf8': {
      const b = Buffer.from(answer.body);
      const at = Math.floor(b.length / 2);
      return {
        ...answer,
        body: Buffer.concat([b.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff]), b.subarray(at)]),
      };
    }
    case 'tcvn3':
      return { ...answer, body: serialise(tcvn3Strings(payload)) };
  }
}
