/**
 * RFC 9457 problem documents: one stable `code` from the catalogue, titles in English and Vietnamese,
 * and for contract errors one entry per invalid field (all of them, not the first only).
 */
import type { ValidationError, ValidationErrorItem } from 'joi';
import { FIELD_ERRORS, PROBLEMS, interpolate, type FieldCode, type ProblemCode } from './errors/catalogue';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface FieldError {
  /** Dotted path with array indexes in brackets: `children[0].fullName`. */
  path: string;
  /** The same location as a JSON Pointer (RFC 6901): `/children/0/fullName`. */
  pointer: string;
  code: FieldCode;
  /** English message. */
  message: string;
  /** Vietnamese message. */
  messageVi: string;
}

export interface Problem {
  /** A URN naming the problem type, derived from the code. */
  type: string;
  title: string;
  titleVi: string;
  status: number;
  code: ProblemCode | string;
  detail?: string;
  detailVi?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const problemType = (code: string): string =>
  `urn:lienthong:problem:${code.toLowerCase().replace(/_/g, '-')}`;

/** Builds a problem document for a catalogue code. Unknown codes are a programming error caught by tests. */
export function problem(
  code: ProblemCode,
  context: Record<string, unknown> = {},
  extra: {
    detail?: string;
    detailVi?: string;
    instance?: string;
    errors?: FieldError[];
    [k: string]: unknown;
  } = {},
): Problem {
  const entry = PROBLEMS[code];
  const out: Problem = {
    type: problemType(code),
    title: interpolate(entry.en, context),
    titleVi: interpolate(entry.vi, context),
    status: entry.status,
    code,
  };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) out[k] = v;
  return out;
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

export function fieldError(
  path: readonly (string | number)[],
  code: FieldCode,
  context: Record<string, unknown> = {},
): FieldError {
  const entry = FIELD_ERRORS[code];
  return {
    path: formatPath(path),
    pointer: path.length ? '/' + path.map((s) => escapePointer(String(s))).join('/') : '',
    code,
    message: interpolate(entry.en, context),
    messageVi: interpolate(entry.vi, context),
  };
}

/** Maps Joi's built-in error types onto catalogue codes; our extension types already are catalogue codes. */
function codeOf(item: ValidationErrorItem): { code: FieldCode; context: Record<string, unknown> } {
  const t = item.type;
  const ctx = (item.context ?? {}) as Record<string, unknown>;
  if (t in FIELD_ERRORS) return { code: t as FieldCode, context: ctx };
  const [kind, rule] = t.split('.');
  switch (rule) {
    case 'required':
      return { code: 'FIELD_REQUIRED', context: ctx };
    case 'unknown':
      return { code: 'FIELD_NOT_ALLOWED', context: ctx };
    case 'base':
      return { code: 'FIELD_TYPE', context: { expected: expectedType(kind) } };
    case 'empty':
      return { code: 'FIELD_EMPTY', context: ctx };
    case 'only':
      return {
        code: 'FIELD_NOT_IN_LIST',
        context: { allowed: Array.isArray(ctx.valids) ? ctx.valids.map(String).join(', ') : '' },
      };
    case 'max':
    case 'length':
      return kind === 'array' || kind === 'object'
        ? { code: 'FIELD_TOO_MANY', context: ctx }
        : kind === 'string'
          ? { code: 'FIELD_TOO_LONG', context: ctx }
          : { code: 'FIELD_OUT_OF_RANGE', context: ctx };
    case 'min':
      return kind === 'array' || kind === 'object'
        ? { code: 'FIELD_TOO_FEW', context: ctx }
        : kind === 'string'
          ? { code: 'FIELD_TOO_SHORT', context: ctx }
          : { code: 'FIELD_OUT_OF_RANGE', context: ctx };
    case 'unique':
      return { code: 'FIELD_DUPLICATE', context: ctx };
    case 'greater':
    case 'less':
    case 'integer':
    case 'positive':
    case 'negative':
    case 'precision':
    case 'unsafe':
    case 'infinity':
      return { code: 'FIELD_OUT_OF_RANGE', context: ctx };
    case 'with':
    case 'missing':
      return { code: 'FIELD_REQUIRED', context: ctx };
    case 'without':
    case 'xor':
    case 'nand':
    case 'oxor':
      return { code: 'FIELD_CONFLICT', context: { other: ctx.peer ?? ctx.peersWithLabels ?? '' } };
    default:
      if (t.startsWith('string.')) return { code: 'FIELD_FORMAT', context: ctx };
      return { code: 'FIELD_INVALID', context: ctx };
  }
}

function expectedType(kind: string | undefined): string {
  switch (kind) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return 'array';
    case 'object':
      return 'object';
    case 'date':
      return 'date';
    default:
      return kind ?? 'value';
  }
}

/** One FieldError per Joi detail, in document order; duplicates (same path and code) dropped. */
export function fieldErrorsFromJoi(error: ValidationError): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const item of error.details) {
    const { code, context } = codeOf(item);
    let path = item.path;
    // An unknown key is reported at the key itself.
    if (
      code === 'FIELD_NOT_ALLOWED' &&
      typeof context.child === 'string' &&
      path[path.length - 1] !== context.child
    ) {
      path = [...path, context.child];
    }
    const fe = fieldError(path, code, context);
    const key = `${fe.path}\u0000${fe.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(fe);
  }
  return out;
}

export function contractProblem(contractId: string, errors: FieldError[], instance?: string): Problem {
  const n = errors.length;
  return problem(
    'CONTRACT_INVALID',
    { contract: contractId },
    {
      detail: `${n} field${n === 1 ? '' : 's'} failed validation`,
      detailVi: `${n} trường không hợp lệ`,
      instance,
      errors,
    },
  );
}
