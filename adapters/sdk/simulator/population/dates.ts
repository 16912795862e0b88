/**
 * Dates for the synthetic population: the fixed reference date ("today", never the clock) and the first and
 * last years and day of the generated history, with plain ISO-date arithmetic (YYYY-MM-DD strings and day
 * counts, no Date objects): day counts, adding days and years, min/max, completed age, and a random day
 * between two dates.
 */
import type { Rng } from './random';

/** "Today" for the population: ages, card validity and "not born in the future" are relative to this date. */
export const REFERENCE_DATE = '2026-01-01';
export const LAST_DAY = '2025-12-31';
export const LAST_YEAR = 2025;
export const FIRST_YEAR = 1935;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
/** Days since 1970-01-01 of an ISO date (proleptic Gregorian; arithmetic, no Date objects). */
function toDays(iso: string): number {
  const m = +iso.slice(5, 7);
  const y = +iso.slice(0, 4) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + +iso.slice(8, 10) - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}
/** The ISO date of a day count since 1970-01-01 (inverse of toDays). */
function fromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return `${yoe + era * 400 + (m <= 2 ? 1 : 0)}-${pad2(m)}-${pad2(d)}`;
}
export const addDays = (iso: string, n: number): string => fromDays(toDays(iso) + n);
export const minDate = (a: string, b: string): string => (a < b ? a : b);
export const maxDate = (a: string, b: string): string => (a > b ? a : b);
export const yearOf = (iso: string): number => +iso.slice(0, 4);
/** The same day n years later (29 February → 28 February). */
export const addYears = (iso: string, n: number): string =>
  `${yearOf(iso) + n}${iso.slice(4) === '-02-29' ? '-02-28' : iso.slice(4)}`;
/** Completed years at REFERENCE_DATE. */
export const ageAt = (dob: string, ref = REFERENCE_DATE): number =>
  yearOf(ref) - yearOf(dob) - (dob.slice(5) > ref.slice(5) ? 1 : 0);
export const between = (r: Rng, from: string, to: string): string =>
  fromDays(r.int(toDays(from), toDays(to)));
