/**
 * Legacy Vietnamese font encodings, for adapters that receive text from pre-Unicode systems.
 *
 * - TCVN3 ("ABC", TCVN 5712:1993 VN3): one byte per letter. The table holds the lower-case letters with every
 *   tone but only seven capitals (Ă Â Ê Ô Ơ Ư Đ): ABC fonts come in pairs (.VnTime / .VnTimeH) and a toned
 *   capital is the lower-case code shown in the capitals font. That font is gone once the text leaves the
 *   document, so decodeTcvn3 restores those capitals from the surrounding letters (see restoreTcvn3Case), and
 *   encodeTcvn3 writes a toned capital with the lower-case code, as ABC software did.
 * - VNI-Windows: a base letter followed by a mark character (aø = à, aâ = â, aá = ấ, aë = ặ, ôù = ớ); ơ ư đ
 *   and the toned i / ỵ are single characters (ô ö ñ í ì æ ó ò î). Capitals use the capital mark characters.
 *
 * Legacy text usually reaches us as a string made by reading the bytes as Windows-1252 or Latin-1. The two
 * readings differ only for bytes 0x80–0x9F, which neither encoding uses for letters; the decoders accept both
 * and return the Windows-1252 character for those bytes (the legacy fonts kept Windows' quotes and dashes).
 *
 * Tables cross-checked against Unikey's vnconv tables (fcitx/fcitx5-unikey unikey/data.cpp), xvnkb
 * (lamdao/xvnkb tcvn.h, vni.h), VBKey (khiemdoan/VBKey Modules/mdlCodeTable.bas) and backupvietsoft/HRM
 * (ConvertVNI/XtraForm1.cs); fixtures/legacy-encoding.json holds real-document phrases from TrizenX/viparse.
 */

export type TextEncoding = 'unicode' | 'tcvn3' | 'vni';

// ---------------------------------------------------------------------------------------------------------
// Vietnamese alphabet

/** Tone order of every table here: none, sắc (acute), huyền (grave), hỏi (hook), ngã (tilde), nặng (dot). */
const TONE_MARKS = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'] as const;
type Vowel = (typeof VOWELS)[number];
const withTone = (vowel: Vowel, tone: number): string => (vowel + TONE_MARKS[tone]).normalize('NFC');

/** Every lower-case vowel letter → its toneless vowel and its tone (0–5). */
const VOWEL_OF = new Map<string, { vowel: Vowel; tone: number }>();
for (const vowel of VOWELS)
  for (let tone = 0; tone < 6; tone++) VOWEL_OF.set(withTone(vowel, tone), { vowel, tone });

// ---------------------------------------------------------------------------------------------------------
// Bytes as characters: Windows-1252 vs Latin-1

/** Windows-1252 characters for bytes 0x80–0x9F; 0 where the code page leaves the byte undefined. */
const CP1252_80_9F = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
  0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0, 0x017e, 0x0178,
];
/** Windows-1252 character above U+00FF → its byte. */
const CP1252_BYTE = new Map<number, number>();
CP1252_80_9F.forEach((code, i) => code && CP1252_BYTE.set(code, 0x80 + i));
/** What a byte stands for when it is not a letter of the legacy encoding (the Windows-1252 character). */
const PLAIN_BYTE: readonly string[] = Array.from({ length: 256 }, (_, b) =>
  String.fromCharCode(b >= 0x80 && b < 0xa0 && CP1252_80_9F[b - 0x80] ? CP1252_80_9F[b - 0x80] : b),
);

/** The byte a character of a cp1252- or latin1-read string stands for, or -1 for any other character. */
const byteOf = (code: number): number => (code < 0x100 ? code : (CP1252_BYTE.get(code) ?? -1));

function bytesOf(text: string): Int32Array {
  const units = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = byteOf(text.charCodeAt(i));
  return units;
}

// ---------------------------------------------------------------------------------------------------------
// TCVN3

