/** Tax codes (mã số thuế): DOMAIN.md samples, check-digit edge cases and properties. */
import fc from 'fast-check';
import { parseTaxCode, taxCheckDigit } from './tax-code';

const NOW = new Date('2025-07-01T00:00:00+07:00');

/**
 * Test oracle: the rule as python-stdnum's vn.mst states it — the 10th digit must equal the text of
 * 10 − (Σ dᵢ·wᵢ mod 11), so a remainder of 0 ("10") never matches a single digit.
 */
const stdnumAccepts10 = (code: string): boolean => {
  const w = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  const total = w.reduce((s, wi, i) => s + wi * Number(code[i]), 0);
  return code.slice(2, 9) !== '0000000' && code[9] === String(10 - (total % 11));
};

const withCheck = (body: string): string => `${body}${taxCheckDigit(body)}`;

describe('DOMAIN.md sample tax codes', () => {
  test.each(['0100109106', '0300588569', '0101248141', '0101245486', '0100112437', '0100233488'])(
    'valid main code %s',
    (code) => {
      expect(parseTaxCode(code)).toEqual({
        ok: true,
        value: { value: code, digits: code, kind: 'main', provinceCode: code.slice(0, 2) },
      });
    },
  );

  test.each([
    ['0314409058-002', '0314409058', '002'],
    ['0312687878-001', '0312687878', '001'],
  ])('valid branch %s', (code, parent, suffix) => {
    expect(parseTaxCode(code)).toEqual({
      ok: true,
      value: {
        value: code,
        digits: parent + suffix,
        kind: 'branch',
        provinceCode: parent.slice(0, 2),
        parent,
      },
    });
  });

  test('0100233480 is invalid: check digit', () => {
    expect(parseTaxCode('0100233480')).toEqual({ ok: false, code: 'TAX_CODE_CHECK_DIGIT' });
  });

  test('0314409058-000 is invalid: branch 000', () => {
    expect(parseTaxCode('0314409058-000')).toEqual({ ok: false, code: 'TAX_CODE_BRANCH_ZERO' });
  });

  test('12345 is invalid: length', () => {
    expect(parseTaxCode('12345')).toEqual({ ok: false, code: 'TAX_CODE_FORMAT' });
  });
});

describe('taxCheckDigit', () => {
  test('computes the published check digits', () => {
    expect(taxCheckDigit('010023348')).toBe(8);
    expect(taxCheckDigit('031440905')).toBe(8);
  });

  test('remainder 10 gives check digit 0', () => {
    // 0·31 + 1·29 + 1·3 = 32 ≡ 10 (mod 11)
    expect(taxCheckDigit('010000001')).toBe(0);
    expect(parseTaxCode('0100000010').ok).toBe(true);
  });

  test('remainder 0 gives no valid digit, so no completion of that body validates', () => {
    // 0·31 + 1·29 + 5·3 = 44 ≡ 0 (mod 11): the "check digit" would be 10
    expect(taxCheckDigit('010000005')).toBeUndefined();
    for (let c = 0; c <= 9; c++) {
      expect(parseTaxCode(`010000005${c}`)).toEqual({ ok: false, code: 'TAX_CODE_CHECK_DIGIT' });
    }
  });

  test.each(['', '01002334', '0100233488', '01002334a', ' 010023348', '０１００２３３４８'])(
    'not 9 ASCII digits → undefined: %j',
    (input) => {
      expect(taxCheckDigit(input)).toBeUndefined();
    },
  );

  test('non-string → undefined', () => {
    expect(taxCheckDigit(10023348 as unknown as string)).toBeUndefined();
  });
});

describe('parseTaxCode', () => {
  test.each([
    ['01.00.112.437', '0100112437'],
    [' 0100 112 437 ', '0100112437'],
    ['0312 68 78 78 - 001', '0312687878-001'],
    ['0312687878001', '0312687878-001'],
    ['0312687878\u2013001', '0312687878-001'],
  ])('strips separators: %j → %s', (input, value) => {
    const r = parseTaxCode(input);
    expect(r.ok && r.value.value).toBe(value);
  });

  test('a sequence of all zeros is rejected even with a correct check digit', () => {
    const code = withCheck('010000000');
    expect(code).toBe('0100000003');
    expect(parseTaxCode(code)).toEqual({ ok: false, code: 'TAX_CODE_SEQUENCE_ZERO' });
  });

  test('a branch of an invalid parent is rejected for the parent', () => {
    expect(parseTaxCode('0100233480-001')).toEqual({ ok: false, code: 'TAX_CODE_CHECK_DIGIT' });
    expect(parseTaxCode('0100000003-001')).toEqual({ ok: false, code: 'TAX_CODE_SEQUENCE_ZERO' });
  });

  test('12 digits are an individual personal ID', () => {
    expect(parseTaxCode('001 099 012 345', { now: NOW })).toEqual({
      ok: true,
      value: { value: '001099012345', digits: '001099012345', kind: 'personal-id' },
    });
  });

  test('12 digits return the personal-ID codes', () => {
    expect(parseTaxCode('003099012345')).toEqual({
      ok: false,
      code: 'PERSONAL_ID_PROVINCE',
      context: { prefix: '003' },
    });
    expect(parseTaxCode('001226000001', { now: NOW })).toMatchObject({
      code: 'PERSONAL_ID_FUTURE_BIRTH_YEAR',
    });
    expect(parseTaxCode('840099012345', { now: NOW, allowAbroad: false })).toMatchObject({
      code: 'PERSONAL_ID_ABROAD_NOT_ALLOWED',
    });
  });

  // Issue #11: stripping hyphens before the length check made malformed branch codes 12-digit personal IDs.
  test.each([
    '0100233488-01',
    '0100233488-00',
    '010023348-801',
    '0100233488-0001',
    '01002334-88001',
    '0100-233-488',
    '001-099-012-345',
    '0100233488--001',
    '0100233488-001-',
    '-0100233488001',
    '0100233488\u2013001\u2013',
  ])('a dash anywhere but before a 3-digit branch suffix → TAX_CODE_FORMAT: %j', (input) => {
    expect(parseTaxCode(input, { now: NOW })).toEqual({ ok: false, code: 'TAX_CODE_FORMAT' });
  });

  test('a dash is the branch separator only: every other position of one dash is refused', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{10,13}$/),
        fc.integer({ min: 0, max: 13 }),
        fc.constantFrom('-', '\u2013', '\u2212'),
        (digits, at, dash) => {
          const text = digits.slice(0, at) + dash + digits.slice(at);
          const r = parseTaxCode(text, { now: NOW });
          if (at !== 10 || digits.length !== 13) expect(r).toEqual({ ok: false, code: 'TAX_CODE_FORMAT' });
          else expect(r).toEqual(parseTaxCode(digits, { now: NOW }));
        },
      ),
    );
  });

  test.each(['', '010023348', '01002334888', '01002334880012', '010023348A', '0100233488/001'])(
    'other lengths or characters → TAX_CODE_FORMAT: %j',
    (input) => {
      expect(parseTaxCode(input)).toEqual({ ok: false, code: 'TAX_CODE_FORMAT' });
    },
  );

  test.each([undefined, null, 100233488, { value: '0100233488' }])('non-string %p → FIELD_TYPE', (input) => {
    expect(parseTaxCode(input)).toEqual({ ok: false, code: 'FIELD_TYPE', context: { expected: 'string' } });
  });
});

