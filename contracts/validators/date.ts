/**
 * Dates and timestamps of the contracts.
 *
 * - A calendar date is carried as a reduced-precision ISO 8601 string ('YYYY', 'YYYY-MM' or 'YYYY-MM-DD'):
 *   old records may know only a year or a month, and we never invent the missing day or month.
 * - A timestamp is carried as ISO 8601 with the +07:00 offset, to the second.
 *
 * Time zone: Asia/Ho_Chi_Minh is a fixed UTC+7 with no daylight saving since 1975, so conversions are plain
 * offset arithmetic (no Intl, no tz database: these functions run on the hot path). Instants before 1975 are
 * also shown at +07:00, which is a convention, not the historical local time of southern Vietnam.
 */
import { invalid, valid, type Result } from './result';

export type Precision = 'year' | 'month' | 'day';
/** A reduced-precision ISO 8601 calendar date: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. Never padded with an invented day/month. */
export type PartialDate = string;

export interface DateOptions {
  /** @defaultValue true */
  allowPartial?: boolean;
  /** reject dates after `now` (compare at the date's own precision) @defaultValue false */
  notFuture?: boolean;
  /** @defaultValue new Date() */
  now?: Date;
}

const MIN_YEAR = 1800;
const MAX_YEAR = 9999;
/** UTC+7 in milliseconds: the fixed offset of Asia/Ho_Chi_Minh. */
const HCM_OFFSET_MS = 7 * 3_600_000;

// Patterns, compiled once.
const ISO_PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const VN_DAY = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const VN_MONTH = /^(\d{1,2})[/.-](\d{4})$/;
/** yyyy/MM/dd, yyyy.MM.dd, and ISO-like yyyy-M-d with one-digit month or day. */
const YMD = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$/;
/** The words of a date written out: 'ngày 12 tháng 3 năm 1999', 'tháng 3 năm 1999', 'năm 1999' (NFC, any case). */
const VN_WORDS = /^(?:(?:ngày\s+(\d{1,2})\s+)?tháng\s+(\d{1,2})\s+)?năm\s+(\d{4})$/iu;
/** A leading 'Ngày' (or 'ngày:') before a date in figures: 'Ngày 12/03/1999'. */
const DAY_WORD = /^ngày\s*:?\s*/iu;
/** Spaces around a date separator: '12 / 03 / 1999'. */
const SPACED_SEPARATOR = /\s*([/.-])\s*/g;
const PORTAL = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;
const VN_DATE_TIME = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** Calendar and clock fields of a moment in HCM local time. */
interface Fields {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (y: number, m: number): number => (m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m - 1]);

const dayExists = (y: number, m: number, d: number): boolean =>
  m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
const timeExists = (h: number, mi: number, s: number): boolean =>
  h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59;
const inRange = (y: number): boolean => y >= MIN_YEAR && y <= MAX_YEAR;

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;
const pad4 = (n: number): string => String(n).padStart(4, '0');

const isoDate = (y: number, m?: number, d?: number): PartialDate =>
  m === undefined ? pad4(y) : d === undefined ? `${pad4(y)}-${pad2(m)}` : `${pad4(y)}-${pad2(m)}-${pad2(d)}`;

/** HCM local fields of an epoch instant (milliseconds). */
function hcmFields(epochMs: number): Fields {
  const t = new Date(epochMs + HCM_OFFSET_MS);
  return {
    y: t.getUTCFullYear(),
    mo: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    h: t.getUTCHours(),
    mi: t.getUTCMinutes(),
    s: t.getUTCSeconds(),
  };
}

/** Epoch milliseconds of local fields observed at `offsetMinutes` east of UTC. */
function epochOf(f: Fields, offsetMinutes: number): number {
  const t = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 onto 1900–1999.
  t.setUTCFullYear(f.y, f.mo - 1, f.d);
  t.setUTCHours(f.h, f.mi, f.s, 0);
  return t.getTime() - offsetMinutes * 60_000;
}

/** A valid `now`, or the current clock when the option is missing or not a valid Date. */
function clock(now: unknown): Date {
  return now instanceof Date && !Number.isNaN(now.getTime()) ? now : new Date();
}

