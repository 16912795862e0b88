/**
 * Limits in working days and hours on the real calendar (config/calendar): around Tết Bính Ngọ 2026, a
 * weekend, the swapped days of New Year 2026, office hours and the lunch break, and across the year
 * boundary into 2027, a year nobody has announced yet (derived from the Labour Code).
 */
import { join } from 'node:path';
import { calendarOf, vnTime } from './index';

const cal = calendarOf(join(__dirname, '../../../config'));
/** An instant given in Vietnam time. */
const at = (local: string) => Date.parse(`${local}+07:00`);
const due = (start: string, limit: { workingDays: number } | { workingHours: number }) =>
  vnTime(cal.addWorkingTime(at(start), limit));

describe('working days', () => {
  it('weekends, announced holidays and swaps', () => {
    expect(cal.isWorkingDay('2026-12-07')).toBe(true); // Monday
    expect(cal.dayOff('2026-12-05')).toBe('weekend');
    expect(cal.dayOff('2026-02-17')).toMatch(/Tết Nguyên đán Bính Ngọ/);
    expect(cal.dayOff('2026-01-02')).toMatch(/Hoán đổi/); // a Friday given off …
    expect(cal.isWorkingDay('2026-01-10')).toBe(true); // … for a Saturday worked
    expect(cal.dayOff('2026-04-27')).toMatch(/Nghỉ bù Giỗ Tổ/);
    expect(cal.origin(2026)).toBe('announced');
  });

  it('a year nobody announced is derived from the Labour Code, compensatory days included', () => {
    expect(cal.origin(2027)).toBe('derived');
    expect(cal.dayOff('2027-01-01')).toBe('Tết Dương lịch');
    // Tết Đinh Mùi: mùng 1 is Saturday 6/2/2027; the last day of the old year and mùng 1–4 are off, and
    // the two that fall on the weekend give two compensatory days after them.
    for (const d of ['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'])
      expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2027-02-12')).toBe(true);
    expect(cal.dayOff('2027-04-16')).toMatch(/Giỗ Tổ/);
  });
});

