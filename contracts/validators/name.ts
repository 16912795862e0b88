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
import { syllable } from './syllable';

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
/** Zero-width non-joiner / joiner, word joiner, BOM. The soft hyphen is handled apart: TCVN3's ư. */
const ZERO_WIDTH = /\u200c|\u200d|\u2060|\ufeff/g;
/** A zero-width space and the letters either side of it. */
const ZWSP = /([\p{L}\p{M}]*)\u200b([\p{L}\p{M}]*)/gu;
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
    .replace(ZWSP, wordBreak)
    .replace(APOSTROPHES, "'")
    .replace(HYPHENS, '-')
    .replace(ZERO_WIDTH, '')
    .replace(WHITESPACE, ' ')
    .trim()
    .normalize('NFC');
}

/**
 * A zero-width space marks a word boundary: it becomes a space between two words ('Lê\u200bVăn' → 'Lê Văn':
 * a lower-case letter before a capital, or two syllables that together are none), and is dropped inside a
 * word ('Ng\u200buyễn').
 */
function wordBreak(_: string, left: string, right: string): string {
  if (!left || !right) return left + right;
  const l = left.normalize('NFC');
  const r = right.normalize('NFC');
  const lower = l.slice(-1) !== l.slice(-1).toUpperCase();
  const upper = r[0] !== r[0].toLowerCase();
  const words =
    syllable(l.toLowerCase()) > 0 && syllable(r.toLowerCase()) > 0 && syllable((l + r).toLowerCase()) === 0;
  return (lower && upper) || words ? `${left} ${right}` : left + right;
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

const ETH = /[\u00d0\u00f0]/;
const ETH_WORD = /[\p{L}\p{M}]*[\u00d0\u00f0][\p{L}\p{M}]*/gu;
/**
 * Ð (U+00D0) and ð are what Vietnamese text in CP1258 read as Latin-1 gives for Đ and đ, and Ð looks exactly
 * like Đ: in a word that then is a Vietnamese syllable ('Ðặng'), they are Đ and đ. Elsewhere (Icelandic
 * 'Guðrún') they stay.
 */
function ethToDStroke(word: string): string {
  const d = word.replace(/\u00d0/g, 'Đ').replace(/\u00f0/g, 'đ');
  return syllable(d.toLowerCase()) > 0 ? d : word;
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

const COMBINING = /[\u0300-\u036f]/;
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/;
const VOWEL_MARKS = /[\u0302\u0306\u031b]/;
/**
 * Marks NFC could not compose, stacked on a Latin letter that already has one of their kind: a second tone
 * ('Nguyễ́n') or a second vowel mark. Vietnamese writes at most one of each on a vowel.
 */
function stackedMarks(value: string): string[] {
  if (!COMBINING.test(value)) return [];
  const extra: string[] = [];
  let tones = 0;
  let vowelMarks = 0;
  for (const ch of value.normalize('NFD')) {
    if (TONES.test(ch)) {
      if (++tones > 1) extra.push(ch);
    } else if (VOWEL_MARKS.test(ch)) {
      if (++vowelMarks > 1) extra.push(ch);
    } else if (!MARK.test(ch)) tones = vowelMarks = 0;
  }
  return extra;
}

/** Scripts a name may combine (UTS #39 "highly restrictive"): Latin with Han and Japanese kana, or Hangul. */
const SCRIPTS: [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Hangul', /\p{Script=Hangul}/u],
];
const ALLOWED_TOGETHER = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Hangul']),
];
/** Letters beyond Latin-1, Latin Extended-A/B and Latin Extended Additional: the only ones to look at. */
const NON_LATIN = /[^\u0020-\u024f\u1e00-\u1eff]/;

/**
 * Letters of a script other than the name's main one when the name mixes scripts that no writing system
 * mixes — look-alikes such as the Cyrillic а in 'Nguyễn Vаn A'. The main script is the one most letters
 * are in (Latin on a tie).
 */
function otherScripts(value: string): string[] {
  if (!NON_LATIN.test(value)) return [];
  const byScript = new Map<string, string[]>();
  for (const ch of value) {
    if (!LETTER.test(ch)) continue;
    const script = SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? 'other';
    byScript.set(script, [...(byScript.get(script) ?? []), ch]);
  }
  const scripts = [...byScript.keys()];
  if (scripts.length < 2 || ALLOWED_TOGETHER.some((set) => scripts.every((x) => set.has(x)))) return [];
  const main = scripts.reduce((a, b) =>
    byScript.get(b)!.length > byScript.get(a)!.length ||
    (byScript.get(b)!.length === byScript.get(a)!.length && b === 'Latin')
      ? b
      : a,
  );
  return scripts.filter((x) => x !== main).flatMap((x) => byScript.get(x)!);
}

/** The characters a name may not contain, each once; invisible ones and look-alikes as U+XXXX. */
const describeChars = (chars: string[]): string =>
  [...new Set(chars)]
    .map((ch) =>
      VISIBLE.test(ch) && !MARK.test(ch) && !(LETTER.test(ch) && NON_LATIN.test(ch))
        ? ch
        : `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
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

  let resolved = resolve(clean(input));
  if (resolved.encoding === 'unicode' && ETH.test(resolved.value)) {
    // Ð → Đ first, then judged again: the Đ may be what shows the rest to be legacy text.
    const mapped = resolved.value.replace(ETH_WORD, ethToDStroke);
    if (mapped !== resolved.value) resolved = resolve(mapped);
  }
  const { value, encoding, mixed } = resolved;
  if (value === '') return invalid('NAME_EMPTY');
  const { bad, letters, length } = scan(value);
  bad.push(...stackedMarks(value), ...otherScripts(value));
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
