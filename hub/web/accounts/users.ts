/**
 * Officers' and operators' accounts for the pages: one JSON file beside the operators' tokens
 * (`<dir of adminTokenFile>/web-users.json`, mode 0600), one entry per user name: role (operator,
 * officer of an agency — a member id —, or auditor, read-only), scrypt password hash (node:crypto, salt
 * per user), and whether the account is disabled. `lienthong users add|disable|reset-password|list`
 * edit it; the hub reads it at each sign-in.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { OPERATOR_NAME } from '../../operators/tokens';

export type Role = 'operator' | 'officer' | 'auditor';

export interface UserEntry {
  role: Role;
  /** The officer's agency (a member id). */
  agency?: string;
  /** `scrypt$<salt b64url>$<hash b64url>`. */
  password: string;
  disabled?: boolean;
}

export class UsersError extends Error {
  override readonly name = 'UsersError';
}

export const usersFileOf = (adminTokenFile: string): string =>
  join(dirname(adminTokenFile), 'web-users.json');

export function readUsers(path: string): Map<string, UserEntry> {
  if (!existsSync(path)) return new Map();
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, UserEntry>;
  return new Map(Object.entries(raw));
}

function write(path: string, users: Map<string, UserEntry>): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(Object.fromEntries(users), null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

const hashOf = (password: string, salt = randomBytes(16)): string =>
  `scrypt$${salt.toString('base64url')}$${scryptSync(password, salt, 32).toString('base64url')}`;

const newPassword = () => randomBytes(12).toString('base64url');

/** Adds a user (or replaces one); returns the password, shown once. */
export function addUser(path: string, name: string, role: Role, agency?: string): string {
  if (!OPERATOR_NAME.test(name)) throw new UsersError(`not a user name: ${name}`);
  if (role === 'officer' && !agency) throw new UsersError('an officer needs --agency <member id>');
  const users = readUsers(path);
  const password = newPassword();
  users.set(name, { role, ...(role === 'officer' ? { agency } : {}), password: hashOf(password) });
  write(path, users);
  return password;
}

export function disableUser(path: string, name: string): boolean {
  const users = readUsers(path);
  const u = users.get(name);
  if (!u) return false;
  users.set(name, { ...u, disabled: true });
  write(path, users);
  return true;
}

/** A new password (and the account enabled again); undefined when there is no such user. */
export function resetPassword(path: string, name: string): string | undefined {
  const users = readUsers(path);
  const u = users.get(name);
  if (!u) return undefined;
  const password = newPassword();
  users.set(name, { ...u, password: hashOf(password), disabled: false });
  write(path, users);
  return password;
}

/** Checks a password in constant time; the account when it matches and is not disabled. */
export function verifyUser(path: string, name: string, password: string): UserEntry | undefined {
  const u = readUsers(path).get(name);
  // A user that does not exist costs the same scrypt as one that does.
  const [, salt, hash] = (u?.password ?? `scrypt$${'A'.repeat(22)}$${'A'.repeat(43)}`).split('$');
  const given = scryptSync(password, Buffer.from(salt, 'base64url'), 32);
  const expected = Buffer.from(hash ?? '', 'base64url');
  const ok = expected.length === 32 && timingSafeEqual(given, expected);
  return u && ok && !u.disabled ? u : undefined;
}
