/** Dates (possibly partial) and timestamps in Asia/Ho_Chi_Minh (UTC+7): formats, edge cases and properties. */
import fc from 'fast-check';
import { FIELD_ERRORS } from '../errors/catalogue';
import {
  comparePartialDates,
  formatDisplayDate,
  parseDate,
  parseTimestamp,
  todayInVietnam,
  toPortalTimestamp,
  yearOf,
} from './date';

/** 2025-07-01 10:00 in Vietnam. */
const NOW = new Date('2025-07-01T03:00:00Z');

const ok = (value: string, precision: 'year' | 'month' | 'day') => ({
  ok: true,
  value: { value, precision },
});

describe('parseDate formats', () => {
  test.each([
    ['31/12/2020', '2020-12-31'],
    ['01/02/2020', '2020-02-01'],
    ['1/2/2020', '2020-02-01'],
    ['1-2-2020', '2020-02-01'],
    ['01.02.2020', '2020-02-01'],
    [' 05/06/2007 ', '2007-06-05'],
    ['2020-02-01', '2020-02-01'],
  ])('day: %j → %s', (input, value) => {
    expect(parseDate(input)).toEqual(ok(value, 'day'));
  });

  test.each([
    ['12/2020', '2020-12'],
    ['3/2020', '2020-03'],
    ['03-2020', '2020-03'],
    ['03.2020', '2020-03'],
    ['2020-03', '2020-03'],
  ])('month: %j → %s', (input, value) => {
    expect(parseDate(input)).toEqual(ok(value, 'month'));
  });

  // Issue #11: forms of real Vietnamese documents.
  test.each([
    ['ngày 12 tháng 3 năm 1999', '1999-03-12', 'day'],
    ['Ngày 12 Tháng 03 Năm 1999', '1999-03-12', 'day'],
    ['NGÀY 12 THÁNG 3 NĂM 1999', '1999-03-12', 'day'],
    ['ngày 12 tháng 3 năm 1999'.normalize('NFD'), '1999-03-12', 'day'],
    ['ngày  5  tháng  10  năm  2001', '2001-10-05', 'day'],
    ['tháng 3 năm 1999', '1999-03', 'month'],
    ['năm 1999', '1999', 'year'],
    ['Ngày 12/03/1999', '1999-03-12', 'day'],
    ['ngày: 12/03/1999', '1999-03-12', 'day'],
    ['1999/03/12', '1999-03-12', 'day'],
    ['2020/02/01', '2020-02-01', 'day'],
    ['1999-3-12', '1999-03-12', 'day'],
    ['2020-2-1', '2020-02-01', 'day'],
    ['1999.03.12', '1999-03-12', 'day'],
    ['12 / 03 / 1999', '1999-03-12', 'day'],
    ['1999 / 03 / 12', '1999-03-12', 'day'],
    ['03 / 1999', '1999-03', 'month'],
    ['12/03/1999 10:00', '1999-03-12', 'day'],
    ['12/03/1999 10:00:59', '1999-03-12', 'day'],
    ['1999-03-12T10:00', '1999-03-12', 'day'],
  ])('Vietnamese document form %j → %s', (input, value, precision) => {
    expect(parseDate(input)).toEqual(ok(value, precision as 'day' | 'month' | 'year'));
  });

  test.each([
    'ngày 30 tháng 2 năm 1998',
    '1998/02/30',
    '1999-2-29',
    '30 / 02 / 1998',
    '30/02/1998 10:00',
    'tháng 13 năm 1999',
  ])('nonexistent in a document form %j → DATE_INVALID', (input) => {
    expect(parseDate(input)).toEqual({ ok: false, code: 'DATE_INVALID', context: { value: input } });
  });

  test('year: 1985', () => {
    expect(parseDate('1985')).toEqual(ok('1985', 'year'));
  });

  test.each([
    ['2025-06-30T17:00:00Z', '2025-07-01'],
    ['2025-06-30T16:59:59.999Z', '2025-06-30'],
    ['2025-07-01T00:30:00+07:00', '2025-07-01'],
    ['2025-06-30T23:30:00-05:00', '2025-07-01'],
    ['2025-07-01T08:30', '2025-07-01'],
    ['2025-07-01 08:30:00', '2025-07-01'],
    ['20250701000000', '2025-07-01'],
    ['20250630235959', '2025-06-30'],
  ])('date-time %j → the calendar date in Vietnam, %s', (input, value) => {
    expect(parseDate(input)).toEqual(ok(value, 'day'));
  });

  test.each([
    '01/02/20',
    '1/2/20',
    '02/20',
    '20',
    '99',
    '2020/02-01',
    '01/02-2020',
    '12 tháng 3 1999',
    'ngày 12',
    'ngày 12 tháng 3',
    'Ngày 12',
    'tháng 3',
    '20200201',
    '1.2.',
    'abc',
    '',
  ])('rejected format %j → DATE_FORMAT', (input) => {
    expect(parseDate(input)).toEqual({ ok: false, code: 'DATE_FORMAT' });
  });

  // The DATE_FORMAT message tells the sender what to write instead: every form it names, in both languages,
  // must be one parseDate accepts, and the forms of Vietnamese documents (#11) must be among them.
  test.each([
    ['dd/MM/yyyy', '12/03/1999', '1999-03-12'],
    ['MM/yyyy', '03/1999', '1999-03'],
    ['yyyy', '1999', '1999'],
    ['yyyy-MM-dd', '1999-03-12', '1999-03-12'],
    ['yyyy/MM/dd', '1999/03/12', '1999-03-12'],
    ['“ngày dd tháng MM năm yyyy”', 'ngày 12 tháng 03 năm 1999', '1999-03-12'],
    ['dd/MM/yyyy HH:mm', '12/03/1999 10:00', '1999-03-12'],
    ['ISO 8601', '1999-03-12T10:00:00+07:00', '1999-03-12'],
    ['yyyyMMddHHmmss', '19990312100000', '1999-03-12'],
  ])('the DATE_FORMAT message names %s, and parseDate accepts it (%j)', (form, example, value) => {
    expect(FIELD_ERRORS.DATE_FORMAT.en).toContain(form);
    expect(FIELD_ERRORS.DATE_FORMAT.vi).toContain(form);
    expect(parseDate(example)).toMatchObject({ ok: true, value: { value } });
  });

  it('the DATE_FORMAT message names no other form', () => {
    const forms = (text: string) => text.match(/[dMyHms]{2,}(?:[/.: -][dMyHms]{2,})*/g);
    const named = [
      'dd/MM/yyyy',
      'MM/yyyy',
      'yyyy',
      'yyyy-MM-dd',
      'yyyy/MM/dd',
      'dd/MM/yyyy HH:mm',
      'yyyyMMddHHmmss',
    ];
    expect(forms(FIELD_ERRORS.DATE_FORMAT.en)?.sort()).toEqual([...named, 'dd', 'MM', 'yyyy'].sort());
    expect(forms(FIELD_ERRORS.DATE_FORMAT.vi)?.sort()).toEqual([...named, 'dd', 'MM', 'yyyy'].sort());
  });

  test.each([
    '31/02/2020',
    '31/04/2021',
    '00/01/2020',
    '13/2020',
    '00/2020',
    '2020-13',
    '2020-00-10',
    '32/01/2020',
    '20250231000000',
    '20250701240000',
    '2025-07-01T08:60:00Z',
    '2025-07-01T08:00:00+24:00',
  ])('nonexistent %j → DATE_INVALID {value}', (input) => {
    expect(parseDate(input)).toEqual({ ok: false, code: 'DATE_INVALID', context: { value: input } });
  });

  test.each([undefined, null, 2020, new Date(), ['2020']])('non-string %p → FIELD_TYPE', (input) => {
    expect(parseDate(input)).toEqual({ ok: false, code: 'FIELD_TYPE', context: { expected: 'string' } });
  });
});

