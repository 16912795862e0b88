/** Personal ID (CCCD) and legacy CMND: DOMAIN.md samples, edge cases and properties. */
import fc from 'fast-check';
import {
  PROVINCE_PREFIXES,
  checkPersonalIdAgainstRecord,
  parseLegacyId,
  parsePersonalId,
  type PersonalIdInfo,
} from './personal-id';

const NOW = new Date('2025-07-01T00:00:00+07:00');
/** Far enough ahead that no century digit gives a future year. */
const FAR_FUTURE = new Date('2400-01-01T00:00:00Z');

const DOMAIN_PREFIXES =
  '001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 040 042 ' +
  '044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 083 084 086 087 ' +
  '089 091 092 093 094 095 096';

const info = (id: string, now = NOW): PersonalIdInfo => {
  const r = parsePersonalId(id, { now });
  if (!r.ok) throw new Error(`fixture ${id} is invalid: ${r.code}`);
  return r.value;
};

describe('DOMAIN.md sample personal IDs', () => {
  test('001099012345 is Hà Nội, male, born 1999', () => {
    expect(parsePersonalId('001099012345', { now: NOW })).toEqual({
      ok: true,
      value: { id: '001099012345', origin: 'domestic', prefix: '001', sex: 'male', birthYear: 1999 },
    });
  });

  test('079303000123 is TP.HCM, female, born 2003', () => {
    expect(parsePersonalId('079303000123', { now: NOW })).toEqual({
      ok: true,
      value: { id: '079303000123', origin: 'domestic', prefix: '079', sex: 'female', birthYear: 2003 },
    });
  });

  test('003099012345 is invalid: there is no province 003', () => {
    expect(parsePersonalId('003099012345', { now: NOW })).toEqual({
      ok: false,
      code: 'PERSONAL_ID_PROVINCE',
      context: { prefix: '003' },
    });
  });

  test('00109901234 is invalid: 11 digits', () => {
    expect(parsePersonalId('00109901234', { now: NOW })).toEqual({ ok: false, code: 'PERSONAL_ID_FORMAT' });
  });
});

describe('PROVINCE_PREFIXES', () => {
  test('holds exactly the 63 old-province prefixes of DOMAIN.md', () => {
    expect(PROVINCE_PREFIXES.size).toBe(63);
    expect([...PROVINCE_PREFIXES].sort()).toEqual(DOMAIN_PREFIXES.split(' ').sort());
  });

  test('003 and 097 are not provinces', () => {
    expect(PROVINCE_PREFIXES.has('003')).toBe(false);
    expect(PROVINCE_PREFIXES.has('097')).toBe(false);
  });

  test('every other domestic prefix 000–099 is rejected with PERSONAL_ID_PROVINCE', () => {
    for (let n = 0; n < 100; n++) {
      const prefix = String(n).padStart(3, '0');
      const r = parsePersonalId(`${prefix}099012345`, { now: NOW });
      if (PROVINCE_PREFIXES.has(prefix)) expect(r.ok).toBe(true);
      else expect(r).toEqual({ ok: false, code: 'PERSONAL_ID_PROVINCE', context: { prefix } });
    }
  });
});

describe('parsePersonalId format', () => {
  test.each([
    '001 099 012 345',
    '001.099.012.345',
    '001-099-012345',
    ' 001099012345\t',
    '001\u2013099\u00a0012345',
  ])('strips separators: %j', (input) => {
    const r = parsePersonalId(input, { now: NOW });
    expect(r.ok && r.value.id).toBe('001099012345');
  });

  test('a 9-digit CMND gets LEGACY_ID_NOT_ALLOWED', () => {
    expect(parsePersonalId('012345678')).toEqual({ ok: false, code: 'LEGACY_ID_NOT_ALLOWED' });
    expect(parsePersonalId('012 345 678')).toEqual({ ok: false, code: 'LEGACY_ID_NOT_ALLOWED' });
  });

  test.each([
    '',
    '0010990123456',
    '00109901234a',
    '００１０９９０１２３４５',
    '001/099/012345',
    '+001099012345',
  ])('not 12 ASCII digits → PERSONAL_ID_FORMAT: %j', (input) => {
    expect(parsePersonalId(input)).toEqual({ ok: false, code: 'PERSONAL_ID_FORMAT' });
  });

  test.each([undefined, null, 1099012345, ['001099012345'], { id: '001099012345' }, new Date()])(
    'non-string %p → FIELD_TYPE',
    (input) => {
      expect(parsePersonalId(input)).toEqual({
        ok: false,
        code: 'FIELD_TYPE',
        context: { expected: 'string' },
      });
    },
  );
});

