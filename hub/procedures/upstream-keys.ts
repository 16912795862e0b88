/**
 * Public keys an upstream signs with, kept in the trust directory beside the members' certificates:
 * `<trustDir>/upstreams/<adapter>/<key id>.pem`, one PEM public key per file, named by the id the
 * upstream sends with its signature (the payment platform's X-Ma-Khoa). Two files during a rotation; a
 * removed file is a withdrawn key. Read again at most every `ttlMs`, so `cp`/`rm` in the trust dir takes
 * effect without a restart.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export const upstreamKeyDir = (trustDir: string, adapter: string): string =>
  join(trustDir, 'upstreams', adapter);

/** Reads the keys of `adapter` as { key id: PEM } (no prototype: key ids come from requests). */
export function readUpstreamKeys(trustDir: string, adapter: string): Record<string, string> {
  const dir = upstreamKeyDir(trustDir, adapter);
  const keys = Object.create(null) as Record<string, string>;
  if (!existsSync(dir)) return keys;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.pem')) continue;
    const kid = f.slice(0, -4);
    if (KEY_ID.test(kid)) keys[kid] = readFileSync(join(dir, f), 'utf8');
  }
  return keys;
}

/** The keys of `adapter`, cached for `ttlMs`. */
export function upstreamKeys(trustDir: () => string, adapter: string, ttlMs = 5000) {
  let cached: { at: number; dir: string; keys: Record<string, string> } | undefined;
  return (): Record<string, string> => {
    const dir = trustDir();
    if (!cached || cached.dir !== dir || Date.now() - cached.at > ttlMs)
      cached = { at: Date.now(), dir, keys: readUpstreamKeys(dir, adapter) };
    return cached.keys;
  };
}
