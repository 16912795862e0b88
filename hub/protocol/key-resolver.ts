/**
 * What request verification needs from the trust store: a kid → key lookup at a given time. The
 * protocol depends on this interface only; `hub/trust` implements it.
 */
import type { KeyObject } from 'node:crypto';
import type { JwsAlg } from './algorithms';

export type KeyFailureCode = 'KEY_UNKNOWN' | 'KEY_REVOKED' | 'KEY_EXPIRED';

export type KeyResolution =
  | {
      ok: true;
      /** The member the key's certificate was issued to. */
      memberId: string;
      publicKey: KeyObject;
      /** The key's default algorithm. */
      alg: JwsAlg;
      /** Every algorithm the key may sign with (RSA: RS256 and PS256). @defaultValue [alg] */
      algs?: readonly JwsAlg[];
    }
  | { ok: false; code: KeyFailureCode };

export interface KeyResolver {
  /** Looks a kid up at `now` (milliseconds since the epoch). Must be cheap: it runs for every request. */
  resolve(kid: string, now: number): KeyResolution;
}
