/**
 * What an answer means, for the kit: its contract (outputSchema), where it differs from the canonical
 * answer an example states (differences), whether it carries Vietnamese text, and how to expect an
 * UpstreamError with a message that says what went wrong.
 */
import type { Schema } from 'joi';
import { contracts, validateWith } from '../../../contracts';
import { detectLegacyEncoding } from '../../../contracts/validators/legacy-encoding';
import type { ServiceDefinition } from '../types';
import { isUpstreamError, type UpstreamError, type UpstreamErrorCode } from '../upstream-error';
import { CheckFailed, expect } from './spec';

export function outputSchema(svc: ServiceDefinition): { id: string; validate(v: unknown): string[] } {
  if (typeof svc.output === 'string') {
    const def = contracts.get(svc.output);
    if (!def) throw new CheckFailed(`service ${svc.name} names unknown contract ${svc.output}`);
    return {
      id: def.id,
      validate: (v) => {
        const r = validateWith(def, v);
        return r.ok ? [] : (r.problem.errors ?? []).map((e) => `${e.path}: ${e.code}`);
      },
    };
  }
  const schema = svc.output as Schema;
  return {
    id: String((schema.describe().flags as { id?: string } | undefined)?.id ?? svc.name),
    validate: (v) => {
      const r = schema.validate(v, { abortEarly: false });
      return r.error ? r.error.details.map((d) => `${d.path.join('.')}: ${d.type}`) : [];
    },
  };
}

const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

/** Where `actual` differs from `expected`: objects by the fields stated, arrays element by element. */
export function differences(expected: unknown, actual: unknown, path = ''): string[] {
  if (expected && typeof expected === 'object' && !Array.isArray(expected)) {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual))
      return [`${path || '(answer)'}: expected an object, got ${show(actual)}`];
    return Object.entries(expected).flatMap(([k, v]) =>
      differences(v, (actual as Record<string, unknown>)[k], path ? `${path}.${k}` : k),
    );
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected a list, got ${show(actual)}`];
    if (actual.length !== expected.length)
      return [`${path}: expected ${expected.length} items, got ${actual.length}`];
    return expected.flatMap((v, i) => differences(v, actual[i], `${path}[${i}]`));
  }
  return Object.is(expected, actual) ? [] : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
}

/** Vietnamese letters with diacritics (and đ), the text a legacy encoding would garble. */
const VIETNAMESE = /[À-ÃÈ-ÊÌÍÒ-ÕÙÚÝà-ãè-êìíò-õùúýĂăĐđĨĩŨũƠơƯưẠ-ỹ]/;

export function hasVietnameseText(value: unknown, depth = 0): boolean {
  if (depth > 20) return false;
  if (typeof value === 'string') return VIETNAMESE.test(value);
  if (Array.isArray(value)) return value.some((v) => hasVietnameseText(v, depth + 1));
  if (value && typeof value === 'object')
    return Object.values(value).some((v) => hasVietnameseText(v, depth + 1));
  return false;
}

export function findLegacyText(value: unknown): string | undefined {
  if (typeof value === 'string') return detectLegacyEncoding(value) !== 'unicode' ? value : undefined;
  if (Array.isArray(value)) return value.map(findLegacyText).find(Boolean);
  if (value && typeof value === 'object') return Object.values(value).map(findLegacyText).find(Boolean);
  return undefined;
}

export async function expectUpstreamError(
  p: Promise<unknown>,
  code: UpstreamErrorCode,
  retryable?: boolean,
  hint = '',
): Promise<UpstreamError> {
  let err: unknown;
  try {
    const out = await p;
    throw new CheckFailed(
      `expected an UpstreamError ${code}, got data: ${JSON.stringify(out).slice(0, 200)}${hint ? ` — ${hint}` : ''}`,
    );
  } catch (e) {
    if (e instanceof CheckFailed) throw e;
    err = e;
  }
  expect(isUpstreamError(err), `expected an UpstreamError, got ${String(err)}`);
  expect(
    err.code === code,
    `expected code ${code}, got ${err.code} (${err.reason})${hint ? ` — ${hint}` : ''}`,
  );
  if (retryable !== undefined) expect(err.retryable === retryable, `expected retryable=${retryable}`);
  return err;
}