describe('properties', () => {
  const body = fc.stringMatching(/^\d{9}$/);
  /** Valid 10-digit codes: a body with a valid check digit and a non-zero sequence. */
  const main = body.filter((b) => taxCheckDigit(b) !== undefined && b.slice(2) !== '0000000').map(withCheck);
  const suffix = fc.integer({ min: 1, max: 999 }).map((n) => String(n).padStart(3, '0'));
  const anyCode = fc.oneof(
    main,
    fc.tuple(main, suffix).map(([m, s]) => `${m}-${s}`),
    fc.stringMatching(/^[0-9 .-]{0,16}$/),
    fc.string(),
  );

  test('never throws, for any value and options', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (input, opts) => {
        parseTaxCode(input, opts as never);
        taxCheckDigit(input as string);
      }),
    );
  });

  test('normalising is idempotent', () => {
    fc.assert(
      fc.property(anyCode, (input) => {
        const first = parseTaxCode(input, { now: NOW });
        if (first.ok) {
          expect(parseTaxCode(first.value.value, { now: NOW })).toEqual(first);
          expect(parseTaxCode(first.value.digits, { now: NOW })).toEqual(first);
        }
      }),
    );
  });

  test('a 9-digit body with its computed check digit always validates (unless its sequence is zero)', () => {
    fc.assert(
      fc.property(body, (b) => {
        const c = taxCheckDigit(b);
        if (c === undefined) return; // remainder 0: covered by the next property
        const r = parseTaxCode(`${b}${c}`);
        if (b.slice(2) === '0000000') expect(r).toEqual({ ok: false, code: 'TAX_CODE_SEQUENCE_ZERO' });
        else expect(r.ok).toBe(true);
      }),
    );
  });

  test('a body whose remainder is 0 has no valid completion', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 9 }), (b, c) => {
        if (taxCheckDigit(b) === undefined) expect(parseTaxCode(`${b}${c}`).ok).toBe(false);
      }),
    );
  });

  test('agrees with the python-stdnum rule on every 10-digit string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^\d{10}$/), main), (code) => {
        expect(parseTaxCode(code).ok).toBe(stdnumAccepts10(code));
      }),
    );
  });

  /*
   * Why every single-digit change within the first 10 digits is caught: a code is valid exactly when
   * Σ wᵢ·dᵢ + d₁₀ ≡ 10 (mod 11), with d₁₀ itself weighted 1 (d₁₀ = 10 − r ⇔ r + d₁₀ ≡ 10, and r = 0 would
   * need d₁₀ = 10). The weights mod 11 are 9, 7, 1, 8, 6, 2, 7, 5, 3 and 1 — none is 0. Changing one digit by
   * δ ∈ {±1…±9} moves the sum by w·δ, and since 11 is prime and divides neither w nor δ, w·δ ≢ 0 (mod 11):
   * the congruence breaks. The 3-digit branch suffix carries no check digit, so the property is limited to
   * the first 10 digits (a changed suffix is caught only when it becomes 000).
   */
  test('changing any single digit of the first 10 always invalidates the code', () => {
    fc.assert(
      fc.property(
        main,
        fc.option(suffix, { nil: undefined }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (m, sfx, pos, delta) => {
          const changed = m.slice(0, pos) + ((Number(m[pos]) + delta) % 10) + m.slice(pos + 1);
          expect(parseTaxCode(sfx === undefined ? changed : `${changed}-${sfx}`).ok).toBe(false);
        },
      ),
    );
  });

  test('known blind spot: digits 2 and 7 share the weight 7 (mod 11), so swapping them is not caught', () => {
    // 29 ≡ 7 (mod 11). In 0314409058 digit 2 is 3 and digit 7 is 9; swapped → 0914403058, still "valid".
    expect(parseTaxCode('0314409058').ok).toBe(true);
    expect(parseTaxCode('0914403058').ok).toBe(true);
  });
});
