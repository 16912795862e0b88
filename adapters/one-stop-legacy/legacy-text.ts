/**
 * The legacy system's text: it stores TCVN3 (ABC) and sends it in UTF-8 JSON as the characters of the
 * Windows-1252 reading of those bytes ("NguyÔn V¨n Hßa" for "Nguyễn Văn Hòa"). This module converts a whole
 * record at once, deciding its encoding from all its strings together — a lone "TÝn" reads as plausible Unicode,
 * the same name beside an address in TCVN3 does not — and refuses rather than half-converts:
 *
 * 1. No character ≥ U+0080 anywhere: nothing to convert.
 * 2. Some string has a character outside the Windows-1252 reading (ễ, ă, ơ …): TCVN3 cannot produce it, so the
 *    record was written in Unicode (a later module of the system). Every string must then read as Unicode: a
 *    character only TCVN3 uses for letters (¨ ª µ ¸ ß …) or a word that reads as legacy ("NguyÔn") anywhere is
 *    mixed encoding, and the record is refused.
 * 3. Otherwise the record is within the Windows-1252 reading. The contracts' detector reads all its strings:
 *    - TCVN3: each string is decoded (contracts' decodeTcvn3, which restores capitals from context); a decoded
 *      word that still reads as legacy (text encoded twice) refuses the record;
 *    - VNI: refused — this system does not speak VNI;
 *    - undecided: if decoding would change nothing the text stands, else the record is refused (Latin-1-only
 *      text such as "Hà Tú" is valid Unicode and valid TCVN3 for "Hà Tỳ"; the rule does not guess).
 *
 * Limits, inherent to the bytes: Unicode text that stays within Latin-1 ("Không") is also valid TCVN3, so it is
 * only seen as Unicode when the record holds another character TCVN3 cannot write; and text encoded twice is
 * refused only where a decoded word still reads as legacy ("TuÊn"), not where it decodes into other plausible
 * syllables ("Phè" for "Phố").
 *
 * The Windows-1252 characters of bytes 0x80–0x9F come from the contracts' own decoder, never from Node's
 * TextDecoder('windows-1252'), which decodes Latin-1 (see contracts/validators/legacy-encoding.test.ts).
 */
import {
  decodeTcvn3,
  decodeTcvn3Bytes,
  detectLegacyEncoding,
} from '../../contracts/validators/legacy-encoding';

export type TextProblem = 'mixed-encoding' | 'vni' | 'undecided-encoding' | 'legacy-residue';

export type Converted<T> =
  | { ok: true; value: T; encoding: 'ascii' | 'tcvn3' | 'unicode' }
  | { ok: false; path: string; problem: TextProblem };

/** Characters above U+00FF that are in the Windows-1252 reading (€ ‚ ƒ „ … – — ‘ ’ “ ” …). */
const CP1252_WIDE = new Set<number>();
for (let b = 0x80; b < 0xa0; b++) {
  const code = decodeTcvn3Bytes(Uint8Array.of(b)).charCodeAt(0);
  if (code > 0xff) CP1252_WIDE.add(code);
}

/** Latin-1 letters that Vietnamese Unicode text uses; TCVN3 also uses them, as other letters. */
const VIETNAMESE_LATIN1 = new Set('ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý');

/** Characters that only a TCVN3 text holds where letters are: TCVN3 letter codes Vietnamese never writes. */
const TCVN3_ONLY = new Set<string>();
for (let b = 0xa1; b <= 0xff; b++) {
  const ch = String.fromCharCode(b);
  if (decodeTcvn3(ch) !== ch && !VIETNAMESE_LATIN1.has(ch)) TCVN3_ONLY.add(ch);
}

const HIGH = /[^\p{ASCII}]/u;
/** Word separators for the residue check: spaces and ASCII punctuation that no legacy letter code uses. */
const SEPARATORS = /[\s,.;:!?()[\]{}"/\\|+=*&^%$#@~`<>_-]+/;

const outsideReading = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff && !CP1252_WIDE.has(c)) return true;
  }
  return false;
};
const hasTcvn3Only = (s: string): boolean => [...s].some((ch) => TCVN3_ONLY.has(ch));

/** A word of the text that reads as TCVN3 or VNI on its own ("NguyÔn" next to Unicode words). */
export function hasLegacyResidue(text: string): boolean {
  return text.split(SEPARATORS).some((word) => HIGH.test(word) && detectLegacyEncoding(word) !== 'unicode');
}

interface Leaf {
  path: string;
  text: string;
}

function leaves(value: unknown, path: string, out: Leaf[]): void {
  if (typeof value === 'string') out.push({ path: path || '(root)', text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
}

/** A copy of the value with every string passed through `fn`. */
function mapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]));
  return value;
}

/** Converts every string of one record (see the header for the rule). Never throws. */
export function convertLegacyRecord<T>(value: T): Converted<T> {
  const all: Leaf[] = [];
  leaves(value, '', all);
  const high = all.filter((l) => HIGH.test(l.text));
  if (high.length === 0) return { ok: true, value, encoding: 'ascii' };

  if (high.some((l) => outsideReading(l.text))) {
    const legacy = (l: Leaf) => hasTcvn3Only(l.text) || hasLegacyResidue(l.text);
    // Report a string that mixes both encodings itself before one that is wholly in the other encoding.
    const bad = high.find((l) => outsideReading(l.text) && legacy(l)) ?? high.find(legacy);
    if (bad) return { ok: false, path: bad.path, problem: 'mixed-encoding' };
    return { ok: true, value: mapStrings(value, (s) => s.normalize('NFC')) as T, encoding: 'unicode' };
  }

  const verdict = detectLegacyEncoding(high.map((l) => l.text).join('\n'));
  if (verdict === 'vni') return { ok: false, path: high[0].path, problem: 'vni' };
  if (verdict === 'unicode') {
    const changed = high.find((l) => decodeTcvn3(l.text) !== l.text.normalize('NFC'));
    if (changed) return { ok: false, path: changed.path, problem: 'undecided-encoding' };
    return { ok: true, value: mapStrings(value, (s) => s.normalize('NFC')) as T, encoding: 'unicode' };
  }
  const residue = high.find((l) => hasLegacyResidue(decodeTcvn3(l.text)));
  if (residue) return { ok: false, path: residue.path, problem: 'legacy-residue' };
  return {
    ok: true,
    value: mapStrings(value, (s) => (HIGH.test(s) ? decodeTcvn3(s).normalize('NFC') : s)) as T,
    encoding: 'tcvn3',
  };
}

/** One string of the system's (an error message): Unicode, or undefined when it cannot be read cleanly. */
export function readLegacyString(text: string): string | undefined {
  const r = convertLegacyRecord(text);
  return r.ok ? r.value : undefined;
}