/** Fields of an existing moment, or `ok: false` when the day or time does not exist. */
type Parsed = { ok: true; f: Fields } | { ok: false };

const checked = (f: Fields): Parsed =>
  dayExists(f.y, f.mo, f.d) && timeExists(f.h, f.mi, f.s) ? { ok: true, f } : { ok: false };

/** Reads an ISO 8601 local date-time (with an optional offset) into HCM local fields. */
function readIsoDateTime(m: RegExpExecArray): Parsed {
  const local = checked({
    y: +m[1],
    mo: +m[2],
    d: +m[3],
    h: +m[4],
    mi: +m[5],
    s: m[6] === undefined ? 0 : +m[6],
  });
  if (!local.ok || (m[7] === undefined && m[8] === undefined)) return local; // no offset: already HCM local
  const oh = m[9] === undefined ? 0 : +m[9];
  const om = m[10] === undefined ? 0 : +m[10];
  if (oh > 23 || om > 59) return { ok: false };
  const offset = m[8] === '-' ? -(oh * 60 + om) : oh * 60 + om;
  return { ok: true, f: hcmFields(epochOf(local.f, offset)) };
}

/**
 * Reads a date-time into HCM local fields: yyyyMMddHHmmss (HCM local), ISO 8601 and, when `vnForm`,
 * 'd/M/yyyy H:mm[:ss]' (HCM local). Undefined when the text has none of these forms.
 */
function readDateTime(s: string, vnForm: boolean): Parsed | undefined {
  let m = PORTAL.exec(s);
  if (m) return checked({ y: +m[1], mo: +m[2], d: +m[3], h: +m[4], mi: +m[5], s: +m[6] });
  m = ISO_DATE_TIME.exec(s);
  if (m) return readIsoDateTime(m);
  m = vnForm ? VN_DATE_TIME.exec(s) : null;
  if (m)
    return checked({ y: +m[4], mo: +m[3], d: +m[1], h: +m[5], mi: +m[6], s: m[7] === undefined ? 0 : +m[7] });
  return undefined;
}

const isFuture = (y: number, m: number | undefined, d: number | undefined, now: Date): boolean => {
  const t = hcmFields(now.getTime());
  if (y !== t.y) return y > t.y;
  if (m === undefined) return false;
  if (m !== t.mo) return m > t.mo;
  return d !== undefined && d > t.d;
};

type OtherDate = { ok: true; y: number; mo?: number; d?: number } | { ok: false };

/**
 * The forms of Vietnamese documents beyond the common ones (which parseDate tries first, for speed): the date
 * written out ('ngày 12 tháng 3 năm 1999'), a leading 'Ngày' ('Ngày 12/03/1999'), spaces around the
 * separators ('12 / 03 / 1999'), year first ('1999/03/12', '1999-3-12'), and date-times ('12/03/1999 10:00',
 * ISO, the portal's yyyyMMddHHmmss). Undefined when the text has none of these forms.
 */
function readOtherDate(text: string): OtherDate | undefined {
  let s = text;
  if (s.charCodeAt(0) > 0x7f || s[0] === 'n' || s[0] === 'N' || s[0] === 't' || s[0] === 'T') {
    s = s.normalize('NFC');
    const w = VN_WORDS.exec(s);
    if (w)
      return {
        ok: true,
        y: +w[3],
        mo: w[2] === undefined ? undefined : +w[2],
        d: w[1] === undefined ? undefined : +w[1],
      };
    s = s.replace(DAY_WORD, '');
  }
  s = s.replace(SPACED_SEPARATOR, '$1');
  if (s !== text) {
    const again = ISO_PARTIAL.exec(s) ?? null;
    if (again)
      return {
        ok: true,
        y: +again[1],
        mo: again[2] === undefined ? undefined : +again[2],
        d: again[3] === undefined ? undefined : +again[3],
      };
    const day = VN_DAY.exec(s);
    if (day) return { ok: true, y: +day[4], mo: +day[3], d: +day[1] };
    const month = VN_MONTH.exec(s);
    if (month) return { ok: true, y: +month[2], mo: +month[1] };
  }
  const ymd = YMD.exec(s);
  if (ymd) return { ok: true, y: +ymd[1], mo: +ymd[3], d: +ymd[4] };
  const dt = readDateTime(s, true);
  if (!dt) return undefined;
  return dt.ok ? { ok: true, y: dt.f.y, mo: dt.f.mo, d: dt.f.d } : { ok: false };
}

