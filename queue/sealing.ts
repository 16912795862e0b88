/**
 * At-rest sealing of what the queues keep about a delivery: its payload (input, the signed request, the
 * subject) and its result are sealed with AES-256-GCM before BullMQ or the dead-letter queue stores them,
 * and opened only by the worker and the hub's own readers. The key id travels with each sealed value, so
 * a rotation (data-keys.ts) leaves older values readable while their keys are kept. The associated data
 * names what the value is and whose (`payload:<delivery id>`), so a sealed value copied onto another
 * delivery, or a payload passed off as a result, does not open.
 *
 * Format (one string, ASCII): `s1.<kid>.<iv>.<ciphertext>.<tag>` — base64url parts, a 12-byte IV, a
 * 16-byte tag.
 */
import {
  createCipheriv,
  createDecipheriv,
  createSecretKey,
  randomFillSync,
  type KeyObject,
} from 'node:crypto';

/** The keys a sealer may use: the current one seals, any of them opens. */
export interface DataKeyring {
  /** Key id of the key new values are sealed with. */
  current: string;
  /** Every key still kept, by key id: 32 bytes each. */
  keys: ReadonlyMap<string, Buffer>;
}

export type SealErrorCode = 'KEY_UNKNOWN' | 'SEAL_INVALID';

/** A value that cannot be opened: its key is not kept here, or it was altered or moved. */
export class SealError extends Error {
  override readonly name = 'SealError';
  constructor(
    readonly code: SealErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface Sealer {
  /** Seals `value` (JSON) for `context` with the current key. */
  seal(value: unknown, context: string): string;
  /** Opens a sealed value of `context`; throws SealError. */
  open<T = unknown>(sealed: string, context: string): T;
  /** Key id of a sealed value (without opening it), or undefined when it is not one. */
  kidOf(sealed: unknown): string | undefined;
  /** Key id new values are sealed with. */
  currentKid(): string;
}

const VERSION = 's1';
const KID = /^[A-Za-z0-9_-]{1,64}$/;

/** Random IVs taken from a pool filled 256 at a time (one randomFillSync per 256 seals, not one each). */
function ivSource(): () => Buffer {
  const pool = Buffer.alloc(12 * 256);
  let at = pool.length;
  return () => {
    if (at === pool.length) {
      randomFillSync(pool);
      at = 0;
    }
    at += 12;
    return Buffer.from(pool.subarray(at - 12, at));
  };
}

/** A sealer over a keyring; `keyring` is read on each call, so a reloaded keyring takes effect at once. */
export function createSealer(keyring: () => DataKeyring): Sealer {
  // KeyObjects made once per key (and again when a reload brings other bytes under the same id).
  const objects = new Map<string, { bytes: Buffer; key: KeyObject }>();
  const nextIv = ivSource();
  const keyOf = (kid: string): KeyObject => {
    const bytes = keyring().keys.get(kid);
    if (!bytes) throw new SealError('KEY_UNKNOWN', `data key ${kid} is not in this keyring`);
    const known = objects.get(kid);
    if (known && known.bytes === bytes) return known.key;
    const key = createSecretKey(bytes);
    objects.set(kid, { bytes, key });
    return key;
  };
  return {
    seal(value, context) {
      const kid = keyring().current;
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', keyOf(kid), iv);
      cipher.setAAD(Buffer.from(`${VERSION}.${kid}.${context}`));
      const ct = Buffer.concat([cipher.update(JSON.stringify(value) ?? 'null', 'utf8'), cipher.final()]);
      return [
        VERSION,
        kid,
        iv.toString('base64url'),
        ct.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
      ].join('.');
    },
    open<T>(sealed: string, context: string): T {
      const parts = typeof sealed === 'string' ? sealed.split('.') : [];
      if (parts.length !== 5 || parts[0] !== VERSION || !KID.test(parts[1]))
        throw new SealError('SEAL_INVALID', 'not a sealed value');
      const [, kid, iv, ct, tag] = parts;
      try {
        const decipher = createDecipheriv('aes-256-gcm', keyOf(kid), Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(`${VERSION}.${kid}.${context}`));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        const plain = Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]);
        return JSON.parse(plain.toString('utf8')) as T;
      } catch (err) {
        if (err instanceof SealError) throw err;
        throw new SealError('SEAL_INVALID', `sealed value does not open for ${context.split(':')[0]}`);
      }
    },
    kidOf(sealed) {
      if (typeof sealed !== 'string') return undefined;
      const parts = sealed.split('.');
      return parts.length === 5 && parts[0] === VERSION && KID.test(parts[1]) ? parts[1] : undefined;
    },
    currentKid: () => keyring().current,
  };
}
