/**
 * TCVN3 ("ABC") and VNI-Windows, the legacy Vietnamese font encodings: their tables, decoders and encoders.
 * Detection (which encoding a received string is in) is in ./legacy-encoding, which re-exports these.
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
import { VOWELS, withTone, type Vowel } from './syllable';

export type TextEncoding = 'unicode' | 'tcvn3' | 'vni';

// ---------------------------------------------------------------------------------------------------------
// Bytes as characters: Windows-1252 vs Latin-1

/** Windows-1252 characters for bytes 0x80–0x9F; 0 where the code page leaves the byte undefined. */
const CP1252_80_9F = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
  0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0, 0x017e, 0x0178,
];
/** Windows-1252 character above U+00FF → its byte. */
export const CP1252_BYTE = new Map<number, number>();
CP1252_80_9F.forEach((code, i) => code && CP1252_BYTE.set(code, 0x80 + i));
/** What a byte stands for when it is not a letter of the legacy encoding (the Windows-1252 character). */
const PLAIN_BYTE: readonly string[] = Array.from({ length: 256 }, (_, b) =>
  String.fromCharCode(b >= 0x80 && b < 0xa0 && CP1252_80_9F[b - 0x80] ? CP1252_80_9F[b - 0x80] : b),
);

/** The byte a character of a cp1252- or latin1-read string stands for, or -1 for any other character. */
export const byteOf = (code: number): number => (code < 0x100 ? code : (CP1252_BYTE.get(code) ?? -1));

export function bytesOf(text: string): Int32Array {
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

export const TCVN3_DECODE = PLAIN_BYTE.slice();
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

export function decodeVniUnits(units: ArrayLike<number>, text?: string): string {
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
