/** Test helper: a sealer over a fresh random data key, for queues built inside a test. */
import { randomBytes } from 'node:crypto';
import { createSealer, type Sealer } from '../../queue/sealing';

export function testSealer(kid = 'dk-test'): Sealer {
  const keyring = { current: kid, keys: new Map([[kid, randomBytes(32)]]) };
  return createSealer(() => keyring);
}
