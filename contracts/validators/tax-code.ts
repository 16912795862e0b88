/**
 * Tax code (mã số thuế): 10 digits (enterprise, or an older individual code), 13 digits (a branch: the parent's
 * 10 digits + a 3-digit suffix, shown 'XXXXXXXXXX-YYY'), or 12 digits (an individual's personal ID, the tax
 * code since 1 July 2025 under Circular 86/2024/TT-BTC). The kind follows from the length.
 *
 * 10-digit layout: digits 1–2 province of establishment, 3–9 sequence (not all zero), 10 check digit.
 * Check digit = 10 − (Σ dᵢ·wᵢ mod 11), weights 31, 29, 23, 19, 17, 13, 7, 5, 3 over digits 1–9. A remainder
 * of 0 would need the "digit" 10, so such bodies have no valid code; a remainder of 10 gives check digit 0.
 * This matches python-stdnum's vn.mst, which compares against str(10 − r) and so rejects r = 0.
 */
import { invalid, valid, type Result } from './result';
import { parsePersonalId, type PersonalIdOptions } from './personal-id';

export interface TaxCodeInfo {
  /** canonical display: 10 digits, 12 digits, or 'XXXXXXXXXX-YYY' for 13 */
  value: string;
  digits: string;
  kind: 'main' | 'branch' | 'personal-id';
  /** digits 1–2, for 10/13 */
  provinceCode?: string;
  /** the 10-digit code of a branch */
  parent?: string;
}

const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];
/** Digit grouping: whitespace and dots, anywhere. */
const GROUPING = /[\s.]/g;
/** A hyphen or the Unicode dashes word processors put in its place: only ever the branch separator. */
const DASH = /[-\u2010-\u2015\u2212]/;
/** A branch written with its separator: the parent's 10 digits, a dash, the 3-digit suffix. */
const BRANCH_FORM = /^\d{10}[-\u2010-\u2015\u2212]\d{3}$/;
const DIGITS = /^\d+$/;
const DIGITS_9 = /^\d{9}$/;

/** The check digit for the first 9 digits, or undefined when the remainder is 0 (no valid digit) or the input is not 9 digits. */
export function taxCheckDigit(first9: string): number | undefined {
  if (typeof first9 !== 'string' || !DIGITS_9.test(first9)) return undefined;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (first9.charCodeAt(i) - 48) * WEIGHTS[i];
  const r = sum % 11;
  return r === 0 ? undefined : 10 - r;
}

/** Codes for a 10-digit main code, or undefined when it is valid. */
function checkMain(ten: string): 'TAX_CODE_SEQUENCE_ZERO' | 'TAX_CODE_CHECK_DIGIT' | undefined {
  if (ten.slice(2, 9) === '0000000') return 'TAX_CODE_SEQUENCE_ZERO';
  return taxCheckDigit(ten.slice(0, 9)) === ten.charCodeAt(9) - 48 ? undefined : 'TAX_CODE_CHECK_DIGIT';
}

/**
 * Parses a tax code. Spaces and dots group digits anywhere and are removed; a hyphen (or dash) is the branch
 * separator and nothing else: a code with one must read `XXXXXXXXXX-YYY` once grouping is removed, so that a
 * malformed branch ('0100233488-01', '010023348-801') is refused, never read as a 12-digit personal ID.
 * Codes: FIELD_TYPE, TAX_CODE_FORMAT,
 * TAX_CODE_SEQUENCE_ZERO, TAX_CODE_CHECK_DIGIT, TAX_CODE_BRANCH_ZERO, and for 12 digits the PERSONAL_ID_*
 * codes of parsePersonalId (`opts` is passed to it).
 */
export function parseTaxCode(input: unknown, opts?: PersonalIdOptions): Result<TaxCodeInfo> {
  if (typeof input !== 'string') return invalid('FIELD_TYPE', { expected: 'string' });
  const compact = input.replace(GROUPING, '');
  const dashed = DASH.test(compact);
  if (dashed && !BRANCH_FORM.test(compact)) return invalid('TAX_CODE_FORMAT');
  const digits = dashed ? compact.slice(0, 10) + compact.slice(11) : compact;
  if (!DIGITS.test(digits)) return invalid('TAX_CODE_FORMAT');
  switch (digits.length) {
    case 10: {
      const bad = checkMain(digits);
      if (bad) return invalid(bad);
      return valid({ value: digits, digits, kind: 'main', provinceCode: digits.slice(0, 2) });
    }
    case 13: {
      const parent = digits.slice(0, 10);
      const bad = checkMain(parent);
      if (bad) return invalid(bad);
      const suffix = digits.slice(10);
      if (suffix === '000') return invalid('TAX_CODE_BRANCH_ZERO');
      return valid({
        value: `${parent}-${suffix}`,
        digits,
        kind: 'branch',
        provinceCode: digits.slice(0, 2),
        parent,
      });
    }
    case 12: {
      const res = parsePersonalId(digits, opts);
      return res.ok ? valid({ value: digits, digits, kind: 'personal-id' }) : res;
    }
    default:
      return invalid('TAX_CODE_FORMAT');
  }
}
