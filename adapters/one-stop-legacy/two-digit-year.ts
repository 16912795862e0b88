/**
 * Two-digit years. The legacy system writes dates as dd/MM/yy (and moments as dd/MM/yy HH:mm), so every date it
 * sends names a day in any century. The rule that expands them uses what the field means:
 *
 * - A date is expanded by a WINDOW of plausible days, set by the field's meaning. The candidates are the same
 *   day and month in 1800+yy, 1900+yy, 2000+yy and 2100+yy (a day that does not exist in a century — 29/02/00
 *   in 1900 — is no candidate). Exactly one candidate in the window: that is the date. None, or more than one:
 *   the rule cannot decide and the date is refused (the record is malformed); it never picks the nearest.
 * - A dossier's reception (`pastEventWindow`): within the last 50 years and not in the future (today counts).
 *   The window is shorter than a century, so it never holds two candidates.
 * - What happens to a dossier after its reception — finished, returned, a progress entry (`sinceWindow`): on or
 *   after the reception day and not in the future.
 * - A deadline — the due date, a supplement deadline (`followingWindow`): on or after the day it was set, at
 *   most 10 years later (statutory times are days to months).
 * - A date of birth (`birthWindow`): not in the future, and the person at most 100 years old (older is
 *   implausible). That window is 101 years long, so a day within the last year is ambiguous — 05/03/26 could be
 *   a newborn or a centenarian — and is refused.
 *
 * "Today" is the calendar day in Asia/Ho_Chi_Minh. Dates are compared as ISO strings (YYYY-MM-DD).
 */
import { parseTimestamp, todayInVietnam } from '../../contracts/validators/date';

/** Inclusive range of plausible days, ISO 'YYYY-MM-DD'. */
export interface DateWindow {
  from: string;
  to: string;
}

export const PAST_EVENT_YEARS = 50;
export const MAX_AGE_YEARS = 100;
export const DEADLINE_YEARS = 10;

export type YearProblem = 'format' | 'out-of-window' | 'ambiguous';
export type Expanded = { ok: true; value: string } | { ok: false; problem: YearProblem };

const DMY = /^(\d{2})\/(\d{2})\/(\d{2})$/;
const DMY_HM = /^(\d{2})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2})$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;
const CENTURIES = [1800, 1900, 2000, 2100];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number): number =>
  m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

function parts(iso: string): [number, number, number] {
  const m = ISO_DAY.exec(iso);
  if (!m) throw new RangeError(`Not an ISO date: ${iso}`);
  return [+m[1], +m[2], +m[3]];
}

/** The same day `years` later (earlier when negative); 29 February becomes 28 February in a common year. */
export function addYears(iso: string, years: number): string {
  const [y, m, d] = parts(iso);
  const year = y + years;
  return `${pad(year, 4)}-${pad(m)}-${pad(Math.min(d, daysIn(year, m)))}`;
}

/** The next day. */
export function nextDay(iso: string): string {
  const [y, m, d] = parts(iso);
  if (d < daysIn(y, m)) return `${pad(y, 4)}-${pad(m)}-${pad(d + 1)}`;
  return m < 12 ? `${pad(y, 4)}-${pad(m + 1)}-01` : `${pad(y + 1, 4)}-01-01`;
}

/** A dossier's reception: [today − 50 years, today]. */
export function pastEventWindow(now: Date): DateWindow {
  const today = todayInVietnam(now);
  return { from: addYears(today, -PAST_EVENT_YEARS), to: today };
}

/** After the reception (finished, returned, progress): [reception day, today]. */
export function sinceWindow(anchor: string, now: Date): DateWindow {
  return { from: anchor.slice(0, 10), to: todayInVietnam(now) };
}

/** A deadline set on `anchor`: [anchor, anchor + 10 years]. */
export function followingWindow(anchor: string, years = DEADLINE_YEARS): DateWindow {
  const from = anchor.slice(0, 10);
  return { from, to: addYears(from, years) };
}

/** A date of birth: at most 100 full years old, not born after today: [today − 101 years + 1 day, today]. */
export function birthWindow(now: Date): DateWindow {
  const today = todayInVietnam(now);
  return { from: nextDay(addYears(today, -(MAX_AGE_YEARS + 1))), to: today };
}

/** Expands day, month and two-digit year within the window. */
function expand(day: number, month: number, yy: number, window: DateWindow): Expanded {
  if (month < 1 || month > 12 || day < 1) return { ok: false, problem: 'format' };
  const found: string[] = [];
  for (const century of CENTURIES) {
    const year = century + yy;
    if (day > daysIn(year, month)) continue;
    const iso = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
    if (iso >= window.from && iso <= window.to) found.push(iso);
  }
  if (found.length === 1) return { ok: true, value: found[0] };
  if (found.length > 1) return { ok: false, problem: 'ambiguous' };
  // No candidate at all because the day never exists (31/04/xx) is a format problem, not a window one.
  const exists = CENTURIES.some((c) => day <= daysIn(c + yy, month));
  return { ok: false, problem: exists ? 'out-of-window' : 'format' };
}

/** 'dd/MM/yy' → 'YYYY-MM-DD' within the window. */
export function readLegacyDate(text: string, window: DateWindow): Expanded {
  const m = DMY.exec(text);
  return m ? expand(+m[1], +m[2], +m[3], window) : { ok: false, problem: 'format' };
}

/** 'dd/MM/yy HH:mm' (Asia/Ho_Chi_Minh) → ISO 8601 with +07:00, the day expanded within the window. */
export function readLegacyTimestamp(text: string, window: DateWindow): Expanded {
  const m = DMY_HM.exec(text);
  if (!m) return { ok: false, problem: 'format' };
  const day = expand(+m[1], +m[2], +m[3], window);
  if (!day.ok) return day;
  const ts = parseTimestamp(`${day.value}T${m[4]}:${m[5]}:00+07:00`);
  return ts.ok ? { ok: true, value: ts.value } : { ok: false, problem: 'format' };
}

/** 'YYYY-MM-DD' → 'dd/MM/yy', as the system writes it (the century is lost). */
export function toLegacyDate(iso: string): string {
  const [y, m, d] = parts(iso);
  return `${pad(d)}/${pad(m)}/${pad(y % 100)}`;
}

/** A canonical timestamp (+07:00) → 'dd/MM/yy HH:mm' in Asia/Ho_Chi_Minh (seconds are lost). */
export function toLegacyTimestamp(timestamp: string): string {
  const ts = parseTimestamp(timestamp);
  if (!ts.ok) throw new RangeError(`Not a timestamp: ${timestamp}`);
  return `${toLegacyDate(ts.value)} ${ts.value.slice(11, 16)}`;
}
