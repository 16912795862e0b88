/**
 * Helpers for mapping upstream dialects to canonical records: read an upstream answer against the
 * adapter's schema of that dialect (anything unexpected is a malformed answer, never canonical data),
 * refuse legacy-encoded text from upstreams that promise Unicode, and small converters.
 */
import type { ObjectSchema, Schema, ValidationOptions } from 'joi';
import { specialiser } from '../../contracts/specialise';
import { detectLegacyEncoding } from '../../contracts/validators/legacy-encoding';
import { redactValue } from './redact';
import { UpstreamError } from './upstream-error';

const READ_OPTIONS: ValidationOptions = {
  abortEarly: false,
  allowUnknown: true,
  convert: false,
  errors: { render: true, wrap: { label: false } },
};

/**
 * Per dialect schema, what to validate an answer with: the schema with READ_OPTIONS set once (options
 * passed to validate() are merged into a clone of the schema's on every call), specialised to the keys
 * the answer carries (contracts/specialise.ts: the same result as the full schema, less work).
 */
const readers = new WeakMap<Schema, (value: unknown) => Schema>();
function readerOf(schema: Schema): (value: unknown) => Schema {
  let reader = readers.get(schema);
  if (!reader) {
    const withOptions = schema.prefs(READ_OPTIONS);
    reader = withOptions.type === 'object' ? specialiser(withOptions as ObjectSchema) : () => withOptions;
    readers.set(schema, reader);
  }
  return reader;
}

/**
 * Validates an upstream answer against the adapter's schema of the upstream's dialect. Unknown keys are
 * allowed (upstreams add fields); wrong types and missing fields are malformed answers.
 */
export function readUpstream<T>(upstream: string, schema: Schema, data: unknown): T {
  const res = readerOf(schema)(data).validate(data);
  if (res.error) {
    const fields = res.error.details.slice(0, 5).map((d) => `${d.path.join('.') || '(root)'}: ${d.type}`);
    throw new UpstreamError({
      upstream,
      code: 'malformed',
      reason: `answer does not match the upstream's schema (${fields.join('; ')})`,
      raw: JSON.stringify(redactValue(data)).slice(0, 4096),
    });
  }
  return assertUnicode(upstream, res.value) as T;
}

/** Throws a malformed UpstreamError when any string in the value is TCVN3- or VNI-encoded. */
export function assertUnicode<T>(upstream: string, value: T, path = ''): T {
  if (typeof value === 'string') {
    const enc = detectLegacyEncoding(value);
    if (enc !== 'unicode') {
      throw new UpstreamError({
        upstream,
        code: 'malformed',
        reason: `text in legacy encoding ${enc} at ${path || '(root)'}`,
      });
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => assertUnicode(upstream, v, `${path}[${i}]`));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) assertUnicode(upstream, v, path ? `${path}.${k}` : k);
  }
  return value;
}

/** Drops undefined members so canonical records carry no explicit undefined. */
export function compact<T extends Record<string, unknown>>(obj: T): T {
  for (const k of Object.keys(obj)) if (obj[k] === undefined) delete obj[k];
  return obj;
}

/** A canonical address as an upstream carries it: the parts of address@1 it has. */
export type CanonicalAddress = {
  text?: string;
  houseNumber?: string;
  street?: string;
  hamlet?: string;
  communeCode?: string;
  communeName?: string;
  provinceCode?: string;
  provinceName?: string;
  catalogue?: string;
};

/** A canonical party (partySchema in contracts/schemas/common.ts). */
export type Party = {
  kind: 'individual' | 'organisation';
  fullName: string;
  personalId?: string;
  taxCode?: string;
  dateOfBirth?: string;
  address?: CanonicalAddress;
};
