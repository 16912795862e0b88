/**
 * Local days as integers: the number of days since 1970-01-01 in Vietnam's time (UTC+7, no daylight
 * saving since 1975), so that day arithmetic never meets a time zone or a DST gap.
 */
export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

/** The day number of an instant, for a zone `offsetMin` minutes east of UTC. */
export const dayOf = (t: number, offsetMin: number): number =>
  Math.floor((t + offsetMin * MINUTE_MS) / DAY_MS);

/** The instant of a minute of a local day. */
export const instantOf = (day: number, minute: number, offsetMin: number): number =>
  day * DAY_MS + (minute - offsetMin) * MINUTE_MS;

/** yyyy-MM-dd of a day number. */
export const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The day number of yyyy-MM-dd. */
export const dayNumber = (date: string): number => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

/** 0 Sunday … 6 Saturday. */
export const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;

export const WEEKDAYS = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];