describe('leap days', () => {
  test.each(['29/02/2020', '29/02/2000', '2400-02-29', '29/02/1804'])('%s exists', (input) => {
    expect(parseDate(input).ok).toBe(true);
  });

  test.each(['29/02/2019', '29/02/1900', '2100-02-29', '29/02/1800'])('%s does not exist', (input) => {
    expect(parseDate(input)).toMatchObject({ ok: false, code: 'DATE_INVALID' });
  });
});

describe('year range 1800–9999', () => {
  test.each(['1800', '01/01/1800', '9999', '31/12/9999'])('%s is accepted', (input) => {
    expect(parseDate(input).ok).toBe(true);
  });

  test.each(['1799', '31/12/1799', '0000', '0999-01-01', '1799-12-31T16:59:59Z'])(
    '%s → FIELD_OUT_OF_RANGE',
    (input) => {
      expect(parseDate(input)).toEqual({ ok: false, code: 'FIELD_OUT_OF_RANGE' });
    },
  );

  test('five-digit years are a format error', () => {
    expect(parseDate('10000')).toEqual({ ok: false, code: 'DATE_FORMAT' });
  });
});

describe('options', () => {
  test('allowPartial: false rejects a year or a month', () => {
    expect(parseDate('1985', { allowPartial: false })).toEqual({
      ok: false,
      code: 'DATE_PARTIAL_NOT_ALLOWED',
    });
    expect(parseDate('03/1985', { allowPartial: false })).toEqual({
      ok: false,
      code: 'DATE_PARTIAL_NOT_ALLOWED',
    });
    expect(parseDate('01/03/1985', { allowPartial: false })).toEqual(ok('1985-03-01', 'day'));
  });

  test.each([
    ['2025', true],
    ['2026', false],
    ['2025-07', true],
    ['07/2025', true],
    ['08/2025', false],
    ['2025-07-01', true],
    ['02/07/2025', false],
    ['2025-07-01T23:00:00+07:00', true],
    ['2025-07-01T17:00:00Z', false],
    ['9999', false],
  ])('notFuture with now = 2025-07-01 10:00 in Vietnam: %s accepted: %s', (input, accepted) => {
    const r = parseDate(input, { notFuture: true, now: NOW });
    expect(r.ok ? true : r.code).toBe(accepted ? true : 'DATE_FUTURE');
  });

  test('notFuture compares in Vietnam time', () => {
    // 2025-06-30T17:30Z is already 1 July, 00:30 in Vietnam.
    const now = new Date('2025-06-30T17:30:00Z');
    expect(parseDate('01/07/2025', { notFuture: true, now }).ok).toBe(true);
    expect(parseDate('02/07/2025', { notFuture: true, now }).ok).toBe(false);
  });

  test('future dates are accepted without notFuture', () => {
    expect(parseDate('01/01/2100', { now: NOW }).ok).toBe(true);
  });

  test('the order of checks: format, existence, range, partial, future', () => {
    expect(parseDate('2099', { allowPartial: false, notFuture: true, now: NOW })).toMatchObject({
      code: 'DATE_PARTIAL_NOT_ALLOWED',
    });
    expect(parseDate('1700', { allowPartial: false })).toMatchObject({ code: 'FIELD_OUT_OF_RANGE' });
  });
});

