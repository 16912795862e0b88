/**
 * Vietnamese lunar dates (âm lịch), for the holidays the law sets by the lunar calendar: Tết Nguyên Đán
 * (1st day of the 1st month) and Giỗ Tổ Hùng Vương (10th day of the 3rd month).
 *
 * The Vietnamese calendar is the Chinese one computed for UTC+7 instead of UTC+8, so the two part when a
 * new moon falls between 23:00 and 24:00 Vietnam time: Tết 2030 is 2 February in Vietnam, 3 February in
 * China. Libraries of the Chinese calendar (lunar-javascript, tyme4ts) therefore give wrong Vietnamese
 * dates; `vietnamese-lunar-calendar` implements Hồ Ngọc Đức's algorithm with the time zone as a
 * parameter. lunar.test.ts checks it against the published Tết dates 2020–2030.
 */
import { convertLunar2Solar, convertSolar2Lunar } from 'vietnamese-lunar-calendar/build/solar-lunar';

/** Vietnam's time zone, in hours east of UTC, for the lunar computation. */
const VN_TIME_ZONE = 7;

/** The Gregorian date (yyyy-MM-dd) of a day of the (non-leap) lunar month. */
export function lunarToSolar(lunarYear: number, lunarMonth: number, lunarDay: number): string {
  const ok = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;
  if (!ok(lunarMonth, 12) || !ok(lunarDay, 30) || !Number.isInteger(lunarYear))
    throw new RangeError(`no lunar day ${lunarDay}/${lunarMonth}/${lunarYear}`);
  const d = convertLunar2Solar(lunarDay, lunarMonth, lunarYear, 0, VN_TIME_ZONE) as unknown;
  // The library answers a Date at local midnight (of the process's zone), or [0, 0, 0] for no such day.
  if (!(d instanceof Date)) throw new RangeError(`no lunar day ${lunarDay}/${lunarMonth}/${lunarYear}`);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The lunar date of a Gregorian date (yyyy-MM-dd). */
export function solarToLunar(date: string): { year: number; month: number; day: number; leap: boolean } {
  const [y, m, d] = date.split('-').map(Number);
  const l = convertSolar2Lunar(d, m, y, VN_TIME_ZONE);
  return { year: l.year, month: l.month, day: l.date, leap: l.isLeap };
}

/** Mùng 1 Tết of the lunar year that starts in Gregorian year `year`. */
export const tetOf = (year: number): string => lunarToSolar(year, 1, 1);

/** Giỗ Tổ Hùng Vương (10/3 âm lịch) in Gregorian year `year`. */
export const hungKingsDayOf = (year: number): string => lunarToSolar(year, 3, 10);
