/**
 * The lunar dates behind the holidays, against published tables: Tết (mùng 1 Tết) 2020–2030 as the
 * Vietnamese calendar gives them (2030 is where it parts from the Chinese calendar: 2 February, not 3),
 * and Giỗ Tổ Hùng Vương as it was observed.
 */
import { hungKingsDayOf, lunarToSolar, solarToLunar, tetOf } from './lunar';

/** Mùng 1 Tết, 2020–2030 (Vietnamese calendar, UTC+7). */
const PUBLISHED_TET: Record<number, string> = {
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-02',
};

describe('Vietnamese lunar calendar', () => {
  it.each(Object.entries(PUBLISHED_TET))('Tết %s falls on %s', (year, date) => {
    expect(tetOf(Number(year))).toBe(date);
    expect(solarToLunar(date)).toEqual({ year: Number(year), month: 1, day: 1, leap: false });
  });

  it('Giỗ Tổ Hùng Vương as observed (10/3 âm lịch)', () => {
    expect(hungKingsDayOf(2024)).toBe('2024-04-18');
    expect(hungKingsDayOf(2025)).toBe('2025-04-07');
    expect(hungKingsDayOf(2026)).toBe('2026-04-26');
  });

  it('the day before Tết is the last day of the old lunar year', () => {
    expect(solarToLunar('2026-02-16')).toMatchObject({ year: 2025, month: 12, day: 29 });
    expect(solarToLunar('2025-01-28')).toMatchObject({ year: 2024, month: 12, day: 29 });
  });

  it('does not depend on the time zone of the process', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = tz;
        expect(tetOf(2030)).toBe('2030-02-02');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('refuses a day that does not exist', () => {
    expect(() => lunarToSolar(2026, 13, 1)).toThrow(RangeError);
  });
});
