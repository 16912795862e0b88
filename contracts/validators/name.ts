/**
 * Personal names: normalisation on ingest, a search key, and a comparison key for matching records.
 *
 * normaliseName converts legacy TCVN3 / VNI text, applies NFC, removes zero-width characters and collapses
 * whitespace; it never changes letter case, never rewrites i/y and never moves tone marks, because the
 * spelling of a name is the person's. Matching across spellings is the job of the keys:
 * - nameSearchKey drops every mark ("Đặng Thùy Dương" → "dang thuy duong"), for search;
 * - nameComparisonKey ignores case and where the tone mark sits ("Hoà" = "Hòa", "Thuỷ" = "Thủy") but keeps
 *   tones and vowel letters apart ("Hà" ≠ "Hạ" ≠ "Ha", "Tơ" ≠ "Tô"), for deciding that two names are the same.
 *
 * normaliseName is on the ingest hot path: the common case (a clean NFC name in Latin / Vietnamese letters)
 * takes table lookups only, and the regular expressions and NFD run for everything else.
 */
import { invalid, valid, type Result } from './result';
import { decodeTcvn3, decodeVni, detectLegacyEncoding, type TextEncoding } from './legacy-encoding';
import { NAME_SYLLABLES } from './name-syllables';

export interface NormalisedName {
  value: string;
  searchKey: string;
  encoding: TextEncoding;
  changed: boolean;
}

const DEFAULT_MAX_LENGTH = 100;
/** Inputs longer than this many times the limit are refused before any work (whitespace could shrink them). */
const RAW_LENGTH_FACTOR = 8;

const APOSTROPHES = /[\u2018\u2019\u02bc]/g;
const HYPHENS = /[\u2010\u2011]/g;
/** Zero-width space / non-joiner / joiner, word joiner, BOM. The soft hyphen is handled apart: TCVN3's ư. */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
const SOFT_HYPHEN = /\u00ad/g;
/** JavaScript's \s: ASCII whitespace, NBSP, the Unicode space separators, line and paragraph separators. */
const WHITESPACE = /\s+/g;
const LETTER = /^\p{L}$/u;
const MARK = /^\p{M}$/u;
const MARKS = /\p{M}/gu;
const D_STROKE = /đ/g;
const NAME_WORD = /[\p{L}\p{M}]+/gu;
const VISIBLE = /^[\p{L}\p{N}\p{P}\p{S}]$/u;

/**
 * Whether clean() would change a string; false only for a single-spaced, trimmed string of characters below
 * U+0300 or in Latin Extended Additional (where NFC changes nothing) without apostrophe or whitespace variants.
 */
function needsCleaning(s: string): boolean {
  const last = s.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20) {
      if (i === 0 || i === last || s.charCodeAt(i - 1) === 0x20) return true;
    } else if ((c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x2bc) return true;
    else if (c >= 0x300 && (c < 0x1e00 || c > 0x1eff)) return true;
  }
  return false;
}

/** Apostrophes and hyphens to ASCII, zero-width characters removed, whitespace collapsed and trimmed, NFC. */
function clean(s: string): string {
  if (!needsCleaning(s)) return s;
  return s
    .replace(APOSTROPHES, "'")
    .replace(HYPHENS, '-')
    .replace(ZERO_WIDTH, '')
    .replace(WHITESPACE, ' ')
    .trim()
    .normalize('NFC');
}

const finalise = (s: string): string => clean(s.replace(SOFT_HYPHEN, ''));

/** Names are decided with the name syllables where syllable structure cannot ('Thò' is VNI for 'Thị'). */
const NAME_HINT = { lexicon: NAME_SYLLABLES };

/**
 * The Unicode value of a cleaned string. A legacy decoding is kept only when its result reads as Unicode, so
 * that normalising a value again changes nothing; soft hyphens are removed only after detection has seen them.
 * `mixed` marks legacy-looking text that no single decoding turns into Unicode (words of both encodings).
 */
function resolve(s: string): { value: string; encoding: TextEncoding; mixed: boolean } {
  const encoding = detectLegacyEncoding(s, NAME_HINT);
  if (encoding !== 'unicode') {
    const decoded = finalise(encoding === 'tcvn3' ? decodeTcvn3(s) : decodeVni(s));
    if (detectLegacyEncoding(decoded, NAME_HINT) === 'unicode')
      return { value: decoded, encoding, mixed: false };
  }
  const plain = s.includes('\u00ad') ? finalise(s) : s;
  if (plain !== s) return resolve(plain);
  return { value: s, encoding: 'unicode', mixed: encoding !== 'unicode' };
}

/** Latin-1 Vietnamese letters; other characters of U+0080–U+00FF in a name come from legacy encodings. */
const LATIN1_VIETNAMESE = 'ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý';
const legacyChars = (value: string): string[] => {
  const found = [...value].filter(
    (ch) => ch >= '\u0080' && ch <= '\u00ff' && !LATIN1_VIETNAMESE.includes(ch),
  );
  return found.length > 0 ? found : [...value].filter((ch) => ch >= '\u0080');
};

/** NFD, lower case, marks stripped, đ → d, NFC: the search key of one clean string. */
const slowFold = (s: string): string =>
  s.normalize('NFD').toLowerCase().replace(MARKS, '').replace(D_STROKE, 'd').normalize('NFC');

/** slowFold of every letter of Latin-1, Latin Extended-A/B and Latin Extended Additional (Vietnamese). */
const FOLD = new Map<string, string>();
for (const [from, to] of [
  [0xc0, 0x24f],
  [0x1e00, 0x1eff],
]) {
  for (let c = from; c <= to; c++) {
    const ch = String.fromCharCode(c);
    if (LETTER.test(ch)) FOLD.set(ch, slowFold(ch));
  }
}