/** TCVN3 byte of each vowel in tone order (none, sắc, huyền, hỏi, ngã, nặng); plain a e i o u y are ASCII. */
const TCVN3_VOWELS: Record<Vowel, readonly number[]> = {
  a: [0x61, 0xb8, 0xb5, 0xb6, 0xb7, 0xb9],
  ă: [0xa8, 0xbe, 0xbb, 0xbc, 0xbd, 0xc6],
  â: [0xa9, 0xca, 0xc7, 0xc8, 0xc9, 0xcb],
  e: [0x65, 0xd0, 0xcc, 0xce, 0xcf, 0xd1],
  ê: [0xaa, 0xd5, 0xd2, 0xd3, 0xd4, 0xd6],
  i: [0x69, 0xdd, 0xd7, 0xd8, 0xdc, 0xde],
  o: [0x6f, 0xe3, 0xdf, 0xe1, 0xe2, 0xe4],
  ô: [0xab, 0xe8, 0xe5, 0xe6, 0xe7, 0xe9],
  ơ: [0xac, 0xed, 0xea, 0xeb, 0xec, 0xee],
  u: [0x75, 0xf3, 0xef, 0xf1, 0xf2, 0xf4],
  ư: [0xad, 0xf8, 0xf5, 0xf6, 0xf7, 0xf9],
  y: [0x79, 0xfd, 0xfa, 0xfb, 0xfc, 0xfe],
};
/** The rest of the table: đ and the seven capitals. */
const TCVN3_OTHERS: Record<string, number> = {
  đ: 0xae,
  Ă: 0xa1,
  Â: 0xa2,
  Ê: 0xa3,
  Ô: 0xa4,
  Ơ: 0xa5,
  Ư: 0xa6,
  Đ: 0xa7,
};

const TCVN3_DECODE = PLAIN_BYTE.slice();
/** 1 for the toned-letter codes, which stand for the lower-case and the capital letter alike. */
const TCVN3_CASELESS = new Uint8Array(256);
const TCVN3_ENCODE = new Map<string, string>();
for (const vowel of VOWELS) {
  TCVN3_VOWELS[vowel].forEach((byte, tone) => {
    if (byte < 0x80) return;
    const letter = withTone(vowel, tone);
    TCVN3_DECODE[byte] = letter;
    TCVN3_ENCODE.set(letter, PLAIN_BYTE[byte]);
    if (tone === 0) return;
    TCVN3_CASELESS[byte] = 1;
    TCVN3_ENCODE.set(letter.toUpperCase(), PLAIN_BYTE[byte]);
  });
}
for (const [letter, byte] of Object.entries(TCVN3_OTHERS)) {
  TCVN3_DECODE[byte] = letter;
  TCVN3_ENCODE.set(letter, PLAIN_BYTE[byte]);
}

const LETTER = /\p{L}/u;
/** 0 not a letter, 1 lower case, 2 capital, 3 case-less TCVN3 code, 4 letter without case. */
function letterKind(ch: string): number {
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  if (lower !== upper) return ch === lower ? 1 : ch === upper ? 2 : 4;
  return LETTER.test(ch) ? 4 : 0;
}

/**
 * Capitals for the case-less toned codes, judged from the letters around them:
 * - a word with no lower-case letter and a capital after its first letter, and every word of a text without
 *   lower-case letters that has such a word, is in capitals: "§¡NG Ký" → "ĐĂNG KÝ",
 *   "Hå CHÝ MINH" → "HỒ CHÍ MINH";
 * - a word starting with a case-less code gets a capital initial when every word with a known first letter
 *   starts with a capital (and one does): "Ph¹m Ngäc ¸nh" → "Phạm Ngọc Ánh", "Nh­ Ý" → "Như Ý"; or, for words
 *   of two or more letters, when it comes after a capitalised word and before one or at the end:
 *   "ThÞ trÊn M­êng ¶ng" → "Thị trấn Mường Ảng".
 * Everything else stays lower case: running text ("c¸c ¸nh s¸ng"), and a lone "¸nh" (no evidence either way).
 */
