/** The catalogue is well formed and the README's error table lists exactly its codes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIELD_ERRORS, PROBLEMS } from './catalogue';
import { renderErrorTable, TABLE_END, TABLE_START } from './table';

const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

describe('error catalogue', () => {
  it('every entry has a Vietnamese and an English message, distinct, and problems a 4xx/5xx status', () => {
    for (const [code, e] of Object.entries({ ...PROBLEMS, ...FIELD_ERRORS })) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(e.vi.length).toBeGreaterThan(5);
      expect(e.en.length).toBeGreaterThan(5);
      expect(e.vi).not.toEqual(e.en);
    }
    for (const e of Object.values(PROBLEMS)) expect(e.status >= 400 && e.status < 600).toBe(true);
  });

  it('no code is both a problem and a field code', () => {
    const both = Object.keys(PROBLEMS).filter((k) => k in FIELD_ERRORS);
    expect(both).toEqual([]);
  });

  it("the README's error table is the catalogue's (run npm run gen after changing it)", () => {
    const start = readme.indexOf(TABLE_START);
    const end = readme.indexOf(TABLE_END);
    expect(start).toBeGreaterThan(-1);
    expect(readme.slice(start, end + TABLE_END.length)).toEqual(renderErrorTable());
    const listed = [...readme.slice(start, end).matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual([...Object.keys(PROBLEMS), ...Object.keys(FIELD_ERRORS)].sort());
  });
});
