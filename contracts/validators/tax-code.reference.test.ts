/**
 * Differential tests of parseTaxCode against the published check-digit rule, as python-stdnum's vn.mst and the
 * npm `stdnum` package implement it (restated below, independently of tax-code.ts): compact by removing spaces,
 * hyphens and dots; 10 or 13 digits; digits 3–9 not all zero; a 13-digit code's suffix not 000; the 10th digit
 * equal to the text of 10 − (Σ dᵢ·wᵢ mod 11), weights 31 29 23 19 17 13 7 5 3. Every disagreement left is one of
 * the POLICIES below, and the tests prove that no other kind occurs.
 */
import fc from 'fast-check';
import { parseTaxCode } from './tax-code';

const NOW = new Date('2026-01-01T00:00:00+07:00');

/** The deliberate disagreements with the reference rule, each with the reason. */
const POLICIES = {
  personalId:
    '12 digits are an individual’s personal ID, the tax code since 1 July 2025 (Circular 86/2024/TT-BTC); the references predate it and refuse 12 digits',
  dashOnlyForBranch:
    'a hyphen is the branch separator only (XXXXXXXXXX-YYY); the references remove hyphens anywhere, so "0100233488-01" would be a 12-digit code',
  unicodeSeparators:
    'en dash, minus sign, NBSP and other Unicode spaces are read like their ASCII forms; the references keep them and refuse the code',
} as const;

/** python-stdnum vn.mst.validate, restated: true when the reference accepts `text`. */
function stdnum(text: string): boolean {
  const n = text.replace(/[ \-.\t]/g, '').trim();
  if (!/^\d+$/.test(n) || (n.length !== 10 && n.length !== 13)) return false;
  if (n.slice(2, 9) === '0000000') return false;
  if (n.length === 13 && n.slice(-3) === '000') return false;
  const w = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  const total = w.reduce((s, wi, i) => s + wi * Number(n[i]), 0);
  return n[9] === String(10 - (total % 11));
}

/** Which policy explains a disagreement on `text`, or undefined when none does. */
function policyFor(text: string): keyof typeof POLICIES | undefined {
  const compact = text.replace(/[\s.\-\u2010-\u2015\u2212]/g, '');
  if (/[^\x20-\x7e]/.test(text)) {
    // Read like the ASCII form: same verdict as the ASCII spelling, which itself agrees or is another policy.
    const ascii = text.replace(/[\u2010-\u2015\u2212]/g, '-').replace(/\s/g, ' ');
    const same = parseTaxCode(ascii, { now: NOW }).ok === parseTaxCode(text, { now: NOW }).ok;
    const explained =
      parseTaxCode(ascii, { now: NOW }).ok === stdnum(ascii) || policyFor(ascii) !== undefined;
    return same && explained ? 'unicodeSeparators' : undefined;
  }
  if (/[-]/.test(text) && !/^\d{10}-\d{3}$/.test(text.replace(/[\s.]/g, ''))) return 'dashOnlyForBranch';
  if (/^\d{12}$/.test(compact)) return 'personalId';
  return undefined;
}

/** A valid 10-digit code: a body, its check digit (bodies with remainder 0 have none and are skipped). */
const main = fc.stringMatching(/^\d{9}$/).map((b) => {
  const w = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  const r = w.reduce((s, wi, i) => s + wi * Number(b[i]), 0) % 11;
  return r === 0 ? `${b}0` : `${b}${10 - r}`;
});
const digitsOf = fc.oneof(
  main,
  fc.tuple(main, fc.stringMatching(/^\d{3}$/)).map(([m, s]) => m + s),
  fc.stringMatching(/^\d{10}$/),
  fc.stringMatching(/^\d{12,13}$/),
  fc.stringMatching(/^0[0-9]{2}[0-3][0-9]{8}$/), // personal-ID shaped
);
/** A code written with separators: groups of digits joined by any of the separators people type. */
const written = fc
  .tuple(
    digitsOf,
    fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 4 }),
    fc.constantFrom('', ' ', '.', '-', '\u2013', '\u00a0', ' - ', '\u2212'),
  )
  .map(([digits, cuts, sep]) => {
    const at = [...new Set(cuts)].filter((c) => c < digits.length).sort((a, b) => a - b);
    let out = '';
    let from = 0;
    for (const c of at) {
      out += digits.slice(from, c) + sep;
      from = c;
    }
    return out + digits.slice(from);
  });

describe('parseTaxCode agrees with the published check-digit rule (python-stdnum vn.mst)', () => {
  it('on codes in every written form: agreement, or a listed policy', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(written, (text) => {
        const ours = parseTaxCode(text, { now: NOW }).ok;
        const theirs = stdnum(text);
        if (ours === theirs) return;
        const policy = policyFor(text);
        expect([text, ours, theirs, policy]).toEqual([text, ours, theirs, expect.any(String)]);
        seen.add(policy!);
      }),
      { numRuns: 20_000 },
    );
    // Each policy is a real, observed disagreement, not a dead entry.
    expect([...seen].sort()).toEqual(Object.keys(POLICIES).sort());
  });

  it('on every 10-digit string and every branch of a valid code, digits only: full agreement', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          main,
          fc.stringMatching(/^\d{10}$/),
          fc.tuple(main, fc.stringMatching(/^\d{3}$/)).map(([m, s]) => m + s),
        ),
        (code) => {
          expect([code, parseTaxCode(code).ok]).toEqual([code, stdnum(code)]);
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('each policy, shown once', () => {
    expect([parseTaxCode('001099012345', { now: NOW }).ok, stdnum('001099012345')]).toEqual([true, false]);
    expect([parseTaxCode('0100233488-01').ok, stdnum('0100233488-01')]).toEqual([false, false]);
    expect([parseTaxCode('010023348-8001').ok, stdnum('010023348-8001')]).toEqual([false, true]);
    expect([parseTaxCode('0314409058\u2013002').ok, stdnum('0314409058\u2013002')]).toEqual([true, false]);
  });
});
