/**
 * Legacy Vietnamese font encodings, for adapters that receive text from pre-Unicode systems: detection of
 * TCVN3 / VNI text by Vietnamese syllable structure, and conversion to Unicode. The tables, decoders and
 * encoders are in ./legacy-codecs (re-exported here), the syllable structure in ./syllable.
 */
import {
  byteOf,
  bytesOf,
  CP1252_BYTE,
  decodeTcvn3,
  decodeVni,
  decodeVniUnits,
  TCVN3_DECODE,
  type TextEncoding,
} from './legacy-codecs';
import { CONSONANTS, syllable, syllables } from './syllable';

export {
  decodeTcvn3,
  decodeTcvn3Bytes,
  decodeVni,
  decodeVniBytes,
  encodeTcvn3,
  encodeVni,
  type TextEncoding,
} from './legacy-codecs';

// ---------------------------------------------------------------------------------------------------------
// Detection

/** Per Latin-1 character: 1 a Vietnamese letter, 2 never in Vietnamese text (symbols, foreign letters, C1). */
const LATIN1_CLASS = new Uint8Array(256);
LATIN1_CLASS.fill(2, 0x80);
LATIN1_CLASS[0xa0] = 0;
for (const ch of 'ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý') LATIN1_CLASS[ch.charCodeAt(0)] = 1;

/** 1 for the vowel letters of ASCII and Latin-1. */
const VOWEL_CODE = new Uint8Array(256);
for (const ch of 'aeiouyAEIOUY') VOWEL_CODE[ch.charCodeAt(0)] = 1;
VOWEL_CODE.forEach((_, c) => LATIN1_CLASS[c] === 1 && (VOWEL_CODE[c] = 1));
const isVowel = (c: number): boolean => c < 0x100 && VOWEL_CODE[c] === 1;
const isLower = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0xdf && c <= 0xff && c !== 0xf7);
const isUpper = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
/** Windows-1252's letters above U+00FF (Œ œ Š š Ž ž Ÿ ƒ). */
const CP1252_LETTERS = new Set([0x152, 0x153, 0x160, 0x161, 0x17d, 0x17e, 0x178, 0x192]);
/** Letters of a legacy reading: ASCII letters, every Latin-1 character from U+00A1 (TCVN3's ¨ © ª …), Œ etc. */
const isTokenChar = (c: number): boolean =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xa1 && c <= 0xff) || CP1252_LETTERS.has(c);

/**
 * Fast path: false when the text cannot be legacy (a character above U+00FF other than Windows-1252's) or
 * shows nothing a legacy reading would explain — no character that Vietnamese never uses, and no Vietnamese
 * Latin-1 letter right after a vowel (a VNI mark) or as a capital after a lower-case letter (TCVN3's ễ = Ô).
 */
function looksLegacy(text: string): boolean {
  let suspicious = false;
  let latin1Letters = false;
  let prev = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) {
      if (c > 0xff) {
        if (!CP1252_BYTE.has(c)) return false;
        suspicious = true;
      } else if (LATIN1_CLASS[c] === 2) suspicious = true;
      else if (LATIN1_CLASS[c] === 1) {
        if (isVowel(prev) || (isUpper(c) && isLower(prev))) suspicious = true;
        latin1Letters = true;
      }
    }
    prev = c;
  }
  return suspicious || (latin1Letters && oddLatin1Word(text));
}

const WORD = /[A-Za-z\u00c0-\u00ff]+/g;
/**
 * Whether a word with a Latin-1 letter is not a standard Vietnamese syllable: VNI's "Trònh" (Trịnh) and
 * TCVN3's "TÝn" (Tín), "Vâ" (Võ) use only Latin-1 letters that Vietnamese has too, in places it never does.
 */
function oddLatin1Word(text: string): boolean {
  for (const word of text.match(WORD) ?? []) {
    let wide = false;
    for (let i = 0; i < word.length && !wide; i++) wide = word.charCodeAt(i) >= 0xc0;
    if (wide && syllable(word.toLowerCase()) !== 2) return true;
  }
  return false;
}

/**
 * How a token reads as Unicode: 0 a plausible Vietnamese word; 1 not a syllable, but in capitals and Vietnamese
 * letters only (weak evidence: minority names such as "YÔNG" look like that); 2 impossible: a character
 * Vietnamese never uses, a Latin-1 capital after a lower-case letter or a capital after a Latin-1 lower-case one
 * (TCVN3's "NguyÔn", "PHóC"; ASCII capitals inside words are normal in minority names such as "SRó", "AYun"),
 * or a lower-case word that is no syllable.
 */