function restoreTcvn3Case(chars: string[], caseless: Uint8Array): string {
  if (!caseless.includes(1)) return chars.join('');
  const n = chars.length;
  const kind = new Uint8Array(n);
  for (let i = 0; i < n; i++) kind[i] = caseless[i] ? 3 : letterKind(chars[i]);
  const words: { start: number; end: number; caps: boolean; upper: number; lower: number }[] = [];
  let lowerTotal = 0;
  let capsWord = false;
  let lowerInitial = false;
  let upperInitial = false;
  for (let i = 0; i < n;) {
    if (!kind[i]) {
      i++;
      continue;
    }
    const word = { start: i, end: i, caps: false, upper: 0, lower: 0 };
    for (; i < n && kind[i]; i++) {
      if (kind[i] === 1) word.lower++;
      else if (kind[i] === 2) word.upper++;
      if (kind[i] === 2 && i > word.start) word.caps = true;
    }
    word.end = i;
    word.caps &&= word.lower === 0;
    words.push(word);
    lowerTotal += word.lower;
    capsWord ||= word.caps;
    lowerInitial ||= kind[word.start] === 1;
    upperInitial ||= kind[word.start] === 2;
  }
  const allCaps = lowerTotal === 0 && capsWord;
  const titleCase = upperInitial && !lowerInitial;
  const capitalised = (k: number): boolean => k >= 0 && k < words.length && kind[words[k].start] === 2;
  words.forEach(({ start, end, caps, upper }, k) => {
    if (allCaps || caps) {
      for (let i = start; i < end; i++) if (kind[i] === 3) chars[i] = chars[i].toUpperCase();
    } else if (kind[start] === 3 && upper === 0) {
      const between =
        end - start >= 2 && capitalised(k - 1) && (k === words.length - 1 || capitalised(k + 1));
      if (titleCase || between) chars[start] = chars[start].toUpperCase();
    }
  });
  return chars.join('');
}

function decodeTcvn3Units(units: ArrayLike<number>, text?: string): string {
  const chars = new Array<string>(units.length);
  const caseless = new Uint8Array(units.length);
  for (let i = 0; i < units.length; i++) {
    const b = units[i];
    if (b < 0) chars[i] = (text as string)[i];
    else {
      chars[i] = TCVN3_DECODE[b];
      caseless[i] = TCVN3_CASELESS[b];
    }
  }
  return restoreTcvn3Case(chars, caseless);
}

/** TCVN3 text read as Windows-1252 or Latin-1 → Unicode (NFC). Characters outside that reading are kept. */
export function decodeTcvn3(text: string): string {
  return decodeTcvn3Units(bytesOf(text), text).normalize('NFC');
}

/** Raw TCVN3 bytes → Unicode (NFC). */
export function decodeTcvn3Bytes(bytes: Uint8Array): string {
  return decodeTcvn3Units(bytes);
}

/** Unicode → TCVN3 in its Windows-1252 reading. Characters TCVN3 cannot write are kept as they are. */
export function encodeTcvn3(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) out += TCVN3_ENCODE.get(ch) ?? ch;
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// VNI-Windows

const VNI_TONE = ['', 'ù', 'ø', 'û', 'õ', 'ï'];
const VNI_CIRCUMFLEX = ['â', 'á', 'à', 'å', 'ã', 'ä'];
const VNI_BREVE = ['ê', 'é', 'è', 'ú', 'ü', 'ë'];
const VNI_I = ['i', 'í', 'ì', 'æ', 'ó', 'ò'];

/** Lower-case VNI spelling of a vowel with a tone. */
function vniSpelling(vowel: Vowel, tone: number): string {
  switch (vowel) {
    case 'ă':
      return 'a' + VNI_BREVE[tone];
    case 'â':
      return 'a' + VNI_CIRCUMFLEX[tone];
    case 'ê':
      return 'e' + VNI_CIRCUMFLEX[tone];
    case 'ô':
      return 'o' + VNI_CIRCUMFLEX[tone];
    case 'ơ':
      return 'ô' + VNI_TONE[tone];
    case 'ư':
      return 'ö' + VNI_TONE[tone];
    case 'i':
      return VNI_I[tone];
    case 'y':
      return tone === 5 ? 'î' : 'y' + VNI_TONE[tone];
    default:
      return vowel + VNI_TONE[tone];
  }
}

const VNI_ENCODE = new Map<string, string>([
  ['đ', 'ñ'],
  ['Đ', 'Ñ'],
]);
const VNI_DECODE = PLAIN_BYTE.slice();
VNI_DECODE[0xf1] = 'đ';
VNI_DECODE[0xd1] = 'Đ';
/** (base byte << 8 | mark byte) → letter. A mark of either case is accepted; the base decides the case. */
const VNI_PAIRS = new Map<number, string>();
for (const vowel of VOWELS) {
  for (let tone = 0; tone < 6; tone++) {
    const lower = withTone(vowel, tone);
    const upper = lower.toUpperCase();
    const seq = vniSpelling(vowel, tone);
    const SEQ = seq.toUpperCase();
    VNI_ENCODE.set(lower, seq);
    VNI_ENCODE.set(upper, SEQ);
    if (seq.length === 1) {
      VNI_DECODE[seq.charCodeAt(0)] = lower;
      VNI_DECODE[SEQ.charCodeAt(0)] = upper;
      continue;
    }
    const [base, mark, BASE, MARK] = [
      seq.charCodeAt(0),
      seq.charCodeAt(1),
      SEQ.charCodeAt(0),
      SEQ.charCodeAt(1),
    ];
    VNI_PAIRS.set((base << 8) | mark, lower);
    VNI_PAIRS.set((base << 8) | MARK, lower);
    VNI_PAIRS.set((BASE << 8) | MARK, upper);
    VNI_PAIRS.set((BASE << 8) | mark, upper);
  }
}

