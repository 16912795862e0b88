/**
 * The command line loads each command's modules only when that command runs (issue #12): `--help` loads
 * none of the command groups, and a half-written adapter (the adapters' registry fails to load) breaks
 * the commands that need the adapters — `adapter`, `sandbox`, `serve`, `worker` — and no other. How fast
 * that is, is measured by `npm run bench -- cli`, not here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(__dirname, 'bin.js');
const BROKEN = join(__dirname, '..', '..', 'test', 'helpers', 'broken-adapter.js');
const run = (args: string[], opts: { broken?: boolean; input?: string } = {}) => {
  const r = spawnSync(process.execPath, [...(opts.broken ? ['--require', BROKEN] : []), BIN, ...args], {
    input: opts.input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lienthong-lazy-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('--help names every command without loading any of them, with the adapters broken', () => {
  const r = run(['--help'], { broken: true });
  expect(r.code).toBe(0);
  for (const c of [
    'validate',
    'keys',
    'dlq',
    'audit',
    'serve',
    'worker',
    'call',
    'members',
    'policy',
    'operators',
  ])
    expect(r.out).toMatch(new RegExp(`^  ${c} `, 'm'));
});

it('a half-written adapter does not break validate, keys, dlq, audit, members or policy', () => {
  const person = JSON.stringify({
    personalId: '001099012345',
    fullName: 'A B',
    dateOfBirth: '1999',
    sex: 'male',
  });
  expect(run(['validate', 'person@1', '-'], { broken: true, input: person }).code).toBe(0);
  expect(run(['keys', 'init', '--trust-dir', join(dir, 'trust')], { broken: true }).code).toBe(0);
  expect(run(['keys', 'list', '--trust-dir', join(dir, 'trust')], { broken: true }).code).toBe(0);
  for (const args of [
    ['dlq', '--help'],
    ['audit', 'verify', '--help'],
    ['members', 'list'],
    ['policy', '--help'],
  ])
    expect({ args, code: run(args, { broken: true }).code }).toEqual({ args, code: 0 });
});

it('the commands that need the adapters say which file is broken and exit 1', () => {
  for (const args of [
    ['adapter', 'list'],
    ['worker', '--help'],
    ['serve', '--help'],
  ]) {
    const r = run(args, { broken: true });
    expect({ args, code: r.code }).toEqual({ args, code: 1 });
    expect(r.err).toContain('adapters/social-insurance/index.ts: Unexpected token');
  }
});

it('members list and policy who-may read the configuration', () => {
  const members = run(['members', 'list', '--json']);
  expect(members.code).toBe(0);
  expect(JSON.parse(members.out)).toEqual(
    expect.arrayContaining([expect.objectContaining({ id: 'VN:GOV:00:VPCP', rights: ['data-tracker'] })]),
  );
  const who = run(['policy', 'who-may', 'VN:GOV:00:BCA/DANCU/person-by-id/v1', '--json']);
  expect(who.code).toBe(0);
  expect(JSON.parse(who.out)).toEqual(
    expect.arrayContaining([
      {
        client: 'VN:GOV:01:UBND-NGOCHA/MOTCUA',
        purpose: 'xac-thuc.danh-tinh',
        fields: ['personalId', 'fullName', 'fullNameSearchKey', 'dateOfBirth', 'sex'],
      },
    ]),
  );
  const text = run(['policy', 'who-may', 'VN:GOV:00:BCA/DANCU/person-by-id/v1']);
  expect(text.out).toContain('VN:GOV:01:UBND-NGOCHA/MOTCUA  xac-thuc.danh-tinh  personalId, fullName');
  expect(run(['policy', 'who-may', 'VN:GOV:00:BCA/DANCU/nothing/v1']).code).toBe(1);
});