describe('century digit', () => {
  test.each([
    [0, 1905, 'male'],
    [1, 1905, 'female'],
    [2, 2005, 'male'],
    [3, 2005, 'female'],
    [4, 2105, 'male'],
    [5, 2105, 'female'],
    [6, 2205, 'male'],
    [7, 2205, 'female'],
    [8, 2305, 'male'],
    [9, 2305, 'female'],
  ])('G=%i → born %i, %s', (g, year, sex) => {
    const r = parsePersonalId(`001${g}05123456`, { now: FAR_FUTURE });
    expect(r.ok && [r.value.birthYear, r.value.sex]).toEqual([year, sex]);
  });

  test('no check digit: any last six digits are accepted', () => {
    for (const tail of ['000000', '999999', '123456', '654321']) {
      expect(parsePersonalId(`001099${tail}`, { now: NOW }).ok).toBe(true);
    }
  });
});

describe('future birth years (now = 2025-07-01 in Vietnam)', () => {
  test('the current year is allowed', () => {
    expect(parsePersonalId('001225000001', { now: NOW }).ok).toBe(true);
  });

  test('next year is rejected', () => {
    expect(parsePersonalId('001226000001', { now: NOW })).toEqual({
      ok: false,
      code: 'PERSONAL_ID_FUTURE_BIRTH_YEAR',
      context: { year: 2026 },
    });
  });

  test.each([4, 5, 6, 7, 8, 9])('century digit %i lies in the future today', (g) => {
    const r = parsePersonalId(`001${g}00000001`, { now: NOW });
    expect(!r.ok && r.code).toBe('PERSONAL_ID_FUTURE_BIRTH_YEAR');
  });

  test('the year is taken in Vietnam time (UTC+7)', () => {
    // 2025-12-31T17:30Z is already 2026-01-01 00:30 in Vietnam.
    expect(parsePersonalId('001226000001', { now: new Date('2025-12-31T17:30:00Z') }).ok).toBe(true);
    expect(parsePersonalId('001226000001', { now: new Date('2025-12-31T16:30:00Z') }).ok).toBe(false);
  });

  test('an invalid `now` falls back to the current clock', () => {
    expect(parsePersonalId('001099012345', { now: new Date(Number.NaN) }).ok).toBe(true);
  });
});

describe('IDs registered abroad', () => {
  test('a first digit other than 0 is accepted by default, as origin abroad', () => {
    expect(parsePersonalId('840099012345', { now: NOW })).toEqual({
      ok: true,
      value: { id: '840099012345', origin: 'abroad', prefix: '840', sex: 'male', birthYear: 1999 },
    });
  });

  test('allowAbroad: false rejects them', () => {
    expect(parsePersonalId('840099012345', { now: NOW, allowAbroad: false })).toEqual({
      ok: false,
      code: 'PERSONAL_ID_ABROAD_NOT_ALLOWED',
      context: { prefix: '840' },
    });
  });

  test('allowAbroad: false still accepts domestic IDs', () => {
    expect(parsePersonalId('001099012345', { now: NOW, allowAbroad: false }).ok).toBe(true);
  });
});

describe('checkPersonalIdAgainstRecord', () => {
  const male1999 = info('001099012345');

  test.each(['1999', '1999-05', '1999-05-17'])('matching record (dateOfBirth %s) → no problems', (dob) => {
    expect(checkPersonalIdAgainstRecord(male1999, { dateOfBirth: dob, sex: 'male' })).toEqual([]);
  });

  test('birth year mismatch', () => {
    expect(checkPersonalIdAgainstRecord(male1999, { dateOfBirth: '1998-12-31' })).toEqual([
      { ok: false, code: 'PERSONAL_ID_BIRTH_YEAR_MISMATCH', context: { idYear: 1999, recordYear: 1998 } },
    ]);
  });

  test('sex mismatch', () => {
    expect(checkPersonalIdAgainstRecord(male1999, { sex: 'female' })).toEqual([
      { ok: false, code: 'PERSONAL_ID_SEX_MISMATCH', context: { idSex: 'male', recordSex: 'female' } },
    ]);
  });

  test('returns every problem found', () => {
    const codes = checkPersonalIdAgainstRecord(info('079303000123'), {
      dateOfBirth: '2002',
      sex: 'male',
    }).map((p) => p.code);
    expect(codes).toEqual(['PERSONAL_ID_BIRTH_YEAR_MISMATCH', 'PERSONAL_ID_SEX_MISMATCH']);
  });

  test.each([
    {},
    { sex: 'other' },
    { sex: 'unknown' },
    { sex: 'Female' },
    { dateOfBirth: '12/05/1998' },
    { dateOfBirth: '1998-02-30' },
    { dateOfBirth: '1998-13' },
  ])('ignores absent, other or malformed values: %j', (record) => {
    expect(checkPersonalIdAgainstRecord(male1999, record)).toEqual([]);
  });
});

