/**
 * Loads config/calendar/: calendar.json (time zone, weekend, office hours) and one file per year with
 * the days off the government announced and their source. Each year file is checked against the law:
 * its dates lie in its year, a day is not both off and worked, a worked day is a weekend day, and every
 * holiday whose date the law fixes (1/1, mùng 1–3 Tết, Giỗ Tổ, 30/4, 1/5, 2/9 — statutory.ts) is off
 * when it falls on a weekday. A bad file stops the start with the file and the key at fault.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Joi from 'joi';
import { ConfigError } from '../../../config/loader';
import { dayNumber, weekdayOf, WEEKDAYS, type Weekday } from './days';
import { fixedHolidays } from './statutory';
import type { CalendarYear, DayOffKind } from './year';

export interface CalendarSettings {
  timeZone: 'Asia/Ho_Chi_Minh';
  /** Fixed offset of the time zone (Vietnam has kept +07:00 since 1975). */
  utcOffset: '+07:00';
  weekend: Weekday[];
  /** Office periods of a working day, in local time, HH:mm, in order. */
  officeHours: [string, string][];
}

export interface CalendarData {
  settings: CalendarSettings;
  years: Map<number, CalendarYear>;
}

const date = Joi.string().pattern(/^\d{4}-\d{2}-\d{2}$/);
const hhmm = Joi.string().pattern(/^([01]\d|2[0-3]):[0-5]\d$/);

const settingsSchema = Joi.object({
  timeZone: Joi.string().valid('Asia/Ho_Chi_Minh').required(),
  utcOffset: Joi.string().valid('+07:00').required(),
  weekend: Joi.array()
    .items(Joi.string().valid(...WEEKDAYS))
    .unique()
    .max(6)
    .required(),
  officeHours: Joi.array().items(Joi.array().ordered(hhmm, hhmm).length(2)).min(1).required(),
  notes: Joi.string(),
});

const yearSchema = Joi.object({
  year: Joi.number().integer().min(2000).max(2199).required(),
  sources: Joi.array()
    .items(
      Joi.object({
        issuer: Joi.string().required(),
        reference: Joi.string().required(),
        title: Joi.string().required(),
        covers: Joi.array().items(Joi.string()),
        url: Joi.string().uri(),
      }),
    )
    .min(1)
    .required(),
  notes: Joi.string(),
  daysOff: Joi.array()
    .items(
      Joi.object({
        date: date.required(),
        name: Joi.string().required(),
        kind: Joi.string().valid('holiday', 'compensatory', 'swap').required(),
      }),
    )
    .unique('date')
    .required(),
  workingDays: Joi.array()
    .items(Joi.object({ date: date.required(), name: Joi.string().required() }))
    .unique('date')
    .default([]),
});

const minutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

function readJson(dir: string, name: string): unknown {
  const file = relative(process.cwd(), join(dir, name)) || name;
  try {
    return JSON.parse(readFileSync(join(dir, name), 'utf8'));
  } catch (err) {
    throw new ConfigError(file, '', `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}

function checked<T>(dir: string, name: string, schema: Joi.Schema): T {
  const { error, value } = schema.validate(readJson(dir, name), { abortEarly: true, convert: true });
  if (error)
    throw new ConfigError(
      relative(process.cwd(), join(dir, name)) || name,
      error.details[0].path.join('.'),
      error.details[0].message,
    );
  return value as T;
}

/** Loads and checks the calendar of `dir` (config/calendar). */
export function loadCalendar(dir: string): CalendarData {
  if (!existsSync(join(dir, 'calendar.json')))
    throw new ConfigError(
      relative(process.cwd(), dir) || dir,
      'calendar.json',
      'the calendar settings are missing',
    );
  const settings = checked<CalendarSettings>(dir, 'calendar.json', settingsSchema);
  const periods = settings.officeHours.map(([a, b]) => [minutes(a), minutes(b)]);
  periods.forEach(([a, b], i) => {
    if (b <= a || (i > 0 && a < periods[i - 1][1]))
      throw new ConfigError(
        'calendar.json',
        `officeHours.${i}`,
        'office periods must be increasing and not overlap',
      );
  });
  const years = new Map<number, CalendarYear>();
  for (const name of readdirSync(dir)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .sort()) {
    const file = relative(process.cwd(), join(dir, name)) || name;
    const raw = checked<{
      year: number;
      daysOff: { date: string; name: string; kind: DayOffKind }[];
      workingDays: { date: string; name: string }[];
    }>(dir, name, yearSchema);
    if (`${raw.year}.json` !== name)
      throw new ConfigError(file, 'year', `the file of ${raw.year} must be ${raw.year}.json`);
    const isWeekend = (d: string) => settings.weekend.includes(WEEKDAYS[weekdayOf(dayNumber(d))]);
    const inYear = (d: string) => d.startsWith(`${raw.year}-`) && Number.isFinite(dayNumber(d));
    raw.daysOff.forEach((d, i) => {
      if (!inYear(d.date))
        throw new ConfigError(file, `daysOff.${i}.date`, `${d.date} is not a day of ${raw.year}`);
    });
    raw.workingDays.forEach((d, i) => {
      if (!inYear(d.date))
        throw new ConfigError(file, `workingDays.${i}.date`, `${d.date} is not a day of ${raw.year}`);
      if (!isWeekend(d.date))
        throw new ConfigError(file, `workingDays.${i}.date`, `${d.date} is a working day already`);
      if (raw.daysOff.some((o) => o.date === d.date))
        throw new ConfigError(file, `workingDays.${i}.date`, `${d.date} is also a day off`);
    });
    for (const h of fixedHolidays(raw.year)) {
      if (!isWeekend(h.date) && !raw.daysOff.some((o) => o.date === h.date))
        throw new ConfigError(file, 'daysOff', `${h.name} (${h.date}) is a holiday by law and is missing`);
    }
    years.set(raw.year, {
      year: raw.year,
      origin: 'announced',
      daysOff: new Map(raw.daysOff.map((d) => [d.date, { name: d.name, kind: d.kind }])),
      workingDays: new Map(raw.workingDays.map((d) => [d.date, d.name])),
    });
  }
  return { settings, years };
}
