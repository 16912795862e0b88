/**
 * The Vietnamese alphabet and syllable structure: which lower-case NFC words are possible Vietnamese syllables
 * (consonant onset, one vowel cluster with at most one tone on an allowed vowel, one coda). The yardstick of
 * legacy-encoding detection (a word that is no syllable in Unicode but becomes one when decoded is legacy)
 * and of name checks.
 */

/** Tone order of every table here: none, sắc (acute), huyền (grave), hỏi (hook), ngã (tilde), nặng (dot). */
export const TONE_MARKS = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
export const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'] as const;
export type Vowel = (typeof VOWELS)[number];
export const withTone = (vowel: Vowel, tone: number): string => (vowel + TONE_MARKS[tone]).normalize('NFC');

/** Every lower-case vowel letter → its toneless vowel and its tone (0–5). */
export const VOWEL_OF = new Map<string, { vowel: Vowel; tone: number }>();
for (const vowel of VOWELS)
  for (let tone = 0; tone < 6; tone++) VOWEL_OF.set(withTone(vowel, tone), { vowel, tone });

// Vietnamese syllables, the yardstick for detection

export const CONSONANTS = new Set('bcdđfghjklmnpqrstvwxz');
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
rimes('ơ', '|m|n|ng|p|t|k|r', [0]);
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
  (cluster === 'ơ' && coda === 'ng') ||
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
export function syllable(word: string): number {
  const s = standardOrRare(word);
  // Minority names use y as a consonant before a vowel ("Yơn", "Yam"): rare, never standard.
  if (s === 0 && word[0] === 'y' && VOWEL_OF.has(word[1] ?? ''))
    return standardOrRare(`j${word.slice(1)}`) && 1;
  return s;
}

function standardOrRare(word: string): number {
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
  // q is always written qu, and its u is the glide: no second glide after it ("quoác" is no syllable).
  const q = onset.endsWith('q');
  if (q && cluster[0] !== 'u') return 0;
  if (rimeOk(cluster, coda, tone, toneAt)) return isRare(onset, cluster, coda) ? 1 : 2;
  // In qu- and gi- the u / i belongs to the onset: "quá", "già", "giữa".
  const glide = (q && cluster[0] === 'u') || (onset === 'g' && cluster[0] === 'i');
  if (!glide || cluster.length < 2 || toneAt === 0) return 0;
  const rest = cluster.slice(1);
  if (q && (rest[0] === 'o' || rest[0] === 'u')) return 0;
  if (!rimeOk(rest, coda, tone, toneAt - 1)) return 0;
  return isRare(onset, rest, coda) ? 1 : 2;
}

/**
 * Whether a lower-case NFC word is two or three syllables written together, as minority clan names are
 * ("êban", "adrơng", "kbuôr" is one): each part a syllable, standard or rare.
 */
export function syllables(word: string): boolean {
  for (let i = 1; i < word.length; i++) {
    if (!syllable(word.slice(0, i))) continue;
    const rest = word.slice(i);
    if (syllable(rest)) return true;
    for (let j = 1; j < rest.length; j++)
      if (syllable(rest.slice(0, j)) && syllable(rest.slice(j))) return true;
  }
  return false;
}
