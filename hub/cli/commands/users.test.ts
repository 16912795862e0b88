/**
 * `lienthong users add|disable|reset-password|list` on a local commander program: the accounts file it
 * writes (beside the operators' tokens file of the configuration), the passwords it prints once and what
 * they open (verifyUser, as the sign-in page checks them), and its refusals with exit code 1.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { readUsers, usersFileOf, verifyUser } from '../../web/accounts/users';
import { registerUserCommands } from './users';

const dir = mkdtempSync(join(tmpdir(), 'users-cli-'));
const tokenFile = join(dir, 'keys', 'admin.token');
const usersFile = usersFileOf(tokenFile);
const saved = process.env.LIENTHONG_ADMIN_TOKEN_FILE;
beforeAll(() => {
  process.env.LIENTHONG_ADMIN_TOKEN_FILE = tokenFile;
});
afterAll(() => {
  if (saved === undefined) delete process.env.LIENTHONG_ADMIN_TOKEN_FILE;
  else process.env.LIENTHONG_ADMIN_TOKEN_FILE = saved;
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `lienthong users …`; returns what it printed and the exit code it set. */
async function run(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const program = new Command().exitOverride();
  registerUserCommands(program);
  let out = '';
  let err = '';
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const stderr = jest.spyOn(console, 'error').mockImplementation((msg: unknown) => {
    err += `${String(msg)}\n`;
  });
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'lienthong', 'users', ...args]);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, err, code };
}

it('adds accounts whose printed password signs in, lists them, disables and resets one', async () => {
  const officer = await run('add', 'lan.tran', '--role', 'officer', '--agency', 'VN:GOV:00:CUCTHUE');
  expect(officer.code).toBe(0);
  const password = officer.out.trim();
  expect(password).toMatch(/^[\w-]{16}$/);
  expect(statSync(usersFile).mode & 0o777).toBe(0o600);
  expect(JSON.stringify([...readUsers(usersFile)])).not.toContain(password); // only its scrypt hash
  expect(verifyUser(usersFile, 'lan.tran', password)).toMatchObject({
    role: 'officer',
    agency: 'VN:GOV:00:CUCTHUE',
  });
  expect(verifyUser(usersFile, 'lan.tran', `${password}x`)).toBeUndefined();
  expect((await run('add', 'an.le', '--role', 'auditor')).code).toBe(0);

  expect((await run('list')).out).toBe(
    'lan.tran\tofficer\tVN:GOV:00:CUCTHUE\tactive\nan.le\tauditor\t-\tactive\n',
  );

  expect(await run('disable', 'lan.tran')).toMatchObject({ code: 0, out: 'disabled lan.tran\n' });
  expect(verifyUser(usersFile, 'lan.tran', password)).toBeUndefined();
  expect((await run('list')).out).toContain('lan.tran\tofficer\tVN:GOV:00:CUCTHUE\tdisabled');

  const reset = await run('reset-password', 'lan.tran');
  expect(reset.code).toBe(0);
  const fresh = reset.out.trim();
  expect(fresh).not.toBe(password);
  expect(verifyUser(usersFile, 'lan.tran', password)).toBeUndefined();
  expect(verifyUser(usersFile, 'lan.tran', fresh)).toMatchObject({ role: 'officer' });
});

it('refuses an unknown role, an officer without an agency, a bad name and an unknown user (exit 1)', async () => {
  expect(await run('add', 'x.y', '--role', 'admin')).toMatchObject({ code: 1, err: 'not a role: admin\n' });
  const noAgency = await run('add', 'x.y', '--role', 'officer');
  expect(noAgency.code).toBe(1);
  expect(noAgency.err).toContain('--agency');
  expect((await run('add', 'a b', '--role', 'operator')).code).toBe(1);
  expect(await run('disable', 'nobody')).toMatchObject({ code: 1, err: 'no user nobody\n' });
  expect(await run('reset-password', 'nobody')).toMatchObject({ code: 1, err: 'no user nobody\n' });
  expect(readUsers(usersFile).has('x.y')).toBe(false);
});
