/**
 * Phone numbers, normalised to E.164 and typed. Vietnamese numbers in any usual written form (0…, +84…, 84…,
 * 0084…, '+84 (0)…') are recognised here; the 2018 conversion of 11-digit mobiles to 10 digits is applied
 * before validation; libphonenumber-js with its full ('max') metadata then decides validity and the number's
 * type from the allocated ranges (mobile, fixed line, toll-free …), for Vietnamese and foreign numbers alike.
 *
 * Speed: a Vietnamese number's verdict (valid or not, and its type) under the max metadata depends only on
 * its length and its first four digits (every Vietnamese range in the metadata is a prefix of at most four
 * digits followed by any digits), so it is asked once per (length, prefix) and remembered; a prefix whose
 * probes disagree is asked again for every number. phone.reference.test.ts proves the result equal to
 * libphonenumber-js/max for every (length, prefix), with random suffixes and every written form.
 */
import { parsePhoneNumberFromString, type PhoneNumberType } from 'libphonenumber-js/max';
import { invalid, valid, type Result } from './result';

/** libphonenumber's number types, kebab-case. */
export type PhoneType =
  | 'mobile'
  | 'fixed-line'
  | 'fixed-line-or-mobile'
  | 'toll-free'
  | 'premium-rate'
  | 'shared-cost'
  | 'voip'
  | 'personal-number'
  | 'pager'
  | 'uan'
  | 'voicemail';

export interface PhoneInfo {
  e164: string;
  /** the old 11-digit number when the 2018 conversion was applied */
  convertedFrom?: string;
  /** the number's type from libphonenumber's full metadata (its allocated ranges), when it has one */
  type?: PhoneType;
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
/** Lengths of a Vietnamese national significant number in the metadata. */
const VN_MIN_LENGTH = 7;
const VN_MAX_LENGTH = 10;

const TYPES: Readonly<Record<PhoneNumberType, PhoneType>> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'fixed-line',
  FIXED_LINE_OR_MOBILE: 'fixed-line-or-mobile',
  TOLL_FREE: 'toll-free',
  PREMIUM_RATE: 'premium-rate',
  SHARED_COST: 'shared-cost',
  VOIP: 'voip',
  PERSONAL_NUMBER: 'personal-number',
  PAGER: 'pager',
  UAN: 'uan',
  VOICEMAIL: 'voicemail',
};

/** The new national number for an old 11-digit national mobile ('01651234567' → '0351234567'), else undefined. */
export function convertLegacyMobile(nationalNumber: string): string | undefined {
  if (typeof nationalNumber !== 'string' || !OLD_NATIONAL.test(nationalNumber)) return undefined;
  const to = LEGACY_MOBILE.get(nationalNumber.slice(1, 4));
  return to === undefined ? undefined : `0${to}${nationalNumber.slice(4)}`;
}

/** What libphonenumber-js/max says of an international number: its E.164 and type, or undefined when invalid. */
function reference(international: string): { e164: string; type?: PhoneType } | undefined {
  const parsed = parsePhoneNumberFromString(international);
  if (!parsed || !parsed.isValid()) return undefined;
  const type = parsed.getType();
  return type === undefined ? { e164: parsed.number } : { e164: parsed.number, type: TYPES[type] };
}

/** A Vietnamese number's verdict: its type ('' for a valid number without one), or false when invalid. */
type Verdict = PhoneType | '' | false;
const verdictOf = (nsn: string): Verdict => {
  const r = reference(`+84${nsn}`);
  return r === undefined ? false : (r.type ?? '');
};

/** Verdicts by length·10⁴ + first four digits; null where the probes disagreed (asked for every number). */
const verdicts = new Map<number, Verdict | null>();
const PROBES = ['000000', '999999', '123457', '586420'];

function vnVerdict(nsn: string): Verdict {
  const key = nsn.length * 10_000 + Number(nsn.slice(0, 4));
  let v = verdicts.get(key);
  if (v === undefined) {
    const prefix = nsn.slice(0, 4);
    const answers = PROBES.map((p) => verdictOf(prefix + p.slice(0, nsn.length - 4)));
    v = answers.every((a) => a === answers[0]) ? answers[0] : null;
    verdicts.set(key, v);
  }
  return v === null ? verdictOf(nsn) : v;
}

/**
 * Normalises a phone number to E.164. Accepts national forms (0…, or without the trunk 0 when the leading zero
 * was lost in a spreadsheet), +84…, 84…, 0084…, '+84 (0)…', with spaces, dots, hyphens and parentheses, and
 * foreign numbers in international form (+…, 00…). Letters, other symbols and two numbers in one field are
 * refused. A number must be valid under libphonenumber's full metadata (an allocated range); a Vietnamese
 * national number never starts with 0 once its one trunk 0 is removed ('+84 (0)069…' is refused, as the
 * reference refuses '+840069…'). The default country is always Vietnam (the only value `defaultCountry`
 * allows), so the option changes nothing. Codes: FIELD_TYPE, PHONE_INVALID.
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
  if (nsn[0] === '0') return invalid('PHONE_INVALID'); // a second one: no national number starts with 0

  let convertedFrom: string | undefined;
  const to = nsn.length === 10 ? LEGACY_MOBILE.get(nsn.slice(0, 3)) : undefined;
  if (to !== undefined) {
    convertedFrom = `0${nsn}`;
    nsn = to + nsn.slice(3);
  }
  if (nsn.length < VN_MIN_LENGTH || nsn.length > VN_MAX_LENGTH) return invalid('PHONE_INVALID');
  const verdict = vnVerdict(nsn);
  if (verdict === false) return invalid('PHONE_INVALID');
  const info: PhoneInfo = { e164: `+84${nsn}` };
  if (convertedFrom !== undefined) info.convertedFrom = convertedFrom;
  if (verdict !== '') info.type = verdict;
  return valid(info);
}

function foreign(intl: string): Result<PhoneInfo> {
  const r = reference(`+${intl}`);
  return r === undefined ? invalid('PHONE_INVALID') : valid(r);
}
