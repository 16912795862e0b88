/**
 * The public holidays the Labour Code sets (Bộ luật Lao động 2019, Art. 112(1)), for a Gregorian year:
 * New Year (1/1), Tết Nguyên Đán (5 days by the lunar calendar), Giỗ Tổ Hùng Vương (10/3 âm lịch),
 * 30/4, 1/5, and Quốc khánh (2/9 with one adjacent day). The government announces each year which
 * days around Tết and which day beside 2/9 are taken, and any swaps; those announcements are the
 * files in config/calendar/. What is here serves twice: to check each file names the fixed holidays on
 * the right dates (a file with Giỗ Tổ on the wrong day does not load), and to derive a year nobody has
 * announced yet (derive.ts).
 */
import { dayNumber, isoDay, weekdayOf } from './days';
import { hungKingsDayOf, tetOf } from './lunar';

export interface Holiday {
  date: string;
  name: string;
}

/** Holidays whose date the law fixes, so that every year's file must give them. */
export function fixedHolidays(year: number): Holiday[] {
  return [
    { date: `${year}-01-01`, name: 'Tết Dương lịch' },
    { date: tetOf(year), name: 'Tết Nguyên đán (mùng 1)' },
    { date: isoDay(dayNumber(tetOf(year)) + 1), name: 'Tết Nguyên đán (mùng 2)' },
    { date: isoDay(dayNumber(tetOf(year)) + 2), name: 'Tết Nguyên đán (mùng 3)' },
    { date: hungKingsDayOf(year), name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    { date: `${year}-04-30`, name: 'Ngày Chiến thắng' },
    { date: `${year}-05-01`, name: 'Ngày Quốc tế Lao động' },
    { date: `${year}-09-02`, name: 'Quốc khánh' },
  ];
}

const isWeekend = (day: number) => [0, 6].includes(weekdayOf(day));

/**
 * The statutory holidays of a year as a default when nothing was announced: Tết is the last day of the
 * old lunar year and mùng 1–4 (the most common announcement); the day beside 2/9 is the one that
 * joins a weekend when one does (1/9 on a Tuesday, 3/9 on a Thursday), else 1/9.
 */
export function defaultHolidays(year: number): Holiday[] {
  const tet = dayNumber(tetOf(year));
  const national = dayNumber(`${year}-09-02`);
  const before = national - 1;
  const after = national + 1;
  const joins = (d: number, other: number) => !isWeekend(d) && isWeekend(other);
  const adjacent = joins(after, after + 1) && !joins(before, before - 1) ? after : before;
  return [
    { date: `${year}-01-01`, name: 'Tết Dương lịch' },
    { date: isoDay(tet - 1), name: 'Tết Nguyên đán (ngày cuối năm âm lịch)' },
    ...[1, 2, 3, 4].map((n) => ({ date: isoDay(tet + n - 1), name: `Tết Nguyên đán (mùng ${n})` })),
    { date: hungKingsDayOf(year), name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    { date: `${year}-04-30`, name: 'Ngày Chiến thắng' },
    { date: `${year}-05-01`, name: 'Ngày Quốc tế Lao động' },
    { date: isoDay(adjacent), name: 'Quốc khánh (ngày liền kề)' },
    { date: `${year}-09-02`, name: 'Quốc khánh' },
  ].sort((a, b) => a.date.localeCompare(b.date));
}
