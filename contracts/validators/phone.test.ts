/** Phone numbers: written forms, the 2018 mobile conversion, foreign numbers and properties. */
import fc from 'fast-check';
import { convertLegacyMobile, normalisePhone } from './phone';

/** The 2018 conversion table of DOMAIN.md: old national prefix → new national prefix. */
const CONVERSIONS: [string, string][] = [
  ['0162', '032'],
  ['0163', '033'],
  ['0164', '034'],
  ['0165', '035'],
  ['0166', '036'],
  ['0167', '037'],
  ['0168', '038'],
  ['0169', '039'],
  ['0120', '070'],
  ['0121', '079'],
  ['0122', '077'],
  ['0126', '076'],
  ['0128', '078'],
  ['0123', '083'],
  ['0124', '084'],
  ['0125', '085'],
  ['0127', '081'],
  ['0129', '082'],
  ['0186', '056'],
  ['0188', '058'],
  ['0199', '059'],
];

const e164Of = (input: string): string | undefined => {
  const r = normalisePhone(input);
  return r.ok ? r.value.e164 : undefined;
};

describe('Vietnamese written forms', () => {
  test.each([
    '0912345678',
    '0912 345 678',
    '0912.345.678',
    '0912-345-678',
    '(091) 234-5678',
    '+84912345678',
    '+84 912 345 678',
    '+84 (0) 912 345 678',
    '84912345678',
    '84 912 345 678',
    '0084912345678',
    '0084 912 345 678',
    ' 0912\u00a0345\u2013678 ',
    '912345678',
  ])('%j → +84912345678, mobile', (input) => {
    expect(normalisePhone(input)).toEqual({ ok: true, value: { e164: '+84912345678', type: 'mobile' } });
  });

  test.each(['0351234567', '0561234567', '0701234567', '0861234567', '0981234567'])(
    'mobile prefixes 03, 05, 07, 08, 09: %s',
    (input) => {
      const r = normalisePhone(input);
      expect(r.ok && r.value).toEqual({ e164: `+84${input.slice(1)}`, type: 'mobile' });
    },
  );

  test.each([
    ['024 3825 1234', '+842438251234'],
    ['(028) 3829 1234', '+842838291234'],
    ['+84 236 3821 234', '+842363821234'],
  ])('fixed line %j → %s', (input, e164) => {
    expect(normalisePhone(input)).toEqual({ ok: true, value: { e164, type: 'fixed-line' } });
  });

  test.each([
    ['1800 1234', '+8418001234', 'toll-free'],
    ['1800 123 456', '+841800123456', 'toll-free'],
    ['1900 123 456', '+841900123456', 'premium-rate'],
    ['1900 1234', '+8419001234', 'premium-rate'],
  ])('service number %j → %s, %s', (input, e164, type) => {
    expect(normalisePhone(input)).toEqual({ ok: true, value: { e164, type } });
  });

  test('defaultCountry VN changes nothing (it is the default)', () => {
    expect(normalisePhone('0912345678', { defaultCountry: 'VN' })).toEqual(normalisePhone('0912345678'));
  });
});

