/** The `lienthong` command as a user runs it: the bin script through tsx, real files and stdin. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(__dirname, 'bin.js');
const run = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const dir = mkdtempSync(join(tmpdir(), 'lienthong-cli-'));

describe('lienthong validate / contracts', () => {
  it('prints the normalised record and exits 0', () => {
    const file = join(dir, 'ok.json');
    writeFileSync(
      file,
      JSON.stringify({
        personalId: '079303000123',
        fullName: 'Trần Thị Thu Hà',
        dateOfBirth: '01/01/2003',
        sex: 'female',
      }),
    );
    const r = run(['validate', 'person@1', file]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      dateOfBirth: '2003-01-01',
      fullNameSearchKey: 'tran thi thu ha',
    });
  });

  it('prints the problem document with every fault and exits 1, reading stdin', () => {
    const r = run(
      ['validate', 'person@1', '-'],
      JSON.stringify({ personalId: '003099012345', dateOfBirth: '1999', sex: 'x' }),
    );
    expect(r.code).toBe(1);
    const problem = JSON.parse(r.out);
    expect(problem.code).toBe('CONTRACT_INVALID');
    expect(problem.errors.map((e: { code: string }) => e.code).sort()).toEqual(
      ['FIELD_NOT_IN_LIST', 'FIELD_REQUIRED', 'PERSONAL_ID_PROVINCE'].sort(),
    );
  });

  it('validates an array item by item', () => {
    const r = run(
      ['validate', 'person', '-'],
      JSON.stringify([{ personalId: '001099012345', fullName: 'A B', dateOfBirth: '1999', sex: 'male' }, {}]),
    );
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ contract: 'person@1', total: 2, valid: 1, invalid: 1 });
  });

  it('refuses non-JSON input with a problem, and an unknown contract with exit 2', () => {
    const bad = run(['validate', 'person@1', '-'], '{not json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out).code).toBe('INPUT_NOT_JSON');
    const unknown = run(['validate', 'nope@1', '-'], '{}');
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.out).code).toBe('CONTRACT_UNKNOWN');
  });

  it('lists the contracts', () => {
    const r = run(['contracts', '--json']);
    expect(r.code).toBe(0);
    const ids = JSON.parse(r.out).map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['person@1', 'dossier@1', 'dossier@2']));
  });
});
