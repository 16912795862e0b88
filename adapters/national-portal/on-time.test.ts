/** The portal's on-time flag (computeOnTime): finished ≤ due, not counting time in status 5. */
import { computeOnTime, type TimedStatus } from './on-time';

const DUE = '2025-11-06T17:00:00+07:00';
const at = (day: number, hh: number, mm = 0, ss = 0) =>
  `2025-11-${String(day).padStart(2, '0')}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}+07:00`;
const h = (...entries: [number, string][]): TimedStatus[] =>
  entries.map(([status, t]) => ({ status, at: t }));

describe('computeOnTime', () => {
  it('is undefined while the dossier is not finished', () => {
    expect(computeOnTime(DUE, h([1, at(3, 8)], [2, at(3, 9)], [4, at(3, 10)]))).toBeUndefined();
    expect(computeOnTime(DUE, [])).toBeUndefined();
  });

  it('is undefined for dossiers that ended without a result (rejected, withdrawn, stopped)', () => {
    for (const end of [3, 7, 8])
      expect(computeOnTime(DUE, h([2, at(3, 8)], [end, at(4, 8)]))).toBeUndefined();
  });

  it('is undefined without a due date', () => {
    expect(computeOnTime(undefined, h([9, at(4, 8)]))).toBeUndefined();
  });

  it('finishing exactly at the due time is on time; one second later is late', () => {
    expect(computeOnTime(DUE, h([4, at(3, 8)], [9, at(6, 17)]))).toBe(true);
    expect(computeOnTime(DUE, h([4, at(3, 8)], [9, at(6, 17, 0, 1)]))).toBe(false);
  });

  it('deducts the time spent waiting for the citizen’s supplement', () => {
    // Finished 22 h after the due time; 47 h in status 5.
    const history = h([4, at(3, 9)], [5, at(4, 10)], [4, at(6, 9)], [9, at(7, 15)], [10, at(8, 9)]);
    expect(computeOnTime(DUE, history)).toBe(true);
    // The same with a 21-hour supplement: late by one hour.
    expect(computeOnTime(DUE, h([4, at(3, 9)], [5, at(4, 10)], [4, at(5, 7)], [9, at(7, 15)]))).toBe(false);
  });

  it('adds up repeated supplement requests', () => {
    // 10 h + 13 h in status 5; finished 22 h late → on time; 24 h late → late.
    const base: [number, string][] = [
      [4, at(3, 9)],
      [5, at(4, 8)],
      [4, at(4, 18)],
      [5, at(5, 8)],
      [4, at(5, 21)],
    ];
    expect(computeOnTime(DUE, h(...base, [9, at(7, 15)]))).toBe(true);
    expect(computeOnTime(DUE, h(...base, [9, at(7, 17)]))).toBe(false);
  });

  it('counts a supplement that runs into the finish only up to the finish', () => {
    // Status 5 at 4th 10:00, then straight to 9 on the 7th 15:00: 77 h of supplement, finished 22 h late.
    expect(computeOnTime(DUE, h([4, at(3, 9)], [5, at(4, 10)], [9, at(7, 15)]))).toBe(true);
  });

  it('does not deduct time waiting for a payment (status 6)', () => {
    expect(computeOnTime(DUE, h([4, at(3, 9)], [6, at(4, 10)], [4, at(6, 9)], [9, at(7, 15)]))).toBe(false);
  });

  it('does not turn a late dossier on time with a supplement asked after the due date beyond its length', () => {
    // Due 6th 17:00; supplement 8th 08:00 → 9th 08:00 (24 h); finished 10th 12:00: 91 h late − 24 h → late.
    expect(computeOnTime(DUE, h([4, at(3, 9)], [5, at(8, 8)], [4, at(9, 8)], [9, at(10, 12)]))).toBe(false);
  });

  it('judges a dossier finished, reopened and finished again by its final finish', () => {
    expect(computeOnTime(DUE, h([9, at(5, 8)], [4, at(5, 10)], [9, at(7, 8)]))).toBe(false);
    expect(computeOnTime(DUE, h([9, at(6, 8)], [4, at(6, 10)], [9, at(6, 16)]))).toBe(true);
    expect(computeOnTime(DUE, h([9, at(5, 8)], [4, at(5, 10)]))).toBeUndefined();
  });

  it('takes the first of 9 then 10, and 10 alone when no 9 was recorded', () => {
    expect(computeOnTime(DUE, h([9, at(6, 16)], [10, at(7, 9)]))).toBe(true);
    expect(computeOnTime(DUE, h([4, at(3, 9)], [10, at(6, 18)]))).toBe(false);
    expect(computeOnTime(DUE, h([4, at(3, 9)], [10, at(6, 16)]))).toBe(true);
  });

  it('orders the history by time, whatever order it came in', () => {
    const shuffled = h([9, at(7, 15)], [5, at(4, 10)], [4, at(3, 9)], [4, at(6, 9)]);
    expect(computeOnTime(DUE, shuffled)).toBe(true);
  });

  it('accepts portal timestamps and other offsets for the same moments', () => {
    expect(
      computeOnTime(
        '20251106170000',
        h([5, '2025-11-04T03:00:00Z'], [4, '20251106090000'], [9, '20251107150000']),
      ),
    ).toBe(true);
  });

  it('refuses what is not a timestamp', () => {
    expect(() => computeOnTime('06/11/2025', h([9, at(6, 8)]))).toThrow(RangeError);
    expect(() => computeOnTime(DUE, h([9, 'yesterday']))).toThrow(RangeError);
  });
});

describe('computeOnTime in working time', () => {
  /** A simple office calendar for the test: weekdays 08:00–17:00 (+07:00). */
  const officeMs = (from: number, to: number) => {
    let total = 0;
    for (let d = Math.floor((from + 7 * 3_600_000) / 86_400_000); d * 86_400_000 - 7 * 3_600_000 < to; d++) {
      if ([0, 6].includes((d + 4) % 7)) continue;
      const open = d * 86_400_000 + 1 * 3_600_000; // 08:00 +07:00
      const close = open + 9 * 3_600_000;
      total += Math.max(0, Math.min(to, close) - Math.max(from, open));
    }
    return total;
  };
  // Due Monday 10/11/2025 17:00; a supplement asked on Friday 16:00 and given on Monday 09:00.
  const due = '2025-11-10T17:00:00+07:00';
  const history = (finish: string) => h([4, at(3, 9)], [5, at(7, 16)], [4, at(10, 9)], [9, finish]);

  it('a weekend spent supplementing does not push a working-day limit back', () => {
    // Two days past due: within the 65 calendar hours of the supplement, but far past its 2 office hours.
    expect(computeOnTime(due, history(at(12, 17)))).toBe(true);
    expect(computeOnTime(due, history(at(12, 17)), { workingMs: officeMs })).toBe(false);
  });

  it('the office time of the supplement is given back', () => {
    expect(computeOnTime(due, history(at(11, 10)), { workingMs: officeMs })).toBe(true); // 2 office hours late
    expect(computeOnTime(due, history(at(11, 10, 0, 1)), { workingMs: officeMs })).toBe(false);
  });
});