/** slowFold, letter by letter from the table when every character is in it. */
function fold(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      out += c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 0x20) : s[i];
      continue;
    }
    const folded = FOLD.get(s[i]);
    if (folded === undefined) return slowFold(s);
    out += folded;
  }
  return out;
}

/** 1 letter, 2 space or allowed punctuation, 3 combining mark, 0 anything else. */
function charClass(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c < 0x80) {
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) return 1;
    return c === 0x20 || c === 0x27 || c === 0x2d || c === 0x2e ? 2 : 0;
  }
  if (FOLD.has(ch) || LETTER.test(ch)) return 1;
  return MARK.test(ch) ? 3 : 0;
}

/** One pass over a value: disallowed characters (and marks that follow no letter), letters, length. */
function scan(value: string): { bad: string[]; letters: boolean; length: number } {
  const bad: string[] = [];
  let letters = false;
  let length = 0;
  let prev = 2;
  for (const ch of value) {
    length++;
    const k = charClass(ch);
    if (k === 0 || (k === 3 && prev !== 1 && prev !== 3)) bad.push(ch);
    letters ||= k === 1;
    prev = k === 3 && prev !== 1 && prev !== 3 ? 0 : k;
  }
  return { bad, letters, length };
}

/** The characters a name may not contain, each once; invisible ones as U+XXXX. */
const describeChars = (chars: string[]): string =>
  [...new Set(chars)]
    .map((ch) =>
      VISIBLE.test(ch) ? ch : `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
    )
    .join(' ');

/**
 * NFC, legacy encodings converted, whitespace trimmed and collapsed to single spaces (incl. NBSP, tabs,
 * zero-width); letters (any script's letters with their combining marks), spaces, hyphen, apostrophe (’
 * normalised to ') and period allowed; digits and other symbols rejected with NAME_CHARACTERS; max 100
 * characters (code points). Never changes letter case; never rewrites i/y; never moves tone marks. Never
 * throws, for any input (non-strings → FIELD_TYPE).
 *
 * Codes: FIELD_TYPE, NAME_EMPTY (nothing left, or no letter at all), NAME_CHARACTERS (also for legacy text that
 * mixes TCVN3 and VNI words, which no single conversion repairs: the context lists its legacy characters),
 * FIELD_TOO_LONG (also for raw input more than 8 times the limit, refused before normalising).
 */
export function normaliseName(input: unknown, opts?: { maxLength?: number }): Result<NormalisedName> {
  if (typeof input !== 'string') return invalid('FIELD_TYPE', { expected: 'string' });
  const requested = opts?.maxLength;
  const limit =
    typeof requested === 'number' && Number.isInteger(requested) && requested > 0
      ? requested
      : DEFAULT_MAX_LENGTH;
  if (input.length > limit * RAW_LENGTH_FACTOR) return invalid('FIELD_TOO_LONG', { limit });

  const { value, encoding, mixed } = resolve(clean(input));
  if (value === '') return invalid('NAME_EMPTY');
  const { bad, letters, length } = scan(value);
  if (bad.length > 0 || mixed)
    return invalid('NAME_CHARACTERS', { chars: describeChars(mixed ? legacyChars(value) : bad) });
  if (!letters) return invalid('NAME_EMPTY');
  if (length > limit) return invalid('FIELD_TOO_LONG', { limit });
  return valid({ value, searchKey: fold(value), encoding, changed: value !== input });
}

/**
 * Search key: NFD, strip combining marks, đ→d, Đ→D, lower-cased, single spaces.
 * "Đặng Thùy Dương" → "dang thuy duong".
 */
export function nameSearchKey(s: string): string {
  if (typeof s !== 'string') return '';
  return clean(fold(s).replace(SOFT_HYPHEN, ''));
}

/** NFD tone marks (sắc, huyền, hỏi, ngã, nặng) → tag appended to the word. */
const TONE_TAGS: Record<string, string> = {
  '\u0301': '1',
  '\u0300': '2',
  '\u0309': '3',
  '\u0303': '4',
  '\u0323': '5',
};
const isCombining = (ch: string): boolean => ch >= '\u0300' && ch <= '\u036f';

/**
 * One word of an NFD, lower-case name: its single tone mark, if it sits on a vowel, is taken out and appended
 * as ":1"–":5". Words with no tone mark, or several (not Vietnamese), are kept as written.
 */
function toneKey(word: string): string {
  let rest = '';
  let tag = '';
  let tones = 0;
  let base = '';
  for (const ch of word) {
    const t = TONE_TAGS[ch];
    if (t !== undefined && base !== '' && 'aeiouy'.includes(base)) {
      tones++;
      tag = t;
      continue;
    }
    rest += ch;
    if (!isCombining(ch)) base = ch;
  }
  return tones === 1 ? `${rest}:${tag}` : word;
}

/**
 * Comparison key that treats old and new tone placement as equal ("Hoà" = "Hòa", "Thuỷ" = "Thủy", "khoẻ" =
 * "khỏe"), case-insensitive, but keeps vowel quality marks (â, ă, ê, ô, ơ, ư, đ are distinct letters: "Hà" ≠
 * "Hạ" ≠ "Ha", "Tơ" ≠ "Tô"). Per word, the tone mark is taken out (U+0300, U+0301, U+0303, U+0309, U+0323 in
 * NFD) and appended as a tone tag.
 */
export function nameComparisonKey(s: string): string {
  if (typeof s !== 'string') return '';
  return clean(s).normalize('NFD').toLowerCase().replace(NAME_WORD, toneKey).normalize('NFC');
}

export function namesEqual(a: string, b: string): boolean {
  return typeof a === 'string' && typeof b === 'string' && nameComparisonKey(a) === nameComparisonKey(b);
}
