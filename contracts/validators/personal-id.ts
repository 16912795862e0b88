/**
 * Personal ID (số định danh cá nhân / CCCD), 12 digits `PPP G YY RRRRRR`, and the legacy 9-digit CMND.
 *
 * - PPP: province of birth registration from the OLD 63-province list (kept for life), or, with a first digit
 *   other than 0, a country code for citizens registered abroad (that country list is unverified, so any such
 *   code is accepted unless `allowAbroad` is false).
 * - G: sex and century — even male, odd female; birth year = 1900 + 100·⌊G/2⌋ + YY.
 * - The last 6 digits are random. There is NO check digit.
 */
import { parseDate } from './date';
import { invalid, valid, type Invalid, type Result } from './result';

/** The 63 old-province prefixes. Not contiguous: 003 and 097, for example, do not exist. */
export const PROVINCE_PREFIXES: ReadonlySet<string> = new Set(
  (
    '001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 040 ' +
    '042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 083 084 ' +
    '086 087 089 091 092 093 094 095 096'
  ).split(' '),
);

export interface PersonalIdInfo {
  id: string;
  origin: 'domestic' | 'abroad';
  prefix: string;
  sex: 'male' | 'female';
  birthYear: number;
}

export interface PersonalIdOptions {
  /** @defaultValue new Date() */
  now?: Date;
  /** accept a first digit other than 0 (registered abroad; country list unverified) @defaultValue true */
  allowAbroad?: boolean;
}

/** Whitespace, dots, hyphens and the Unicode dashes word processors put in their place. */
const SEPARATORS = /[\s.\-\u2010-\u2015\u2212]/g;
const DIGITS_12 = /^\d{12}$/;
const DIGITS_9 = /^\d{9}$/;
const ISO_YEAR = /^(\d{4})(?:-\d{2}(?:-\d{2})?)?$/;
const HCM_OFFSET_MS = 7 * 3_600_000;

/** The current year in Vietnam (fixed UTC+7); an invalid or missing `now` means the current clock. */
function currentYear(now: unknown): number {
  const ms = now instanceof Date && !Number.isNaN(now.getTime()) ? now.getTime() : Date.now();
  return new Date(ms + HCM_OFFSET_MS).getUTCFullYear();
}

/**
 * Parses a 12-digit personal ID after stripping spaces, dots and hyphens. Codes: FIELD_TYPE,
 * PERSONAL_ID_FORMAT, LEGACY_ID_NOT_ALLOWED (a 9-digit CMND), PERSONAL_ID_PROVINCE {prefix},
 * PERSONAL_ID_ABROAD_NOT_ALLOWED {prefix}, PERSONAL_ID_FUTURE_BIRTH_YEAR {year}.
 */
export function parsePersonalId(input: unknown, opts?: PersonalIdOptions): Result<PersonalIdInfo> {
  if (typeof input !== 'string') return invalid('FIELD_TYPE', { expected: 'string' });
  const id = input.replace(SEPARATORS, '');
  if (!DIGITS_12.test(id)) return invalid(DIGITS_9.test(id) ? 'LEGACY_ID_NOT_ALLOWED' : 'PERSONAL_ID_FORMAT');
  const prefix = id.slice(0, 3);
  const origin = prefix[0] === '0' ? 'domestic' : 'abroad';
  if (origin === 'domestic' && !PROVINCE_PREFIXES.has(prefix))
    return invalid('PERSONAL_ID_PROVINCE', { prefix });
  if (origin === 'abroad' && opts?.allowAbroad === false)
    return invalid('PERSONAL_ID_ABROAD_NOT_ALLOWED', { prefix });
  const g = id.charCodeAt(3) - 48;
  const birthYear = 1900 + 100 * Math.floor(g / 2) + Number(id.slice(4, 6));
  if (birthYear > currentYear(opts?.now))
    return invalid('PERSONAL_ID_FUTURE_BIRTH_YEAR', { year: birthYear });
  return valid({ id, origin, prefix, sex: g % 2 === 0 ? 'male' : 'female', birthYear });
}

/**
 * Cross-checks a parsed ID against the record: birth year (dateOfBirth is an ISO reduced-precision date
 * 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' that exists; anything else, an impossible '1998-02-30' included, is left
 * to the date validator, which reports it once) and sex ('male' | 'female';
 * other values ignored). Returns every problem found: PERSONAL_ID_BIRTH_YEAR_MISMATCH {idYear, recordYear},
 * PERSONAL_ID_SEX_MISMATCH {idSex, recordSex}.
 */
export function checkPersonalIdAgainstRecord(
  info: PersonalIdInfo,
  record: { dateOfBirth?: string; sex?: string },
): Invalid[] {
  const problems: Invalid[] = [];
  const dob: unknown = record?.dateOfBirth;
  const m = typeof dob === 'string' ? ISO_YEAR.exec(dob) : null;
  if (m && Number(m[1]) !== info.birthYear && parseDate(dob).ok) {
    problems.push(
      invalid('PERSONAL_ID_BIRTH_YEAR_MISMATCH', { idYear: info.birthYear, recordYear: Number(m[1]) }),
    );
  }
  const sex: unknown = record?.sex;
  if ((sex === 'male' || sex === 'female') && sex !== info.sex) {
    problems.push(invalid('PERSONAL_ID_SEX_MISMATCH', { idSex: info.sex, recordSex: sex }));
  }
  return problems;
}

/**
 * A legacy identity number accepted for look-up: a 9-digit CMND, or a 12-digit number that must also pass
 * parsePersonalId (its codes are returned). Separators are stripped as for parsePersonalId.
 * Codes: FIELD_TYPE, LEGACY_ID_FORMAT, the PERSONAL_ID_* codes.
 */
export function parseLegacyId(
  input: unknown,
  opts?: PersonalIdOptions,
): Result<{ id: string; kind: 'cmnd9' | 'cccd12' }> {
  if (typeof input !== 'string') return invalid('FIELD_TYPE', { expected: 'string' });
  const id = input.replace(SEPARATORS, '');
  if (DIGITS_9.test(id)) return valid({ id, kind: 'cmnd9' });
  if (!DIGITS_12.test(id)) return invalid('LEGACY_ID_FORMAT');
  const res = parsePersonalId(id, opts);
  return res.ok ? valid({ id, kind: 'cccd12' }) : res;
}