describe('addWorkingTime', () => {
  it('does not count the day of receipt; due at the close of the last working day', () => {
    expect(due('2026-12-07T10:15:00', { workingDays: 3 })).toBe('2026-12-10T17:00:00+07:00');
    expect(due('2026-12-07T08:00:00', { workingDays: 1 })).toBe('2026-12-08T17:00:00+07:00');
  });

  it('skips the weekend', () => {
    // Thursday + 3 working days: Friday, Monday, Tuesday.
    expect(due('2026-12-03T09:00:00', { workingDays: 3 })).toBe('2026-12-08T17:00:00+07:00');
  });

  it('received after office hours, or on a day off, counts from the next working day', () => {
    // Friday 17:30 is received on Monday: Tuesday is the first day counted.
    expect(due('2026-12-04T17:30:00', { workingDays: 1 })).toBe('2026-12-08T17:00:00+07:00');
    expect(due('2026-12-05T10:00:00', { workingDays: 1 })).toBe('2026-12-08T17:00:00+07:00');
    // Before opening on a working day, the day of receipt is that day.
    expect(due('2026-12-07T06:00:00', { workingDays: 1 })).toBe('2026-12-08T17:00:00+07:00');
    // 17:00 is closing time: that is after office hours.
    expect(due('2026-12-07T17:00:00', { workingDays: 1 })).toBe('2026-12-09T17:00:00+07:00');
  });

  it('around Tết: the nine days off Saturday 14/2 – Sunday 22/2/2026 do not count', () => {
    // Received Friday 13/2 (26 tháng Chạp): 2 working days are Monday 23/2 and Tuesday 24/2.
    expect(due('2026-02-13T14:00:00', { workingDays: 2 })).toBe('2026-02-24T17:00:00+07:00');
    // Submitted online on mùng 1 Tết: received on Monday 23/2.
    expect(due('2026-02-17T09:00:00', { workingDays: 1 })).toBe('2026-02-24T17:00:00+07:00');
    // 10 working days from Wednesday 11/2: 12, 13, 23, 24, 25, 26, 27 Feb, 2, 3, 4 March.
    expect(due('2026-02-11T09:00:00', { workingDays: 10 })).toBe('2026-03-04T17:00:00+07:00');
  });

  it('across the year boundary: New Year 2027 is off, weekends too', () => {
    // Wednesday 30/12/2026 + 3: Thursday 31/12, (Friday 1/1 off, weekend), Monday 4/1, Tuesday 5/1.
    expect(due('2026-12-30T11:00:00', { workingDays: 3 })).toBe('2027-01-05T17:00:00+07:00');
    // And into 2026 from 2025: Wednesday 31/12/2025 + 2: (1/1 and the swapped 2/1 off, weekend) 5/1, 6/1.
    expect(due('2025-12-31T09:00:00', { workingDays: 2 })).toBe('2026-01-06T17:00:00+07:00');
  });

  it('the Saturday worked for a swap counts as a working day', () => {
    // Friday 9/1/2026 + 1 working day: Saturday 10/1 is worked.
    expect(due('2026-01-09T09:00:00', { workingDays: 1 })).toBe('2026-01-10T17:00:00+07:00');
  });

  it('working hours count office time only, lunch break and nights excluded', () => {
    expect(due('2026-12-07T10:00:00', { workingHours: 2 })).toBe('2026-12-07T12:00:00+07:00');
    expect(due('2026-12-07T11:00:00', { workingHours: 2 })).toBe('2026-12-07T14:00:00+07:00');
    // 8 working hours from Friday 10:00: 6 on Friday, 2 on Monday.
    expect(due('2026-12-04T10:00:00', { workingHours: 8 })).toBe('2026-12-07T10:00:00+07:00');
    // Received at lunch: counted from 13:00.
    expect(due('2026-12-07T12:20:00', { workingHours: 1 })).toBe('2026-12-07T14:00:00+07:00');
    // Across Tết.
    expect(due('2026-02-13T16:00:00', { workingHours: 4 })).toBe('2026-02-23T11:00:00+07:00');
  });

  it('refuses limits that are not limits', () => {
    expect(() => cal.addWorkingTime(at('2026-12-07T10:00:00'), { workingDays: 0 })).toThrow(RangeError);
    expect(() => cal.addWorkingTime(at('2026-12-07T10:00:00'), { workingDays: 1.5 })).toThrow(RangeError);
    expect(() => cal.addWorkingTime(at('2026-12-07T10:00:00'), { workingHours: -1 })).toThrow(RangeError);
    expect(() => cal.addWorkingTime(Number.NaN, { workingDays: 1 })).toThrow(RangeError);
  });
});

describe('workingMs', () => {
  const hours = (a: string, b: string) => cal.workingMs(at(a), at(b)) / 3_600_000;
  it('counts office time between two instants', () => {
    expect(hours('2026-12-07T08:00:00', '2026-12-07T17:00:00')).toBe(8);
    expect(hours('2026-12-04T16:00:00', '2026-12-07T09:00:00')).toBe(2); // over a weekend
    expect(hours('2026-02-13T16:00:00', '2026-02-23T09:00:00')).toBe(2); // over Tết
    expect(hours('2026-12-07T12:00:00', '2026-12-07T13:00:00')).toBe(0); // lunch
    expect(hours('2026-12-07T13:00:00', '2026-12-07T12:00:00')).toBe(0); // backwards
    expect(cal.dayMs).toBe(8 * 3_600_000);
  });
});

describe('vnTime', () => {
  it('shows every instant in +07:00', () => {
    expect(vnTime('2026-12-07T20:30:00Z')).toBe('2026-12-08T03:30:00+07:00');
    expect(vnTime(Date.parse('2026-12-31T17:00:00Z'))).toBe('2027-01-01T00:00:00+07:00');
    expect(() => vnTime('yesterday')).toThrow(RangeError);
  });
});
