/**
 * One year of the working calendar: the days off beyond the weekend (holidays, compensatory days, the
 * days given by a swap) and the weekend days worked instead — as announced (a file of config/calendar/)
 * or derived from the Labour Code when nothing was announced.
 */
import { dayNumber, isoDay, weekdayOf, WEEKDAYS, type Weekday } from './days';
import { defaultHolidays } from './statutory';

export type DayOffKind = 'holiday' | 'compensatory' | 'swap';

export interface CalendarYear {
  year: number;
  /** Where the dates come from: the announcement(s), or "derived" when nothing was announced. */
  origin: 'announced' | 'derived';
  daysOff: Map<string, { name: string; kind: DayOffKind }>;
  /** Weekend days worked (a swap's make-up day). */
  workingDays: Map<string, string>;
}

/**
 * A year nobody announced: the statutory holidays (statutory.ts) and, for each that falls on a weekly
 * day off, a compensatory day on the next working day (Labour Code 2019 Art. 112(3)).
 */
export function deriveYear(year: number, weekend: readonly Weekday[]): CalendarYear {
  const off = new Map<string, { name: string; kind: DayOffKind }>();
  const isWeekend = (d: number) => weekend.includes(WEEKDAYS[weekdayOf(d)]);
  const holidays = defaultHolidays(year);
  for (const h of holidays) off.set(h.date, { name: h.name, kind: 'holiday' });
  for (const h of holidays) {
    const d = dayNumber(h.date);
    if (!isWeekend(d)) continue;
    let c = d + 1;
    while (isWeekend(c) || off.has(isoDay(c))) c++;
    off.set(isoDay(c), { name: `Nghỉ bù ${h.name}`, kind: 'compensatory' });
  }
  return { year, origin: 'derived', daysOff: off, workingDays: new Map() };
}
