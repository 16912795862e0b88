/**
 * The data keys that seal delivery payloads and results at rest (sealing.ts): one JSON file, mode 0600,
 * in the trust directory (`<trust dir>/data-keys.json`), copied with it to every hub and worker host.
 *
 *   { "current": "<kid>", "keys": [{ "kid", "key" (32 bytes, base64url), "createdAt", "retiredAt"? }] }
 *
 * A rotation adds a key and makes it current; the old key is marked retired and kept, so values sealed
 * with it still open. It is dropped by a later rotation once it has been retired longer than the
 * retention of the jobs it sealed *and* no job or dead letter still uses it (the caller checks Redis).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createSealer, type DataKeyring, type Sealer } from './sealing';

export const DATA_KEYS_FILE = 'data-keys.json';

export interface DataKeyEntry {
  kid: string;
  /** 32 random bytes, base64url. */
  key: string;
  createdAt: string;
  /** When a newer key replaced it as current. */
  retiredAt?: string;
}

export interface DataKeysFile {
  current: string;
  keys: DataKeyEntry[];
}

export class DataKeysError extends Error {
  override readonly name = 'DataKeysError';
}

export const dataKeysPath = (trustDir: string): string => join(trustDir, DATA_KEYS_FILE);

function newEntry(now: number): DataKeyEntry {
  const stamp = new Date(now).toISOString().slice(0, 10).replace(/-/g, '');
  return {
    kid: `dk-${stamp}-${randomBytes(4).toString('hex')}`,
    key: randomBytes(32).toString('base64url'),
    createdAt: new Date(now).toISOString(),
  };
}

function write(path: string, file: DataKeysFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

/** Reads and checks the file. */
export function readDataKeys(path: string): DataKeysFile {
  let file: DataKeysFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as DataKeysFile;
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new DataKeysError(
      missing
        ? `no data keys at ${path}: create them with \`lienthong keys data-rotate\` and copy the trust dir to every hub and worker host`
        : `${path} is not valid JSON`,
    );
  }
  if (!file || !Array.isArray(file.keys) || typeof file.current !== 'string')
    throw new DataKeysError(`${path} must hold { current, keys: [...] }`);
  for (const k of file.keys) {
    if (
      !/^[A-Za-z0-9_-]{1,64}$/.test(String(k?.kid)) ||
      Buffer.from(String(k.key), 'base64url').length !== 32
    )
      throw new DataKeysError(`${path}: key ${String(k?.kid)} is not a 32-byte key with a valid id`);
  }
  if (!file.keys.some((k) => k.kid === file.current))
    throw new DataKeysError(`${path}: the current key ${file.current} is not in the file`);
  return file;
}

/** The keyring of a data-keys file. */
export function toKeyring(file: DataKeysFile): DataKeyring {
  return {
    current: file.current,
    keys: new Map(file.keys.map((k) => [k.kid, Buffer.from(k.key, 'base64url')])),
  };
}

/** Creates the file with one key, unless it exists. Returns the current key id. */
export function initDataKeys(path: string, now = Date.now()): string {
  if (existsSync(path)) return readDataKeys(path).current;
  const entry = newEntry(now);
  write(path, { current: entry.kid, keys: [entry] });
  return entry.kid;
}

export interface RotateDataKeysOptions {
  now?: number;
  /** A retired key is dropped only after this long (the longest a job or dead letter sealed with it is kept). */
  retentionSec: number;
  /** Whether anything in Redis is still sealed with `kid`; such a key is kept whatever its age. */
  inUse(kid: string): Promise<boolean>;
}

export interface RotateDataKeysResult {
  current: string;
  retired?: string;
  dropped: string[];
  kept: string[];
}

/** Adds a key and makes it current (creating the file if need be); drops retired keys nobody needs. */
export async function rotateDataKeys(
  path: string,
  opts: RotateDataKeysOptions,
): Promise<RotateDataKeysResult> {
  const now = opts.now ?? Date.now();
  const file: DataKeysFile = existsSync(path) ? readDataKeys(path) : { current: '', keys: [] };
  const entry = newEntry(now);
  const retired = file.current || undefined;
  const keys = file.keys.map((k) =>
    k.kid === retired && !k.retiredAt ? { ...k, retiredAt: new Date(now).toISOString() } : k,
  );
  const dropped: string[] = [];
  const kept: DataKeyEntry[] = [];
  for (const k of keys) {
    const expired =
      k.kid !== retired &&
      k.retiredAt !== undefined &&
      now - Date.parse(k.retiredAt) > opts.retentionSec * 1000;
    if (expired && !(await opts.inUse(k.kid))) dropped.push(k.kid);
    else kept.push(k);
  }
  write(path, { current: entry.kid, keys: [...kept, entry] });
  return { current: entry.kid, retired, dropped, kept: kept.map((k) => k.kid) };
}

/** The data keys of a file, read once and again on reload() (a file that does not load keeps the last good keys). */
export function createDataKeyStore(path: string): { keyring(): DataKeyring; reload(): void } {
  let current = toKeyring(readDataKeys(path));
  return {
    keyring: () => current,
    reload() {
      current = toKeyring(readDataKeys(path));
    },
  };
}

/** The sealer of a trust directory's data keys, and how to read them again (with the trust dir). */
export function trustDirSealer(trustDir: string): { sealer: Sealer; reload(): void } {
  const store = createDataKeyStore(dataKeysPath(trustDir));
  return { sealer: createSealer(store.keyring), reload: store.reload };
}
