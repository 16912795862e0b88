/**
 * Phone numbers, normalised to E.164. Vietnamese numbers in any usual written form (0…, +84…, 84…, 0084…,
 * '+84 (0)…') are recognised here; the 2018 conversion of 11-digit mobiles to 10 digits is applied before
 * parsing; libphonenumber-js then validates.
 *
 * Metadata: the default ('min') metadata. It validates the national-number pattern and length, not the exact
 * allocated ranges, and carries no number types for Vietnam; the type comes from a cheap prefix check instead
 * ('libphonenumber-js/max' would cost ~15% more per parse, ~50% more with getType(), for ranges that go stale).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { invalid, valid, type Result } from './result';

export interface PhoneInfo {
  e164: string;
  /** the old 11-digit number when the 2018 conversion was applied */
  convertedFrom?: string;
  /** Vietnamese numbers only, from the prefix: 9-digit 3/5/7/8/9… mobile, 10-digit 2… fixed line, else other. */
  type?: 'mobile' | 'fixed-line' | 'other';
}

/** 2018 conversion, old prefix (after the trunk 0) → new prefix. */
const LEGACY_MOBILE: ReadonlyMap<string, string> = new Map([
  ['162', '32'],
  ['163', '33'],
  ['164', '34'],
  ['165', '35'],
  ['166', '36'],
  ['167', '37'],
  ['168', '38'],
  ['169', '39'],
  ['120', '70'],
  ['121', '79'],
  ['122', '77'],
  ['126', '76'],
  ['128', '78'],
  ['123', '83'],
  ['124', '84'],
  ['125', '85'],
  ['127', '81'],
  ['129', '82'],
  ['186', '56'],
  ['188', '58'],
  ['199', '59'],
]);

/** Whitespace, dots, hyphens, parentheses and the Unicode dashes word processors put in their place. */
const SEPARATORS = /[\s.()\-\u2010-\u2015\u2212]/g;
const PLUS_DIGITS = /^\+?\d{1,20}$/;
const OLD_NATIONAL = /^0\d{10}$/;
const MOBILE_LEAD = /^[35789]/;

/** The new national number for an old 11-digit national mobile ('01651234567' → '0351234567'), else undefined. */
export function convertLegacyMobile(nationalNumber: string): string | undefined {
  if (typeof nationalNumber !== 'string' || !OLD_NATIONAL.test(nationalNumber)) return undefined;
  const to = LEGACY_MOBILE.get(nationalNumber.slice(1, 4));
  return to === undefined ? undefined : `0${to}${nationalNumber.slice(4)}`;
}

/** Type of a Vietnamese national significant number, by prefix and length. */
function vnType(nsn: string): PhoneInfo['type'] {
  if (nsn.length === 9 && MOBILE_LEAD.test(nsn)) return 'mobile';
  if (nsn.length === 10 && nsn[0] === '2') return 'fixed-line';
  return 'other';
}

/**
 * Normalises a phone number to E.164. Accepts national forms (0…, or without the trunk 0 when the leading zero
 * was lost in a spreadsheet), +84…, 84…, 0084…, '+84 (0)…', with spaces, dots, hyphens and parentheses, and
 * foreign numbers in international form (+…, 00…). The default country is always Vietnam (the only value
 * `defaultCountry` allows), so the option changes nothing. Codes: FIELD_TYPE, PHONE_INVALID.
 */
export function normalisePhone(input: unknown, _opts?: { defaultCountry?: 'VN' }): Result<PhoneInfo> {
  if (typeof input !== 'string') return invalid('FIELD_TYPE', { expected: 'string' });
  const s = input.replace(SEPARATORS, '');
  if (!PLUS_DIGITS.test(s)) return invalid('PHONE_INVALID');

  // Vietnamese national significant number (no trunk 0), or a foreign number in international form.
  let nsn: string;
  if (s[0] === '+' || s.startsWith('00')) {
    const intl = s.slice(s[0] === '+' ? 1 : 2);
    if (!intl.startsWith('84')) return foreign(intl);
    nsn = intl.slice(2);
  } else if (s.startsWith('84') && s.length >= 11) {
    nsn = s.slice(2); // 84 + 9 or 10 digits; a bare national number is at most 10 digits
  } else {
    nsn = s;
  }
  if (nsn[0] === '0') nsn = nsn.slice(1); // the trunk 0, also when written after +84 ('+84 (0)912…')

  let convertedFrom: string | undefined;
  const to = nsn.length === 10 ? LEGACY_MOBILE.get(nsn.slice(0, 3)) : undefined;
  if (to !== undefined) {
    convertedFrom = `0${nsn}`;
    nsn = to + nsn.slice(3);
  }
  // A 10-digit number starting with 1 is either an unconverted old 11-digit mobile or a 1800/1900 service
  // number; the min metadata would accept both.
  if (nsn.length === 10 && nsn[0] === '1' && !nsn.startsWith('1800') && !nsn.startsWith('1900')) {
    return invalid('PHONE_INVALID');
  }
  const fast = nsn.length === 9 ? mobileVerdict(nsn.slice(0, 3)) : undefined;
  let e164: string;
  if (fast === true) e164 = `+84${nsn}`;
  else if (fast === false) return invalid('PHONE_INVALID');
  else {
    const parsed = parsePhoneNumberFromString(`+84${nsn}`);
    if (!parsed || !parsed.isValid()) return invalid('PHONE_INVALID');
    e164 = parsed.number;
  }
  return valid(
    convertedFrom === undefined ? { e164, type: vnType(nsn) } : { e164, convertedFrom, type: vnType(nsn) },
  );
}

/**
 * Fast path for 9-digit numbers (mobiles): libphonenumber's verdict depends only on the first three
 * digits for them, so it is asked once per 3-digit prefix (with the lowest and highest suffix) and
 * remembered. A prefix where the two answers differ is left to the full parse every time.
 */
const verdicts = new Map<string, boolean | undefined>();
function mobileVerdict(prefix: string): boolean | undefined {
  if (verdicts.has(prefix)) return verdicts.get(prefix);
  const ok = (n: string) => parsePhoneNumberFromString(`+84${n}`)?.isValid() === true;
  const low = ok(`${prefix}000000`);
  const verdict = low === ok(`${prefix}999999`) && low === ok(`${prefix}123457`) ? low : undefined;
  verdicts.set(prefix, verdict);
  return verdict;
}

function foreign(intl: string): Result<PhoneInfo> {
  const parsed = parsePhoneNumberFromString(`+${intl}`);
  return parsed && parsed.isValid() ? valid({ e164: parsed.number }) : invalid('PHONE_INVALID');
}