describe('parseTimestamp', () => {
  const CANON = '2025-07-01T08:30:00+07:00';

  test.each([
    '20250701083000',
    '01/07/2025 08:30:00',
    '01/07/2025 08:30',
    '1/7/2025 8:30',
    '01-07-2025 08:30:00',
    '2025-07-01T08:30:00+07:00',
    '2025-07-01T08:30:00+0700',
    '2025-07-01T08:30:00+07',
    '2025-07-01T01:30:00Z',
    '2025-07-01T01:30:00.999Z',
    '2025-06-30T20:30:00-05:00',
    '2025-07-01T07:00:00+05:30',
    '2025-07-01T08:30:00',
    '2025-07-01 08:30',
    '2025-07-01t01:30:00z',
  ])('%j → 2025-07-01T08:30:00+07:00', (input) => {
    expect(parseTimestamp(input)).toEqual({ ok: true, value: CANON });
  });

  test('a JS Date', () => {
    expect(parseTimestamp(new Date('2025-07-01T01:30:00.750Z'))).toEqual({ ok: true, value: CANON });
  });

  test('crossing midnight and the year boundary', () => {
    expect(parseTimestamp('2025-12-31T17:00:00Z')).toEqual({ ok: true, value: '2026-01-01T00:00:00+07:00' });
    expect(parseTimestamp('2024-02-28T20:00:00Z')).toEqual({ ok: true, value: '2024-02-29T03:00:00+07:00' });
  });

  test('fractions of a second are truncated, also before 1970', () => {
    expect(parseTimestamp(new Date(-500))).toEqual({ ok: true, value: '1970-01-01T06:59:59+07:00' });
    expect(parseTimestamp('1969-12-31T23:59:59.9Z')).toEqual({
      ok: true,
      value: '1970-01-01T06:59:59+07:00',
    });
  });

  test.each([
    '2025-07-01',
    '2025-07',
    '01/07/2025',
    '202507010830',
    '2025-07-01T08',
    '01/07/25 08:30',
    'now',
    '',
  ])('%j → TIMESTAMP_FORMAT', (input) => {
    expect(parseTimestamp(input)).toEqual({ ok: false, code: 'TIMESTAMP_FORMAT' });
  });

  test.each([
    '20250231083000',
    '20250701083060',
    '31/06/2025 08:30',
    '01/07/2025 24:00',
    '2025-07-01T08:30:00+07:60',
  ])('%j → DATE_INVALID', (input) => {
    expect(parseTimestamp(input)).toEqual({ ok: false, code: 'DATE_INVALID', context: { value: input } });
  });

  test('an invalid Date → DATE_INVALID', () => {
    expect(parseTimestamp(new Date(Number.NaN))).toEqual({
      ok: false,
      code: 'DATE_INVALID',
      context: { value: 'Invalid Date' },
    });
  });

  test.each(['9999-12-31T17:00:00Z', '1799-12-31T16:59:59Z', '17991231235959'])(
    'a year outside 1800–9999 in Vietnam time: %s → FIELD_OUT_OF_RANGE',
    (input) => {
      expect(parseTimestamp(input)).toEqual({ ok: false, code: 'FIELD_OUT_OF_RANGE' });
    },
  );

  test.each([undefined, null, 1_751_333_400_000, {}])('non-string %p → FIELD_TYPE', (input) => {
    expect(parseTimestamp(input)).toEqual({ ok: false, code: 'FIELD_TYPE', context: { expected: 'string' } });
  });
});