/**
 * Parses a calendar date, possibly partial. Accepts dd/MM/yyyy and d/M/yyyy (separator '/', '-' or '.'),
 * MM/yyyy, yyyy, ISO 'YYYY-MM-DD' / 'YYYY-MM', yyyy/MM/dd and yyyy-M-d, the date written out ('ngày 12 tháng
 * 3 năm 1999', 'tháng 3 năm 1999', 'năm 1999'), a leading 'Ngày' before figures, spaces around separators,
 * and a date-time — ISO, 'dd/MM/yyyy HH:mm[:ss]' or the portal's yyyyMMddHHmmss — reduced to the calendar
 * date in HCM time (a date-time without an offset is taken as HCM local time).
 * Two-digit years are rejected. Codes: FIELD_TYPE, DATE_FORMAT, DATE_INVALID {value},
 * FIELD_OUT_OF_RANGE (year outside 1800–9999), DATE_PARTIAL_NOT_ALLOWED, DATE_FUTURE.
 */
export function parseDate(
  input: unknown,
  opts?: DateOptions,
): Result<{ value: PartialDate; precision: Precision }> {
  if (typeof input !== 'string') return invalid('FIELD_TYPE', { expected: 'string' });
  const s = input.trim();
  let y: number;
  let mo: number | undefined;
  let d: number | undefined;
  let m: RegExpExecArray | null;
  if ((m = ISO_PARTIAL.exec(s))) {
    y = +m[1];
    mo = m[2] === undefined ? undefined : +m[2];
    d = m[3] === undefined ? undefined : +m[3];
  } else if ((m = VN_DAY.exec(s))) {
    y = +m[4];
    mo = +m[3];
    d = +m[1];
  } else if ((m = VN_MONTH.exec(s))) {
    y = +m[2];
    mo = +m[1];
  } else {
    const other = readOtherDate(s);
    if (!other) return invalid('DATE_FORMAT');
    if (!other.ok) return invalid('DATE_INVALID', { value: s });
    ({ y, mo, d } = other);
  }
  if (mo !== undefined && (mo < 1 || mo > 12 || (d !== undefined && !dayExists(y, mo, d)))) {
    return invalid('DATE_INVALID', { value: s });
  }
  if (!inRange(y)) return invalid('FIELD_OUT_OF_RANGE');
  const precision: Precision = d !== undefined ? 'day' : mo !== undefined ? 'month' : 'year';
  if (opts?.allowPartial === false && precision !== 'day') return invalid('DATE_PARTIAL_NOT_ALLOWED');
  if (opts?.notFuture === true && isFuture(y, mo, d, clock(opts.now))) return invalid('DATE_FUTURE');
  return valid({ value: isoDate(y, mo, d), precision });
}

const canonical = (f: Fields): string =>
  `${isoDate(f.y, f.mo, f.d)}T${pad2(f.h)}:${pad2(f.mi)}:${pad2(f.s)}+07:00`;

/**
 * Canonical timestamp: ISO 8601 with the +07:00 offset, seconds precision, e.g. '2025-07-01T08:30:00+07:00'.
 * Accepts yyyyMMddHHmmss (HCM local), 'dd/MM/yyyy HH:mm:ss' / 'dd/MM/yyyy HH:mm' (HCM local; d/M and '-' or
 * '.' separators also accepted), ISO with Z or any offset (converted to +07:00; without an offset it is HCM
 * local), a JS Date. Fractions of a second are truncated. Codes: FIELD_TYPE, TIMESTAMP_FORMAT, DATE_INVALID
 * {value}, FIELD_OUT_OF_RANGE (year outside 1800–9999 in HCM time).
 */
