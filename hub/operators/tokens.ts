/**
 * Operators' tokens: who may use the operators' routes (dead letters, the queue dashboard) and under
 * which name their actions are audited. One file (`adminTokenFile`, mode 0600), one operator a line:
 *
 *   alice:3q2-…   # name:token
 *   kZx…          # a bare token: the operator `admin` (the file the hub creates on first start)
 *
 * `lienthong operators add|remove|list` edit it; a running hub reads it again with its configuration.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Operator name → token. */
export type OperatorTokens = ReadonlyMap<string, string>;

export const OPERATOR_NAME = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;
const TOKEN = /^[A-Za-z0-9_-]{16,200}$/;

export class OperatorTokensError extends Error {
  override readonly name = 'OperatorTokensError';
}

/** Parses the tokens file's text. */
export function parseOperatorTokens(text: string, file = 'operators file'): Map<string, string> {
  const out = new Map<string, string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const colon = line.indexOf(':');
    const [name, token] = colon < 0 ? ['admin', line] : [line.slice(0, colon), line.slice(colon + 1)];
    if (!OPERATOR_NAME.test(name) || !TOKEN.test(token))
      throw new OperatorTokensError(
        `${file}:${i + 1}: not "name:token" (a name, then 16 or more of A-Z a-z 0-9 _ -)`,
      );
    if (out.has(name)) throw new OperatorTokensError(`${file}:${i + 1}: operator ${name} is listed twice`);
    out.set(name, token);
  });
  return out;
}

export function readOperatorTokens(path: string): Map<string, string> {
  return parseOperatorTokens(readFileSync(path, 'utf8'), path);
}

function write(path: string, tokens: OperatorTokens): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, [...tokens].map(([n, t]) => `${n}:${t}\n`).join(''), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

const newToken = () => randomBytes(24).toString('base64url');

/** Creates the file with one operator, `admin`, when it is missing; returns whether it did. */
export function ensureOperatorTokens(path: string): boolean {
  if (existsSync(path)) return false;
  write(path, new Map([['admin', newToken()]]));
  return true;
}

/** Adds an operator (or gives one a new token); returns the token. */
export function addOperator(path: string, name: string): string {
  if (!OPERATOR_NAME.test(name)) throw new OperatorTokensError(`not an operator name: ${name}`);
  const tokens = existsSync(path) ? readOperatorTokens(path) : new Map<string, string>();
  const token = newToken();
  tokens.set(name, token);
  write(path, tokens);
  return token;
}

/** Removes an operator; false when there was none of that name. */
export function removeOperator(path: string, name: string): boolean {
  const tokens = readOperatorTokens(path);
  if (!tokens.delete(name)) return false;
  write(path, tokens);
  return true;
}

/** The operator a presented token belongs to (compared in constant time with each), or undefined. */
export function operatorOf(tokens: OperatorTokens | undefined, presented: string): string | undefined {
  if (!tokens) return undefined;
  const given = Buffer.from(presented);
  let found: string | undefined;
  for (const [name, token] of tokens) {
    const expected = Buffer.from(token);
    if (given.length === expected.length && timingSafeEqual(given, expected)) found = name;
  }
  return found;
}
