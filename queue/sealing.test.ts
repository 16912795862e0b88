/**
 * Sealing at rest: a value opens only with its key, for its own delivery and role; a rotated keyring
 * still opens what the older key sealed; and the data-keys file rotates, keeping a retired key as long
 * as something uses it or the retention has not passed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataKeyStore, initDataKeys, readDataKeys, rotateDataKeys } from './data-keys';
import { createSealer, SealError, type DataKeyring } from './sealing';
import { fromStored, toStored } from './stored';
import { unsignedSmsData } from '../test/helpers/delivery-load';

const ring = (current: string, ...kids: string[]): DataKeyring => ({
  current,
  keys: new Map(kids.map((k) => [k, randomBytes(32)])),
});

describe('a sealed value', () => {
  const keyring = ring('k1', 'k1');
  const sealer = createSealer(() => keyring);

  it('opens for its own context and holds no clear text', () => {
    const sealed = sealer.seal({ to: '+84912345678' }, 'payload:d.notify.a');
    expect(sealed).toMatch(/^s1\.k1\./);
    expect(sealed).not.toContain('912345678');
    expect(sealer.open(sealed, 'payload:d.notify.a')).toEqual({ to: '+84912345678' });
    expect(sealer.kidOf(sealed)).toBe('k1');
  });

  it('does not open on another delivery, as another role, altered, or without its key', () => {
    const sealed = sealer.seal({ to: '+84912345678' }, 'payload:d.notify.a');
    const attempt = (s: string, context: string) => {
      try {
        sealer.open(s, context);
        return 'opened';
      } catch (err) {
        return (err as SealError).code;
      }
    };
    expect(attempt(sealed, 'payload:d.notify.b')).toBe('SEAL_INVALID');
    expect(attempt(sealed, 'result:d.notify.a')).toBe('SEAL_INVALID');
    const parts = sealed.split('.');
    parts[3] = Buffer.from(
      'x' + Buffer.from(parts[3], 'base64url').toString('latin1').slice(1),
      'latin1',
    ).toString('base64url');
    expect(attempt(parts.join('.'), 'payload:d.notify.a')).toBe('SEAL_INVALID');
    expect(attempt(sealed.replace('s1.k1.', 's1.k2.'), 'payload:d.notify.a')).toBe('KEY_UNKNOWN');
    expect(attempt('{"to":"+84912345678"}', 'payload:d.notify.a')).toBe('SEAL_INVALID');
  });

  it('of a stored delivery keeps routing in clear and the content sealed', () => {
    const data = unsignedSmsData('notify', 'Hồ sơ HS-1 đã xong');
    const stored = toStored(sealer, data);
    expect(stored).toMatchObject({
      id: data.id,
      service: data.service,
      client: data.client,
      destination: 'notify',
    });
    expect(JSON.stringify(stored)).not.toContain('912345678');
    expect(JSON.stringify(stored)).not.toContain('HS-1');
    expect(fromStored(sealer, stored)).toEqual(data);
  });
});

describe('the data-keys file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lienthong-data-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is created once, 0600, and a rotation keeps the old key for what it sealed', async () => {
    const path = join(dir, 'data-keys.json');
    const first = initDataKeys(path);
    expect(initDataKeys(path)).toBe(first);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const store = createDataKeyStore(path);
    const sealer = createSealer(store.keyring);
    const old = sealer.seal('x', 'payload:a');

    const r = await rotateDataKeys(path, { retentionSec: 60, inUse: async () => false });
    expect(r).toMatchObject({ retired: first, dropped: [], kept: [first] });
    store.reload();
    expect(sealer.currentKid()).toBe(r.current);
    expect(sealer.kidOf(sealer.seal('y', 'payload:b'))).toBe(r.current);
    expect(sealer.open(old, 'payload:a')).toBe('x');
    expect(readFileSync(path, 'utf8')).toContain('"retiredAt"');
  });

  it('drops a retired key past the retention unless something still uses it', async () => {
    const path = join(dir, 'data-keys.json');
    const now = Date.parse('2026-01-01T00:00:00Z');
    const k1 = initDataKeys(path, now);
    const { current: k2 } = await rotateDataKeys(path, { now, retentionSec: 3600, inUse: async () => false });
    // An hour and a bit later: k1 has been retired longer than the retention, but a dead letter uses it.
    const later = now + 3_700_000;
    const kept = await rotateDataKeys(path, {
      now: later,
      retentionSec: 3600,
      inUse: async (kid) => kid === k1,
    });
    expect(kept.dropped).toEqual([]);
    expect(readDataKeys(path).keys.map((k) => k.kid)).toEqual([k1, k2, kept.current]);
    // Once nothing uses it, the next rotation drops it; k2, retired just now, stays.
    const dropped = await rotateDataKeys(path, {
      now: later + 1000,
      retentionSec: 3600,
      inUse: async () => false,
    });
    expect(dropped.dropped).toEqual([k1]);
    expect(readDataKeys(path).keys.map((k) => k.kid)).toEqual([k2, kept.current, dropped.current]);
  });

  it('refuses a file that is not one, and says how to make one when it is missing', () => {
    expect(() => readDataKeys(join(dir, 'none.json'))).toThrow(/lienthong keys data-rotate/);
  });
});
