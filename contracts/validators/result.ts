/**
 * The result shape every validator in contracts/validators returns. A validator never throws on any
 * input: bad input is a `{ ok: false }` with a stable code from the error catalogue and the values the
 * message needs.
 */
import type { FieldCode } from '../errors/catalogue';

export interface Valid<T> {
  ok: true;
  value: T;
}

export interface Invalid {
  ok: false;
  code: FieldCode;
  /** Values the catalogue message interpolates, e.g. `{ prefix: '003' }`. */
  context?: Record<string, string | number>;
}

export type Result<T> = Valid<T> | Invalid;

export const valid = <T>(value: T): Valid<T> => ({ ok: true, value });
export const invalid = (code: FieldCode, context?: Record<string, string | number>): Invalid =>
  context ? { ok: false, code, context } : { ok: false, code };