describe('parseLegacyId', () => {
  test('a 9-digit CMND', () => {
    expect(parseLegacyId('012 345 678')).toEqual({ ok: true, value: { id: '012345678', kind: 'cmnd9' } });
  });

  test('a 12-digit number that is a valid personal ID', () => {
    expect(parseLegacyId('001099012345', { now: NOW })).toEqual({
      ok: true,
      value: { id: '001099012345', kind: 'cccd12' },
    });
  });

  test('a 12-digit number must pass parsePersonalId (its code is returned)', () => {
    expect(parseLegacyId('003099012345')).toEqual({
      ok: false,
      code: 'PERSONAL_ID_PROVINCE',
      context: { prefix: '003' },
    });
    expect(parseLegacyId('001226000001', { now: NOW })).toMatchObject({
      code: 'PERSONAL_ID_FUTURE_BIRTH_YEAR',
    });
  });

  test.each(['', '12345', '00109901234', '0123456789', '0010990123456', '01234567x'])(
    'other lengths or characters → LEGACY_ID_FORMAT: %j',
    (input) => {
      expect(parseLegacyId(input)).toEqual({ ok: false, code: 'LEGACY_ID_FORMAT' });
    },
  );

  test('non-string → FIELD_TYPE', () => {
    expect(parseLegacyId(12345678)).toEqual({
      ok: false,
      code: 'FIELD_TYPE',
      context: { expected: 'string' },
    });
  });
});

describe('properties', () => {
  const validId = fc
    .tuple(
      fc.constantFrom(...PROVINCE_PREFIXES),
      fc.integer({ min: 0, max: 9 }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 999_999 }),
    )
    .map(([p, g, yy, r]) => ({
      id: `${p}${g}${String(yy).padStart(2, '0')}${String(r).padStart(6, '0')}`,
      g,
      yy,
    }));
  const noisy = fc.stringMatching(/^[0-9 .-]{0,20}$/);

  test('never throws, for any value and options', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (input, opts) => {
        parsePersonalId(input, opts as never);
        parseLegacyId(input, opts as never);
        checkPersonalIdAgainstRecord(info('001099012345'), input as never);
      }),
    );
  });

  test('decodes sex and birth year as 1900 + 100·⌊G/2⌋ + YY', () => {
    fc.assert(
      fc.property(validId, ({ id, g, yy }) => {
        const r = parsePersonalId(id, { now: FAR_FUTURE });
        expect(r.ok && r.value).toMatchObject({
          id,
          sex: g % 2 === 0 ? 'male' : 'female',
          birthYear: 1900 + 100 * Math.floor(g / 2) + yy,
        });
      }),
    );
  });

  test('normalising is idempotent', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          validId.map((v) => v.id),
          noisy,
          fc.string(),
        ),
        (input) => {
          const first = parsePersonalId(input, { now: FAR_FUTURE });
          if (first.ok) expect(parsePersonalId(first.value.id, { now: FAR_FUTURE })).toEqual(first);
          const legacy = parseLegacyId(input, { now: FAR_FUTURE });
          if (legacy.ok) expect(parseLegacyId(legacy.value.id, { now: FAR_FUTURE })).toEqual(legacy);
        },
      ),
    );
  });

  test('a parsed ID never conflicts with a record built from itself', () => {
    fc.assert(
      fc.property(validId, ({ id }) => {
        const v = info(id, FAR_FUTURE);
        expect(checkPersonalIdAgainstRecord(v, { dateOfBirth: String(v.birthYear), sex: v.sex })).toEqual([]);
      }),
    );
  });
});
