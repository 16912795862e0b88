/**
 * What request verification needs from the trust store: a kid → key lookup at a given time. The
 * protocol depends on this interface only; `hub/trust` implements it.
 */
import type { KeyObject } from 'node:crypto';
import type { JwsAlg } from './algorithms';

export type KeyFailureCode = 'KEY_UNKNOWN' | 'KEY_REVOKED' | 'KEY_EXPIRED';

/** A key as the verifier needs it. */
export interface ResolvedKey {
  /** The member the key's certificate was issued to. */
  memberId: string;
  publicKey: KeyObject;
  /** The key's default algorithm. */
  alg: JwsAlg;
  /** Every algorithm the key may sign with (RSA: RS256 and PS256). @defaultValue [alg] */
  algs?: readonly JwsAlg[];
}

export type KeyResolution =
  | ({ ok: true } & ResolvedKey)
  | {
      ok: false;
      code: KeyFailureCode;
      /**
       * The key of a kid that is known but revoked or expired, so that the verifier checks the signature
       * first and tells the key's state only to a request signed with it (absent for KEY_UNKNOWN).
       */
      key?: ResolvedKey;
    };

export interface KeyResolver {
  /** Looks a kid up at `now` (milliseconds since the epoch). Must be cheap: it runs for every request. */
  resolve(kid: string, now: number): KeyResolution;
}