function decodeVniUnits(units: ArrayLike<number>, text?: string): string {
  let out = '';
  for (let i = 0; i < units.length; i++) {
    const b = units[i];
    if (b < 0) {
      out += (text as string)[i];
      continue;
    }
    const pair =
      i + 1 < units.length && units[i + 1] >= 0 ? VNI_PAIRS.get((b << 8) | units[i + 1]) : undefined;
    if (pair) {
      out += pair;
      i++;
    } else out += VNI_DECODE[b];
  }
  return out;
}

/** VNI-Windows text read as Windows-1252 or Latin-1 → Unicode (NFC). Other characters are kept. */
export function decodeVni(text: string): string {
  return decodeVniUnits(bytesOf(text), text).normalize('NFC');
}

/** Raw VNI-Windows bytes → Unicode (NFC). */
export function decodeVniBytes(bytes: Uint8Array): string {
  return decodeVniUnits(bytes);
}

/** Unicode → VNI-Windows in its Windows-1252 reading. Characters VNI cannot write are kept as they are. */
export function encodeVni(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) out += VNI_ENCODE.get(ch) ?? ch;
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Vietnamese syllables, the yardstick for detection

const CONSONANTS = new Set('bcdđfghjklmnpqrstvwxz');
/** Codas that end in a stop: only sắc and nặng are possible before them. */
const STOPS = new Set(['c', 'ch', 'p', 't']);
interface Rime {
  codas: Set<string>;
  /** indexes in the vowel cluster that may carry the tone, without and with a coda */
  open: readonly number[];
  closed: readonly number[];
}
const RIMES = new Map<string, Rime>();
/** `codas` is '|'-separated, a leading '|' allowing no coda. k, r and a bare ă â iê are for minority names. */
const rimes = (clusters: string, codas: string, open: number[], closed = open): void => {
  for (const cluster of clusters.split(' '))
    RIMES.set(cluster, { codas: new Set(codas.split('|')), open, closed });
};
rimes('a', '|c|ch|m|n|ng|nh|p|t|k|r', [0]);
rimes('ă â e o ô u', '|c|m|n|ng|p|t|k|r', [0]);
rimes('ê', '|ch|m|n|ng|nh|p|t|k|r', [0]);
rimes('i', '|ch|m|n|nh|p|t|k|r', [0]);
rimes('ơ', '|m|n|p|t|k|r', [0]);
rimes('ư', '|c|m|n|ng|t|k|r', [0]);
rimes('y', '', [0]);
rimes('ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu', '', [0]);
rimes('iê yê', '|c|m|n|ng|p|t', [1]);
rimes('uô', 'c|m|n|ng|t', [1]);
rimes('ươ', 'c|m|n|ng|p|t', [1]);
rimes('iêu yêu uôi ươi ươu oai oay oao oeo uây uơ uya uyu', '', [1]);
rimes('oa', '|c|ch|m|n|ng|nh|p|t', [0, 1], [1]);
rimes('oe', '|n|t', [0, 1], [1]);
rimes('uy', '|ch|nh|n|t|p', [0, 1], [1]);
rimes('oă', 'c|m|n|ng|t', [1]);
rimes('oo', 'c|ng', [1]);
rimes('uâ', 'n|ng|t', [1]);
rimes('uê', '|ch|nh|n', [1]);
rimes('uyê', 'n|t', [2]);