function unicodeGrade(token: string): number {
  let lower = false;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c > 0xff || LATIN1_CLASS[c] === 2) return 2;
    if (i > 0 && isUpper(c)) {
      const prev = token.charCodeAt(i - 1);
      if ((c >= 0xc0 && isLower(prev)) || prev >= 0xdf) return 2;
    }
    lower ||= isLower(c);
  }
  const s = syllable(token.toLowerCase());
  if (s === 2) return 0;
  if (s === 1) return RARE;
  return lower ? 2 : 1;
}

/** unicodeGrade of a rare syllable ("vâ", minority names): plausible, unless a reading makes it a common one. */
const RARE = 3;
/** Latin-1 symbols: no word of any language has them between its letters (TCVN3's £ ¬ « § ¨ for Ê ơ ô Đ ă). */
const hasSymbol = (token: string): boolean => /[\u00a1-\u00bf\u00d7\u00f7]/.test(token);

/**
 * Tokens a legacy reading turns from implausible into Vietnamese (fixes; `quality` sums their syllable() values,
 * to prefer common syllables over rare ones), and tokens still implausible after it (against).
 */
interface Tally {
  fixes: number;
  strongFixes: number;
  quality: number;
  against: number;
}
const tallyOf = (): Tally => ({ fixes: 0, strongFixes: 0, quality: 0, against: 0 });

/** Consonants only, as in the abbreviations HĐND, UBND, TP: neither evidence for a reading nor against it. */
function isAbbreviation(word: string): boolean {
  for (const ch of word) if (!CONSONANTS.has(ch)) return false;
  return true;
}

function tally(t: Tally, grade: number, token: string, decoded: string): void {
  const lower = decoded.toLowerCase();
  if (decoded !== token && isAbbreviation(lower)) return;
  let quality = decoded === token ? (grade === 0 || grade === RARE ? 2 : 0) : syllable(lower);
  // A clan name written as one word ("Êban", "Adrơng") from a token a symbol or a VNI mark made impossible, or
  // otherwise, neither reading is evidence (foreign words: "Søren" is no TCVN3 "Sứren").
  if (!quality && grade === 2 && syllables(lower)) {
    if (hasSymbol(token) || decoded.length < token.length) quality = 1;
    else return;
  }
  if (grade === RARE) {
    // A rare syllable is plausible as it is: a reading counts for it only by making it a common one ("Vâ" →
    // "Võ"), and against it only by breaking it.
    if (decoded === token || quality === 1) return;
    if (quality === 2) {
      t.fixes++;
      // Capitals are weak evidence, as for impossible tokens: "YÔNG" (a minority name) is no TCVN3 "YỄNG".
      if (/[a-z\u00df-\u00ff]/.test(token)) t.strongFixes++;
      t.quality += quality;
    } else t.against++;
    return;
  }
  if (!quality) t.against++;
  else if (grade > 0) {
    t.fixes++;
    t.quality += quality;
    // A weak token counts when the reading joined base letters and marks (VNI's "NGUYEÃN"): minority names
    // in capitals are not spelled with a vowel followed by a mark character.
    if (token.length >= 2 && (grade === 2 || decoded.length < token.length)) t.strongFixes++;
  }
}

/**
 * A reading wins with at least one strong fix of two or more characters, and fewer implausible tokens than
 * half its fixes (minority-language words are often not standard syllables).
 */
const wins = (t: Tally): boolean => t.strongFixes > 0 && t.against * 2 < t.fixes;

/** Positive when the TCVN3 reading is the better one, negative for VNI, 0 for a tie. */
const compare = (t: Tally, v: Tally): number =>
  t.fixes - t.against - (v.fixes - v.against) || t.quality - v.quality;

function mapTcvn3(token: string): string {
  let out = '';
  for (let i = 0; i < token.length; i++) {
    const b = byteOf(token.charCodeAt(i));
    out += b < 0 ? token[i] : TCVN3_DECODE[b];
  }
  return out;
}

/**
 * For a reading of `tokens`: how many it turns from a word outside `lexicon` into one in it, or -1 when it
 * turns a word of `lexicon` into one outside it.
 */
function lexiconFixes(
  tokens: string[],
  decode: (token: string) => string,
  lexicon: ReadonlySet<string>,
): number {
  let fixes = 0;
  for (const token of tokens) {
    const before = lexicon.has(token.toLowerCase());
    const after = lexicon.has(decode(token).normalize('NFC').toLowerCase());
    if (before && !after) return -1;
    if (after && !before) fixes++;
  }
  return fixes;
}

