/**
 * config/calendar/ as data with its source: the shipped files load, and a file that contradicts the law
 * or itself stops the start with the file and the key at fault.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../../config/loader';
import { loadCalendar } from './load';

const SHIPPED = join(__dirname, '../../../config/calendar');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'calendar-'));
  cpSync(SHIPPED, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const edit = (name: string, fn: (v: Record<string, unknown>) => void) => {
  const v = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
  fn(v);
  writeFileSync(join(dir, name), JSON.stringify(v));
};
const daysOff = (v: Record<string, unknown>) => v.daysOff as { date: string; name: string; kind: string }[];
const failure = () => {
  try {
    loadCalendar(dir);
  } catch (err) {
    return err;
  }
  throw new Error('loaded');
};

describe('loadCalendar', () => {
  it('loads the shipped years, each with its source', () => {
    const cal = loadCalendar(SHIPPED);
    expect([...cal.years.keys()]).toEqual([2025, 2026]);
    expect(cal.years.get(2026)!.daysOff.get('2026-02-17')!.kind).toBe('holiday');
    for (const y of [2025, 2026]) {
      const raw = JSON.parse(readFileSync(join(SHIPPED, `${y}.json`), 'utf8')) as { sources: unknown[] };
      expect(raw.sources.length).toBeGreaterThan(0);
    }
  });

  it('a holiday the law fixes on the wrong date does not load (Giỗ Tổ is 10/3 âm lịch)', () => {
    edit('2025.json', (v) => {
      daysOff(v).find((d) => d.name.startsWith('Giỗ Tổ'))!.date = '2025-04-08';
    });
    const err = failure();
    expect(err).toBeInstanceOf(ConfigError);
    expect(String((err as Error).message)).toMatch(/2025\.json.*Giỗ Tổ Hùng Vương.*2025-04-07/s);
  });

  it('a missing Tết day does not load', () => {
    edit('2026.json', (v) => {
      v.daysOff = daysOff(v).filter((d) => d.date !== '2026-02-18');
    });
    expect(String((failure() as Error).message)).toMatch(/mùng 2.*2026-02-18/);
  });

  it.each([
    [
      'a date of another year',
      (v: Record<string, unknown>) => daysOff(v).push({ date: '2027-01-04', name: 'x', kind: 'swap' }),
      /daysOff\.\d+\.date/,
    ],
    [
      'a worked day that is a weekday',
      (v: Record<string, unknown>) => (v.workingDays = [{ date: '2026-01-09', name: 'x' }]),
      /working day already/,
    ],
    [
      'a day both off and worked',
      (v: Record<string, unknown>) => daysOff(v).push({ date: '2026-01-10', name: 'x', kind: 'swap' }),
      /also a day off/,
    ],
    ['no source', (v: Record<string, unknown>) => (v.sources = []), /sources/],
    ['a file named for another year', (v: Record<string, unknown>) => (v.year = 2024), /2024\.json/],
  ])('%s does not load', (_name, fn, message) => {
    edit('2026.json', fn);
    expect(String((failure() as Error).message)).toMatch(message);
  });

  it('office periods that overlap do not load', () => {
    edit('calendar.json', (v) => {
      v.officeHours = [
        ['08:00', '12:00'],
        ['11:00', '17:00'],
      ];
    });
    expect(failure()).toBeInstanceOf(ConfigError);
  });
});