/** Onsets of standard Vietnamese (u of qu- and i of gi- are part of the vowel cluster here). */
const ONSETS = new Set('|b|c|ch|d|đ|g|gh|h|k|kh|l|m|n|ng|ngh|nh|p|ph|q|r|s|t|th|tr|v|x'.split('|'));
/** Allowed only for minority-language names or loanwords: plausible, but rare in Vietnamese text. */
const isRare = (onset: string, cluster: string, coda: string): boolean =>
  !ONSETS.has(onset) ||
  coda === 'k' ||
  coda === 'r' ||
  cluster === 'oo' ||
  (coda === '' && (cluster === 'ă' || cluster === 'â' || cluster === 'iê' || cluster === 'yê'));

function rimeOk(cluster: string, coda: string, tone: number, toneAt: number): boolean {
  const rime = RIMES.get(cluster);
  if (!rime || !rime.codas.has(coda)) return false;
  if (STOPS.has(coda) && tone !== 1 && tone !== 5) return false;
  if (coda === 'k' && tone > 1 && tone < 5) return false;
  return tone === 0 || (coda ? rime.closed : rime.open).includes(toneAt);
}

/**
 * Whether a lower-case NFC word is one Vietnamese syllable: consonants, one vowel cluster with at most one
 * tone on an allowed vowel (old and new placement both accepted), one coda. 0 no, 1 yes but rare (minority
 * names such as Kpă, Mlô, Đắk; loanwords such as xoong), 2 yes.
 */
function syllable(word: string): number {
  let onset = '';
  let cluster = '';
  let coda = '';
  let tone = 0;
  let toneAt = -1;
  for (const ch of word) {
    const v = VOWEL_OF.get(ch);
    if (v) {
      if (coda) return 0;
      if (v.tone) {
        if (tone) return 0;
        tone = v.tone;
        toneAt = cluster.length;
      }
      cluster += v.vowel;
    } else if (CONSONANTS.has(ch)) {
      if (cluster) coda += ch;
      else onset += ch;
    } else return 0;
  }
  if (!cluster || onset.length > 4) return 0;
  if (rimeOk(cluster, coda, tone, toneAt)) return isRare(onset, cluster, coda) ? 1 : 2;
  // In qu- and gi- the u / i belongs to the onset: "quá", "già", "giữa".
  const glide = (onset.endsWith('q') && cluster[0] === 'u') || (onset === 'g' && cluster[0] === 'i');
  if (!glide || cluster.length < 2 || toneAt === 0) return 0;
  const rest = cluster.slice(1);
  if (!rimeOk(rest, coda, tone, toneAt - 1)) return 0;
  return isRare(onset, rest, coda) ? 1 : 2;
}

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
  let prev = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) {
      if (c > 0xff) {
        if (!CP1252_BYTE.has(c)) return false;
        suspicious = true;
      } else if (LATIN1_CLASS[c] === 2) suspicious = true;
      else if (LATIN1_CLASS[c] === 1 && (isVowel(prev) || (isUpper(c) && isLower(prev)))) suspicious = true;
    }
    prev = c;
  }
  return suspicious;
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
  if (syllable(token.toLowerCase())) return 0;
  return lower ? 2 : 1;
}

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
  const quality = decoded === token ? (grade === 0 ? 2 : 0) : syllable(lower);
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

/** Compares the three readings token by token; tokens are runs of letters of the legacy readings. */
function classify(text: string): TextEncoding {
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
  if (!grades.some((g) => g > 0)) return 'unicode';
  const tcvn3 = tallyOf();
  const vni = tallyOf();
  tokens.forEach((token, k) => {
    tally(tcvn3, grades[k], token, mapTcvn3(token));
    tally(vni, grades[k], token, decodeVniUnits(bytesOf(token), token));
  });
  const [t, v] = [wins(tcvn3), wins(vni)];
  const order = t && v ? compare(tcvn3, vni) : 0;
  return t && (!v || order > 0) ? 'tcvn3' : v && (!t || order < 0) ? 'vni' : 'unicode';
}

/**
 * Decides which encoding a received string is in. A legacy encoding is chosen only when reading the text that
 * way turns words that are impossible in Unicode Vietnamese into valid syllables and breaks (almost) nothing;
 * when in doubt the answer is 'unicode' (mangling a real name is worse than missing a legacy one). Text that is
 * valid both ways stays Unicode: the VNI spelling of "Hồ" is "Hoà", itself a valid Unicode word.
 * Never throws.
 */
export function detectLegacyEncoding(text: string): TextEncoding {
  if (typeof text !== 'string' || !looksLegacy(text)) return 'unicode';
  return classify(text);
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