describe('toPortalTimestamp', () => {
  test('converts to yyyyMMddHHmmss in Vietnam time', () => {
    expect(toPortalTimestamp('2025-07-01T08:30:00+07:00')).toBe('20250701083000');
    expect(toPortalTimestamp('2025-06-30T17:00:00Z')).toBe('20250701000000');
  });

  test('throws RangeError on what is not a timestamp', () => {
    expect(() => toPortalTimestamp('2025-07-01')).toThrow(RangeError);
  });
});

describe('formatDisplayDate, yearOf, todayInVietnam', () => {
  test.each([
    ['2025-07-01', '01/07/2025'],
    ['2025-07', '07/2025'],
    ['2025', '2025'],
  ])('formatDisplayDate(%s) → %s', (d, shown) => {
    expect(formatDisplayDate(d)).toBe(shown);
  });

  test.each([
    ['2025-07-01', 2025],
    ['1985-03', 1985],
    ['1800', 1800],
  ])('yearOf(%s) → %i', (d, y) => {
    expect(yearOf(d)).toBe(y);
  });

  test.each(['01/07/2025', '2025-02-30', '2025-13', '1799', ''])('formatters throw RangeError on %j', (d) => {
    expect(() => formatDisplayDate(d)).toThrow(RangeError);
    expect(() => yearOf(d)).toThrow(RangeError);
  });

  test('todayInVietnam uses UTC+7', () => {
    expect(todayInVietnam(new Date('2025-06-30T16:59:59Z'))).toBe('2025-06-30');
    expect(todayInVietnam(new Date('2025-06-30T17:00:00Z'))).toBe('2025-07-01');
    expect(todayInVietnam()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(() => todayInVietnam(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('comparePartialDates', () => {
  test.each<[string, string, -1 | 0 | 1 | undefined]>([
    ['2024', '2025', -1],
    ['2025-12-31', '2025', undefined],
    ['2025', '2025', 0],
    ['2025-06', '2025-07', -1],
    ['2025-07', '2025-07-15', undefined],
    ['2025-07-15', '2025-07-14', 1],
    ['2025-07-15', '2025-07-15', 0],
    ['2024-12-31', '2025', -1],
    ['2025-08-01', '2025-07', 1],
  ])('%s vs %s → %p', (a, b, want) => {
    expect(comparePartialDates(a, b)).toBe(want);
    expect(comparePartialDates(b, a)).toBe(want === undefined || want === 0 ? want : -want);
  });

  test('throws RangeError on what is not a partial date', () => {
    expect(() => comparePartialDates('2025', '01/01/2025')).toThrow(RangeError);
  });
});

describe('properties', () => {
  const year = fc.integer({ min: 1800, max: 9999 });
  const partialInput = fc.oneof(
    fc
      .tuple(
        fc.integer({ min: 0, max: 33 }),
        fc.integer({ min: 0, max: 13 }),
        year,
        fc.constantFrom('/', '-', '.'),
      )
      .map(([d, m, y, sep]) => `${d}${sep}${m}${sep}${y}`),
    fc.tuple(fc.integer({ min: 1, max: 12 }), year).map(([m, y]) => `${String(m).padStart(2, '0')}/${y}`),
    year.map(String),
    fc.stringMatching(/^[0-9/.:T+Z -]{0,25}$/),
    fc.string(),
  );
  const instant = fc.date({
    min: new Date('1800-01-01T00:00:00Z'),
    max: new Date('9999-12-31T00:00:00Z'),
    noInvalidDate: true,
  });
  const partial = fc
    .tuple(
      year,
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 31 }),
      fc.integer({ min: 0, max: 2 }),
    )
    .map(([y, m, d, p]) => {
      const r = parseDate(p === 0 ? String(y) : p === 1 ? `${m}/${y}` : `${d}/${m}/${y}`);
      return r.ok ? r.value.value : String(y);
    });

  test('never throws, for any value and options', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (input, opts) => {
        parseDate(input, opts as never);
        parseTimestamp(input);
      }),
    );
  });

  test('formatters refuse objects with a broken toString with a RangeError too', () => {
    // A counterexample fast-check found: String() of it throws a TypeError.
    const odd = { toString: 0 } as unknown as string;
    for (const f of [
      () => formatDisplayDate(odd),
      () => yearOf(odd),
      () => toPortalTimestamp(odd),
      () => comparePartialDates(odd, '2020'),
    ]) {
      expect(f).toThrow(RangeError);
    }
  });

  test('formatters throw nothing but RangeError', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (a, b) => {
        for (const f of [
          () => formatDisplayDate(a as string),
          () => yearOf(a as string),
          () => toPortalTimestamp(a as string),
          () => comparePartialDates(a as string, b as string),
        ]) {
          try {
            f();
          } catch (e) {
            expect(e).toBeInstanceOf(RangeError);
          }
        }
      }),
    );
  });

  test('parseDate is idempotent', () => {
    fc.assert(
      fc.property(partialInput, (input) => {
        const first = parseDate(input);
        if (first.ok) expect(parseDate(first.value.value)).toEqual(first);
      }),
    );
  });

  test('formatDisplayDate round-trips through parseDate', () => {
    fc.assert(
      fc.property(partial, (d) => {
        expect(parseDate(formatDisplayDate(d))).toEqual(parseDate(d));
        expect(yearOf(d)).toBe(Number(d.slice(0, 4)));
      }),
    );
  });

  test('parseTimestamp is idempotent and agrees with the instant', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const r = parseTimestamp(t);
        if (!r.ok) return; // within 7 h of the range ends
        expect(parseTimestamp(r.value)).toEqual(r);
        expect(parseTimestamp(t.toISOString())).toEqual(r);
        expect(parseTimestamp(toPortalTimestamp(r.value))).toEqual(r);
        expect(Date.parse(r.value)).toBe(Math.floor(t.getTime() / 1000) * 1000);
        expect(parseDate(t.toISOString())).toEqual(ok(r.value.slice(0, 10), 'day'));
      }),
    );
  });

  test('comparePartialDates orders full dates like their instants, and is antisymmetric', () => {
    fc.assert(
      fc.property(partial, partial, (a, b) => {
        const c = comparePartialDates(a, b);
        const back = comparePartialDates(b, a);
        expect(back).toBe(c === undefined || c === 0 ? c : -c);
        if (a.length === 10 && b.length === 10) expect(c).toBe(Math.sign(Date.parse(a) - Date.parse(b)));
      }),
    );
  });
});
