/**
 * The one check of the characters free text may hold, for every string of every contract (applied in
 * ../extensions.ts to `Joi.string()` and to each string type of the contracts): no control characters (C0
 * but tab, LF and CR; DEL; C1), nothing XML cannot carry (lone surrogates, U+FFFE, U+FFFF), no bidi
 * embeddings, overrides or isolates (U+202A–U+202E, U+2066–U+2069: "Trojan Source" text that reads one way
 * and is stored another), and no U+FFFD, the mark a decoder leaves where the bytes were not valid UTF-8.
 * Such text is refused, never silently cleaned: it reached us from a system that is broken or hostile.
 * (Legacy TCVN3/VNI text read byte by byte as Latin-1 holds C1 code points only for bytes that are not
 * letters — Windows quotes and dashes; such text is refused too, and must be sent as Unicode.)
 */
import { invalid, valid, type Result } from './result';

export type UnsafeKind = 'control' | 'not-xml' | 'bidi' | 'lone-surrogate' | 'replacement';

export interface UnsafeCharacter {
  /** UTF-16 index of the character in the text. */
  index: number;
  codePoint: number;
  kind: UnsafeKind;
}

/* eslint-disable no-control-regex */
const UNSAFE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFD\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** The same set, global, for removing them from text that is shown rather than validated. */
export const UNSAFE_CHARACTERS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFD\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/* eslint-enable no-control-regex */

function kindOf(code: number): UnsafeKind {
  if (code >= 0xd800 && code <= 0xdfff) return 'lone-surrogate';
  if (code === 0xfffd) return 'replacement';
  if (code === 0xfffe || code === 0xffff) return 'not-xml';
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return 'bidi';
  return 'control';
}

/** The first unsafe character of the text, if any. */
export function findUnsafeCharacter(text: string): UnsafeCharacter | undefined {
  const m = UNSAFE.exec(text);
  if (!m) return undefined;
  const codePoint = m[0].charCodeAt(0);
  return { index: m.index, codePoint, kind: kindOf(codePoint) };
}

const NAMES: Record<UnsafeKind, string> = {
  control: 'control character',
  'not-xml': 'not a character',
  bidi: 'bidirectional control',
  'lone-surrogate': 'lone surrogate',
  replacement: 'replacement character: the bytes were not UTF-8',
};

/** `U+202E (bidirectional control)` — how a refusal names the character, never the text around it. */
export const describeUnsafe = (u: UnsafeCharacter): string =>
  `U+${u.codePoint.toString(16).toUpperCase().padStart(4, '0')} (${NAMES[u.kind]})`;

/** The text itself, or TEXT_CHARACTERS naming the first character free text may not hold. */
export function checkText(text: string): Result<string> {
  const bad = findUnsafeCharacter(text);
  return bad ? invalid('TEXT_CHARACTERS', { character: describeUnsafe(bad) }) : valid(text);
}