describe('2018 conversion of 11-digit mobiles', () => {
  test.each(CONVERSIONS)('national %s… → %s…', (from, to) => {
    const old = `${from}1234567`;
    expect(normalisePhone(old)).toEqual({
      ok: true,
      value: { e164: `+84${to.slice(1)}1234567`, convertedFrom: old, type: 'mobile' },
    });
  });

  test.each(CONVERSIONS)('international +84 %s… → %s…', (from, to) => {
    const want = `+84${to.slice(1)}1234567`;
    const old = `${from}1234567`;
    for (const form of [
      `+84${from.slice(1)}1234567`,
      `84${from.slice(1)}1234567`,
      `0084 ${from.slice(1)} 123 4567`,
    ]) {
      expect(normalisePhone(form)).toEqual({
        ok: true,
        value: { e164: want, convertedFrom: old, type: 'mobile' },
      });
    }
  });

  test.each(CONVERSIONS)('convertLegacyMobile(%s…) → %s…', (from, to) => {
    expect(convertLegacyMobile(`${from}1234567`)).toBe(`${to}1234567`);
  });

  test('the example of the spec', () => {
    expect(convertLegacyMobile('01651234567')).toBe('0351234567');
  });

  test.each([
    '0912345678',
    '0165123456',
    '016512345678',
    '01301234567',
    '01611234567',
    '+841651234567',
    '',
    '0165 123 4567',
  ])('convertLegacyMobile(%j) → undefined (not an old 11-digit mobile)', (input) => {
    expect(convertLegacyMobile(input)).toBeUndefined();
  });

  test('convertLegacyMobile never throws on non-strings', () => {
    expect(convertLegacyMobile(16512345678 as unknown as string)).toBeUndefined();
  });

  test('a new 10-digit number is not converted again', () => {
    expect(normalisePhone('0351234567')).toEqual({
      ok: true,
      value: { e164: '+84351234567', type: 'mobile' },
    });
  });
});

describe('foreign numbers', () => {
  test.each([
    ['+1 650 253 0000', '+16502530000', 'fixed-line-or-mobile'],
    ['+33 1 42 68 53 00', '+33142685300', 'fixed-line'],
    ['0033 1 42 68 53 00', '+33142685300', 'fixed-line'],
    ['+44 20 7031 3000', '+442070313000', 'fixed-line'],
    ['+44 7400 123456', '+447400123456', 'mobile'],
  ])('%j is accepted as %s, %s', (input, e164, type) => {
    expect(normalisePhone(input)).toEqual({ ok: true, value: { e164, type } });
  });

  // The examples: a foreign number must be valid in its own country (an allocated range), not only
  // of a plausible length.
  test.each(['+33 1 42', '+49778002212', '+86 1279686'])('%j → PHONE_INVALID', (input) => {
    expect(normalisePhone(input)).toEqual({ ok: false, code: 'PHONE_INVALID' });
  });
});

describe('invalid numbers', () => {
  test.each([
    '',
    '   ',
    '0',
    '+84',
    '0912',
    '091234567',
    '09123456789',
    '0912345678901234',
    '01301234567',
    '+841301234567',
    '0912 345 678 ext 12',
    '0912/345/678',
    '++84912345678',
    '+84 912 345 67a',
    '33142685300',
    // two numbers in one field
    '0912345678 0987654321',
    '0912345678, 0987654321',
    '0912345678;0987654321',
    '0912345678 / 0987654321',
    '1800 1234 1800 1234',
  ])('%j → PHONE_INVALID', (input) => {
    expect(normalisePhone(input)).toEqual({ ok: false, code: 'PHONE_INVALID' });
  });

  // Accepted by the pattern-and-length ('min') metadata, refused by both references (issue #11).
  test.each([
    ['9-digit numbers starting 1x', ['0117112574', '0123456789', '0150123456']],
    ['pre-2017 landline area codes 06x', ['061 3822 123', '0613822123', '064 3852 123']],
    [
      'unassigned mobile ranges',
      ['0501234567', '0531234567', '0541234567', '0571234567', '0711234567', '0751234567', '0801234567'],
    ],
    ['unassigned 089x ranges', ['0890123456', '0893123456', '0895999999']],
    [
      'unassigned 02xx area codes',
      ['0200 123 4567', '0201 123 4567', '0217 123 4567', '0223 123 4567', '0240 123 4567', '0298 123 4567'],
    ],
    ['7–8-digit national numbers', ['1234567', '+841234567', '12345678']],
  ])('%s → PHONE_INVALID', (_, inputs) => {
    for (const input of inputs)
      expect([input, normalisePhone(input)]).toEqual([input, { ok: false, code: 'PHONE_INVALID' }]);
  });

  test('the assigned neighbours of those ranges are accepted', () => {
    for (const [input, type] of [
      ['0896123456', 'mobile'],
      ['0522123456', 'mobile'],
      ['0140123456', 'mobile'],
      ['0203 123 4567', 'fixed-line'],
      ['0299 123 4567', 'fixed-line'],
    ])
      expect(normalisePhone(input)).toMatchObject({ ok: true, value: { type } });
  });

  test('a doubled trunk zero is refused, never turned into a second canonical form', () => {
    // One number, +84 69 567 840 (a UAN), has one E.164; a 0 written twice after +84 is not that number.
    expect(normalisePhone('+84 69 567 840')).toEqual({
      ok: true,
      value: { e164: '+8469567840', type: 'uan' },
    });
    expect(normalisePhone('069 567 840')).toEqual({ ok: true, value: { e164: '+8469567840', type: 'uan' } });
    expect(normalisePhone('+84 (0) 69 567 840')).toEqual({
      ok: true,
      value: { e164: '+8469567840', type: 'uan' },
    });
    for (const input of ['+84 (0)069567840', '840069567840', '+840069567840', '00840069567840', '0069567840'])
      expect([input, normalisePhone(input)]).toEqual([input, { ok: false, code: 'PHONE_INVALID' }]);
  });

  test.each([undefined, null, 912345678, ['0912345678'], {}])('non-string %p → FIELD_TYPE', (input) => {
    expect(normalisePhone(input)).toEqual({ ok: false, code: 'FIELD_TYPE', context: { expected: 'string' } });
  });
});

