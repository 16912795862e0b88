/** The two-digit-year rule at its edges: each window's first and last day, the day outside, the ambiguous year. */
import {
  addYears,
  birthWindow,
  followingWindow,
  nextDay,
  pastEventWindow,
  readLegacyDate,
  readLegacyTimestamp,
  sinceWindow,
  toLegacyDate,
  toLegacyTimestamp,
} from './two-digit-year';

/** 22 November 2026, 01:00 in Hà Nội — still 21 November in UTC. */
const NOW = new Date('2026-11-21T18:00:00Z');
const ok = (value: string) => ({ ok: true, value });
const no = (problem: string) => ({ ok: false, problem });

describe('date arithmetic', () => {
  it('adds years, 29 February becoming 28 February in a common year', () => {
    expect(addYears('2028-02-29', -50)).toBe('1978-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2026-11-22', -101)).toBe('1925-11-22');
  });
  it('moves to the next day across months and years', () => {
    expect(nextDay('2025-12-31')).toBe('2026-01-01');
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2025-02-28')).toBe('2025-03-01');
  });
});

describe('a dossier received: within the last 50 years, not in the future', () => {
  const w = pastEventWindow(NOW);
  it('uses the calendar day in Asia/Ho_Chi_Minh as today', () => {
    expect(w).toEqual({ from: '1976-11-22', to: '2026-11-22' });
  });
  it('today is the last day accepted; tomorrow cannot be placed', () => {
    expect(readLegacyDate('22/11/26', w)).toEqual(ok('2026-11-22'));
    expect(readLegacyDate('23/11/26', w)).toEqual(no('out-of-window'));
  });
  it('50 years ago to the day is the first day accepted; the day before is refused, not moved to 2076', () => {
    expect(readLegacyDate('22/11/76', w)).toEqual(ok('1976-11-22'));
    expect(readLegacyDate('21/11/76', w)).toEqual(no('out-of-window'));
  });
  it('expands ordinary years to the only plausible century', () => {
    expect(readLegacyDate('12/03/25', w)).toEqual(ok('2025-03-12'));
    expect(readLegacyDate('01/07/99', w)).toEqual(ok('1999-07-01'));
    expect(readLegacyDate('31/12/00', w)).toEqual(ok('2000-12-31'));
  });
  it('reads moments in Hà Nội time', () => {
    expect(readLegacyTimestamp('12/03/25 08:15', w)).toEqual(ok('2025-03-12T08:15:00+07:00'));
    expect(readLegacyTimestamp('22/11/26 23:59', w)).toEqual(ok('2026-11-22T23:59:00+07:00'));
  });
});

describe('after the reception: finished, returned, progress', () => {
  const w = sinceWindow('2025-03-12T08:15:00+07:00', NOW);
  it('accepts the reception day itself and today, nothing before or after', () => {
    expect(readLegacyDate('12/03/25', w)).toEqual(ok('2025-03-12'));
    expect(readLegacyDate('11/03/25', w)).toEqual(no('out-of-window'));
    expect(readLegacyDate('22/11/26', w)).toEqual(ok('2026-11-22'));
    expect(readLegacyDate('23/11/26', w)).toEqual(no('out-of-window'));
  });
});

describe('a deadline: on or after the day it was set, at most 10 years later', () => {
  const w = followingWindow('2025-03-12T08:15:00+07:00');
  it('may lie in the future', () => {
    expect(w).toEqual({ from: '2025-03-12', to: '2035-03-12' });
    expect(readLegacyTimestamp('19/03/25 17:00', w)).toEqual(ok('2025-03-19T17:00:00+07:00'));
    expect(readLegacyDate('12/03/35', w)).toEqual(ok('2035-03-12'));
  });
  it('refuses a deadline before its start or more than 10 years on', () => {
    expect(readLegacyDate('11/03/25', w)).toEqual(no('out-of-window'));
    expect(readLegacyDate('13/03/35', w)).toEqual(no('out-of-window'));
  });
  it('puts a deadline set late in a century in the next one', () => {
    expect(readLegacyDate('05/01/00', followingWindow('1999-12-28'))).toEqual(ok('2000-01-05'));
  });
});

describe('a date of birth: not in the future, at most 100 full years old', () => {
  const w = birthWindow(NOW);
  it('spans 101 years less a day', () => {
    expect(w).toEqual({ from: '1925-11-23', to: '2026-11-22' });
  });
  it('a day more than a year ago has one plausible century', () => {
    expect(readLegacyDate('18/12/84', w)).toEqual(ok('1984-12-18'));
    expect(readLegacyDate('22/11/25', w)).toEqual(ok('2025-11-22')); // 1925-11-22: 101 years old today
    expect(readLegacyDate('23/11/26', w)).toEqual(ok('1926-11-23')); // 2026-11-23: tomorrow
  });
  it('a day within the last year could be a newborn or a centenarian: refused', () => {
    expect(readLegacyDate('23/11/25', w)).toEqual(no('ambiguous')); // 1925: 100 today, 2025: 1 year old
    expect(readLegacyDate('22/11/26', w)).toEqual(no('ambiguous')); // 1926: 100, 2026: born today
    expect(readLegacyDate('01/06/26', w)).toEqual(no('ambiguous'));
  });
  it('29/02/00 exists in 2000 only: a window around 1900 holds no candidate', () => {
    expect(readLegacyDate('29/02/00', w)).toEqual(ok('2000-02-29'));
    expect(readLegacyDate('29/02/00', { from: '1890-01-01', to: '1950-01-01' })).toEqual(no('out-of-window'));
    expect(readLegacyDate('28/02/00', { from: '1890-01-01', to: '1950-01-01' })).toEqual(ok('1900-02-28'));
  });
});

describe('format', () => {
  const w = pastEventWindow(NOW);
  it.each(['2025-03-12', '12/3/25', '12/03/2025', '31/04/25', '00/01/25', '12/13/25', ''])(
    'refuses %p',
    (text) => expect(readLegacyDate(text, w)).toEqual(no('format')),
  );
  it.each(['12/03/25 8:15', '12/03/25 24:00', '12/03/25 08:60', '12/03/25'])(
    'refuses the moment %p',
    (text) => expect(readLegacyTimestamp(text, w)).toEqual(no('format')),
  );
  it('writes dates and moments as the system does, losing the century and the seconds', () => {
    expect(toLegacyDate('1984-12-18')).toBe('18/12/84');
    expect(toLegacyDate('2005-01-02')).toBe('02/01/05');
    expect(toLegacyTimestamp('2025-03-12T08:15:42+07:00')).toBe('12/03/25 08:15');
    expect(toLegacyTimestamp('2025-03-12T01:15:00Z')).toBe('12/03/25 08:15');
  });
});