export function parseTimestamp(input: unknown): Result<string> {
  let f: Fields;
  if (input instanceof Date) {
    const ms = input.getTime();
    if (Number.isNaN(ms)) return invalid('DATE_INVALID', { value: 'Invalid Date' });
    f = hcmFields(ms);
  } else if (typeof input === 'string') {
    const s = input.trim();
    const r = readDateTime(s, true);
    if (!r) return invalid('TIMESTAMP_FORMAT');
    if (!r.ok) return invalid('DATE_INVALID', { value: s });
    f = r.f;
  } else {
    return invalid('FIELD_TYPE', { expected: 'string' });
  }
  if (!inRange(f.y)) return invalid('FIELD_OUT_OF_RANGE');
  return valid(canonical(f));
}

/**
 * yyyyMMddHHmmss in HCM time (the portal's format) from any timestamp parseTimestamp accepts.
 * @throws RangeError when the input is not such a timestamp (a programming error: pass validated values).
 */
export function toPortalTimestamp(isoTimestamp: string): string {
  const r = parseTimestamp(isoTimestamp);
  if (!r.ok) throw new RangeError(`Not a timestamp: ${shown(isoTimestamp)}`);
  const c = r.value; // 'YYYY-MM-DDTHH:mm:ss+07:00'
  return c.slice(0, 4) + c.slice(5, 7) + c.slice(8, 10) + c.slice(11, 13) + c.slice(14, 16) + c.slice(17, 19);
}

/**
 * A value for an error message: a string as it is (shortened), anything else by its type — String() of an
 * object calls its own toString, which may throw or lie.
 */
function shown(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : typeof v;
}

/** Components of a canonical partial date, or undefined when `d` is not one (or names a day that does not exist). */
function readPartial(d: unknown): { y: number; m?: number; d?: number } | undefined {
  if (typeof d !== 'string') return undefined;
  const m = ISO_PARTIAL.exec(d);
  if (!m) return undefined;
  const y = +m[1];
  if (!inRange(y)) return undefined;
  if (m[2] === undefined) return { y };
  const mo = +m[2];
  if (mo < 1 || mo > 12) return undefined;
  if (m[3] === undefined) return { y, m: mo };
  const day = +m[3];
  return dayExists(y, mo, day) ? { y, m: mo, d: day } : undefined;
}

function mustReadPartial(d: PartialDate): { y: number; m?: number; d?: number } {
  const p = readPartial(d);
  if (!p) throw new RangeError(`Not a partial date: ${shown(d)}`);
  return p;
}

/**
 * The display form of a partial date: dd/MM/yyyy, MM/yyyy or yyyy.
 * @throws RangeError when `d` is not a canonical partial date.
 */
export function formatDisplayDate(d: PartialDate): string {
  const p = mustReadPartial(d);
  if (p.m === undefined) return pad4(p.y);
  if (p.d === undefined) return `${pad2(p.m)}/${pad4(p.y)}`;
  return `${pad2(p.d)}/${pad2(p.m)}/${pad4(p.y)}`;
}

/**
 * The year of a partial date.
 * @throws RangeError when `d` is not a canonical partial date.
 */
export function yearOf(d: PartialDate): number {
  return mustReadPartial(d).y;
}

const sign = (x: number, y: number): -1 | 1 => (x < y ? -1 : 1);

/**
 * Orders two partial dates: -1, 0 or 1; undefined when they agree at the coarser precision but have
 * different precisions ('2020' and '2020-05' overlap and cannot be ordered).
 * @throws RangeError when either is not a canonical partial date.
 */
export function comparePartialDates(a: PartialDate, b: PartialDate): -1 | 0 | 1 | undefined {
  const p = mustReadPartial(a);
  const q = mustReadPartial(b);
  if (p.y !== q.y) return sign(p.y, q.y);
  if (p.m === undefined || q.m === undefined) return p.m === q.m ? 0 : undefined;
  if (p.m !== q.m) return sign(p.m, q.m);
  if (p.d === undefined || q.d === undefined) return p.d === q.d ? 0 : undefined;
  return p.d === q.d ? 0 : sign(p.d, q.d);
}

/**
 * Today's date in Vietnam (UTC+7), 'YYYY-MM-DD'.
 * @throws RangeError when `now` is an invalid Date.
 */
export function todayInVietnam(now: Date = new Date()): string {
  const ms = now.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  const f = hcmFields(ms);
  return isoDate(f.y, f.mo, f.d);
}
