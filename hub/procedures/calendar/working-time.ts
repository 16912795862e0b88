/**
 * The working-day calendar of Vietnam's state agencies, in Asia/Ho_Chi_Minh: which days are worked
 * (weekends, holidays, compensatory days and swaps as config/calendar/ says, or as the Labour Code
 * derives for a year nobody announced), office hours, and time limits counted in working days or hours.
 *
 * How a limit is counted (addWorkingTime):
 * - A dossier received outside office hours is received at the next opening of a working day (Decree
 *   118/2025, one-stop rules: received after office hours counts from the next working day).
 * - A limit in working days does not count the day of receipt (Civil Code 2015 Art. 147(1): a period in
 *   days starts the day after the event); it ends at the close of office hours of its last working day.
 * - A limit in working hours counts office time only, from the moment of receipt (moved to the next
 *   opening as above), and ends at the exact moment the hours are used up.
 */
import { dayOf, instantOf, isoDay, MINUTE_MS, WEEKDAYS, weekdayOf } from './days';
import type { CalendarData } from './load';
import { deriveYear, type CalendarYear } from './year';

/** A statutory limit: whole working days, or working hours where a procedure sets hours. */
export type WorkingLimit = { workingDays: number } | { workingHours: number };

/** Vietnam's offset from UTC in minutes (+07:00, no daylight saving). */
export const VN_OFFSET_MIN = 420;

/** How far a computation may look for the next working moment before the calendar is declared broken. */
const MAX_SCAN_DAYS = 400;

/** An instant as ISO 8601 in Vietnam time, `yyyy-MM-ddTHH:mm:ss+07:00`: every timestamp a person sees. */
export function vnTime(t: number | string | Date): string {
  const ms = typeof t === 'number' ? t : t instanceof Date ? t.getTime() : Date.parse(t);
  if (!Number.isFinite(ms)) throw new RangeError(`not a time: ${String(t)}`);
  return `${new Date(ms + VN_OFFSET_MIN * MINUTE_MS).toISOString().slice(0, 19)}+07:00`;
}

export interface WorkingCalendar {
  /** True when the local day (yyyy-MM-dd) is a working day. */
  isWorkingDay(date: string): boolean;
  /** Why a day is not worked (holiday name, "weekend"), or undefined when it is. */
  dayOff(date: string): string | undefined;
  /** Whether a year's days off were announced (a file) or derived from the Labour Code. */
  origin(year: number): 'announced' | 'derived';
  /** The due moment of a limit that starts at `start` (epoch ms). */
  addWorkingTime(start: number, limit: WorkingLimit): number;
  /** Office time between two instants, in ms (0 when `to` ≤ `from`). */
  workingMs(from: number, to: number): number;
  /** Office time of one working day, in ms. */
  readonly dayMs: number;
}

export function createWorkingCalendar(data: CalendarData): WorkingCalendar {
  const { settings } = data;
  const periods = settings.officeHours.map(
    ([a, b]) =>
      [
        Number(a.slice(0, 2)) * 60 + Number(a.slice(3)),
        Number(b.slice(0, 2)) * 60 + Number(b.slice(3)),
      ] as const,
  );
  const close = periods[periods.length - 1][1];
  const dayMs = periods.reduce((n, [a, b]) => n + (b - a) * MINUTE_MS, 0);
  const derived = new Map<number, CalendarYear>();
  const yearOf = (year: number): CalendarYear => {
    const announced = data.years.get(year);
    if (announced) return announced;
    if (year < 1900 || year > 2199) throw new RangeError(`no working calendar for ${year}`);
    let y = derived.get(year);
    if (!y) derived.set(year, (y = deriveYear(year, settings.weekend)));
    return y;
  };
  const offReason = (day: number): string | undefined => {
    const date = isoDay(day);
    const y = yearOf(Number(date.slice(0, 4)));
    if (y.workingDays.has(date)) return undefined;
    const off = y.daysOff.get(date);
    if (off) return off.name;
    return settings.weekend.includes(WEEKDAYS[weekdayOf(day)]) ? 'weekend' : undefined;
  };
  const working = (day: number) => offReason(day) === undefined;

  /** The first instant ≥ t inside office hours of a working day. */
  const nextOfficeMoment = (t: number): number => {
    let day = dayOf(t, VN_OFFSET_MIN);
    let minute = (t - instantOf(day, 0, VN_OFFSET_MIN)) / MINUTE_MS;
    for (let i = 0; i < MAX_SCAN_DAYS; i++, day++, minute = -1) {
      if (!working(day)) continue;
      for (const [a, b] of periods) {
        if (minute < b) return minute <= a ? instantOf(day, a, VN_OFFSET_MIN) : t;
      }
    }
    throw new RangeError(`no working day within ${MAX_SCAN_DAYS} days of ${vnTime(t)}`);
  };

  const addDays = (start: number, n: number): number => {
    let day = dayOf(nextOfficeMoment(start), VN_OFFSET_MIN);
    for (let counted = 0, scanned = 0; counted < n; scanned++) {
      if (scanned > n + MAX_SCAN_DAYS) throw new RangeError('the calendar has no working days');
      day++;
      if (working(day)) counted++;
    }
    return instantOf(day, close, VN_OFFSET_MIN);
  };

  const addHours = (start: number, hours: number): number => {
    let left = Math.round(hours * 3_600_000);
    let t = nextOfficeMoment(start);
    for (;;) {
      const day = dayOf(t, VN_OFFSET_MIN);
      const minute = (t - instantOf(day, 0, VN_OFFSET_MIN)) / MINUTE_MS;
      const [, b] = periods.find(([a, end]) => minute >= a && minute < end)!;
      const end = instantOf(day, b, VN_OFFSET_MIN);
      if (t + left <= end) return t + left;
      left -= end - t;
      t = nextOfficeMoment(end);
    }
  };

  return {
    dayMs,
    isWorkingDay: (date) => working(Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000)),
    dayOff: (date) => offReason(Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000)),
    origin: (year) => yearOf(year).origin,
    addWorkingTime(start, limit) {
      if (!Number.isFinite(start)) throw new RangeError('the start of a limit must be a time');
      if ('workingDays' in limit) {
        if (!Number.isInteger(limit.workingDays) || limit.workingDays < 1)
          throw new RangeError('a limit in working days is a whole number ≥ 1');
        return addDays(start, limit.workingDays);
      }
      if (!(limit.workingHours > 0)) throw new RangeError('a limit in working hours is > 0');
      return addHours(start, limit.workingHours);
    },
    workingMs(from, to) {
      if (!(to > from)) return 0;
      let total = 0;
      for (let day = dayOf(from, VN_OFFSET_MIN); day <= dayOf(to, VN_OFFSET_MIN); day++) {
        if (!working(day)) continue;
        for (const [a, b] of periods) {
          const s = Math.max(from, instantOf(day, a, VN_OFFSET_MIN));
          const e = Math.min(to, instantOf(day, b, VN_OFFSET_MIN));
          if (e > s) total += e - s;
        }
      }
      return total;
    },
  };
}