describe('properties', () => {
  const newPrefix = fc.constantFrom(
    '32',
    '35',
    '39',
    '56',
    '70',
    '77',
    '81',
    '86',
    '88',
    '90',
    '91',
    '96',
    '98',
  );
  const subscriber = fc.integer({ min: 0, max: 9_999_999 }).map((n) => String(n).padStart(7, '0'));
  const vnForm = fc.constantFrom(
    (nsn: string) => `0${nsn}`,
    (nsn: string) => `+84${nsn}`,
    (nsn: string) => `84${nsn}`,
    (nsn: string) => `0084${nsn}`,
    (nsn: string) => `+84 (0) ${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`,
    (nsn: string) => `0${nsn.slice(0, 2)}.${nsn.slice(2, 5)}.${nsn.slice(5)}`,
  );

  test('never throws, for any value', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (input, opts) => {
        normalisePhone(input, opts as never);
        convertLegacyMobile(input as string);
      }),
    );
  });

  test('every written form of a mobile gives the same E.164', () => {
    fc.assert(
      fc.property(newPrefix, subscriber, vnForm, (p, sub, form) => {
        expect(e164Of(form(p + sub))).toBe(`+84${p}${sub}`);
      }),
    );
  });

  test('an old 11-digit mobile, in any form, gives the converted E.164', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CONVERSIONS), subscriber, vnForm, ([from, to], sub, form) => {
        const r = normalisePhone(form(from.slice(1) + sub));
        expect(r.ok && r.value).toEqual({
          e164: `+84${to.slice(1)}${sub}`,
          convertedFrom: from + sub,
          type: 'mobile',
        });
      }),
    );
  });

  test('normalising is idempotent', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(newPrefix, subscriber, vnForm).map(([p, s, f]) => f(p + s)),
          fc
            .tuple(fc.constantFrom(...CONVERSIONS), subscriber, vnForm)
            .map(([[from], s, f]) => f(from.slice(1) + s)),
          fc.stringMatching(/^\+?[0-9 ().-]{0,16}$/),
          fc.string(),
        ),
        (input) => {
          const first = normalisePhone(input);
          if (!first.ok) return;
          const again = normalisePhone(first.value.e164);
          expect(again).toEqual({ ok: true, value: { e164: first.value.e164, type: first.value.type } });
          if (first.value.type === undefined) expect(again.ok && 'type' in again.value).toBe(false);
        },
      ),
    );
  });
});