/** Compares the three readings token by token; tokens are runs of letters of the legacy readings. */
function classify(text: string, lexicon?: ReadonlySet<string>): TextEncoding {
  const tokens: string[] = [];
  const grades: number[] = [];
  let start = -1;
  let wide = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    if (isTokenChar(c)) {
      if (start < 0) {
        start = i;
        wide = false;
      }
      wide ||= c >= 0x80;
      continue;
    }
    if (start >= 0 && wide) {
      const token = text.slice(start, i);
      tokens.push(token);
      grades.push(unicodeGrade(token));
    }
    start = -1;
  }
  if (!lexicon && !grades.some((g) => g > 0)) return 'unicode';
  const tcvn3 = tallyOf();
  const vni = tallyOf();
  tokens.forEach((token, k) => {
    tally(tcvn3, grades[k], token, mapTcvn3(token));
    tally(vni, grades[k], token, decodeVniUnits(bytesOf(token), token));
  });
  const [t, v] = [wins(tcvn3), wins(vni)];
  const order = t && v ? compare(tcvn3, vni) : 0;
  const structural = t && (!v || order > 0) ? 'tcvn3' : v && (!t || order < 0) ? 'vni' : 'unicode';
  if (!lexicon || structural !== 'unicode') return structural;
  // Structure cannot decide (both readings win equally, or neither wins): the reading that turns words
  // outside the lexicon into words of it, breaks none of its words and no syllable, is the legacy one.
  const byTcvn3 = tcvn3.against === 0 ? lexiconFixes(tokens, mapTcvn3, lexicon) : -1;
  const byVni =
    vni.against === 0 ? lexiconFixes(tokens, (token) => decodeVniUnits(bytesOf(token), token), lexicon) : -1;
  return byTcvn3 > 0 && byTcvn3 > byVni ? 'tcvn3' : byVni > 0 && byVni > byTcvn3 ? 'vni' : 'unicode';
}

/**
 * Decides which encoding a received string is in. A legacy encoding is chosen only when reading the text that
 * way turns words that are impossible in Unicode Vietnamese into valid syllables and breaks (almost) nothing;
 * when in doubt the answer is 'unicode' (mangling a real name is worse than missing a legacy one). Text that is
 * valid both ways stays Unicode: the VNI spelling of "Hồ" is "Hoà", itself a valid Unicode word.
 * Never throws.
 */
export function detectLegacyEncoding(text: string, opts?: DetectOptions): TextEncoding {
  if (typeof text !== 'string') return 'unicode';
  const lexicon = opts?.lexicon;
  if (!looksLegacy(text) && !(lexicon && outsideLexicon(text, lexicon))) return 'unicode';
  return classify(text, lexicon);
}

/** Whether a word with a Latin-1 letter is not in the lexicon (and may be a legacy spelling of one). */
function outsideLexicon(text: string, lexicon: ReadonlySet<string>): boolean {
  for (const word of text.match(WORD) ?? []) {
    let wide = false;
    for (let i = 0; i < word.length && !wide; i++) wide = word.charCodeAt(i) >= 0xc0;
    if (wide && !lexicon.has(word.toLowerCase())) return true;
  }
  return false;
}

export interface DetectOptions {
  /**
   * Words typical of the text (lower case, NFC), to decide where syllable structure cannot: for names,
   * name-syllables' NAME_SYLLABLES. A reading wins by them only if it turns words outside the set into words
   * in it and none of its words out of it, and breaks no syllable.
   * @defaultValue none: structure alone decides
   */
  lexicon?: ReadonlySet<string>;
}

/**
 * Detect then convert; returns NFC Unicode and the encoding found. A conversion is kept only if its result
 * reads as Unicode, which makes toUnicode idempotent.
 */
export function toUnicode(text: string): { text: string; encoding: TextEncoding } {
  const nfc = text.normalize('NFC');
  const encoding = detectLegacyEncoding(nfc);
  if (encoding === 'unicode') return { text: nfc, encoding };
  const decoded = (encoding === 'tcvn3' ? decodeTcvn3(nfc) : decodeVni(nfc)).normalize('NFC');
  return detectLegacyEncoding(decoded) === 'unicode'
    ? { text: decoded, encoding }
    : { text: nfc, encoding: 'unicode' };
}
