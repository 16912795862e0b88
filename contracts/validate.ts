/**
 * Validation and normalisation of records against contracts. Reports every invalid field in one
 * problem document; never throws on any JSON value.
 */
import type { ObjectSchema, ValidationOptions } from 'joi';
import { contracts, type ContractDefinition } from './registry';
import { withClock } from './extensions';
import { applyDerivations, derivationPlan, type DeriveStep } from './derive';
import { contractProblem, fieldError, fieldErrorsFromJoi, problem, type Problem } from './problem';
import { specialiser } from './specialise';

export interface ValidateOptions {
  /** Clock for "not in the future" rules. @defaultValue new Date() */
  now?: Date;
  /** `instance` member of the problem document (e.g. the request path). */
  instance?: string;
}

export type Validated<T = Record<string, unknown>> = { ok: true; value: T } | { ok: false; problem: Problem };

/** Set on the compiled schemas (not per call: Joi would merge them with its defaults on every validation). */
const baseOptions: ValidationOptions = {
  abortEarly: false,
  convert: true,
  allowUnknown: false,
  errors: { render: false },
};

/** What validateWith works out once per contract. */
interface Compiled {
  /** The schema to validate a record with: the contract's, with baseOptions, specialised (see ./specialise). */
  schemaFor: (value: unknown) => ObjectSchema;
  plan: DeriveStep[];
}

const compiled = new WeakMap<ContractDefinition, Compiled>();
function compiledOf(def: ContractDefinition): Compiled {
  let c = compiled.get(def);
  if (!c) {
    c = { schemaFor: specialiser(def.schema.prefs(baseOptions)), plan: derivationPlan(def.schema) };
    compiled.set(def, c);
  }
  return c;
}

/** Validates against a resolved contract definition (no registry lookup): the hot path. */
export function validateWith<T = Record<string, unknown>>(
  def: ContractDefinition,
  value: unknown,
  opts: ValidateOptions = {},
): Validated<T> {
  const { schemaFor, plan } = compiledOf(def);
  const schema = schemaFor(value);
  const res = opts.now ? withClock(opts.now, () => schema.validate(value)) : schema.validate(value);
  if (res.error) {
    return { ok: false, problem: contractProblem(def.id, fieldErrorsFromJoi(res.error), opts.instance) };
  }
  const bad = applyDerivations(plan, res.value, value);
  if (bad.length) {
    const errors = bad.map((p) => fieldError(p, 'FIELD_INVALID'));
    return { ok: false, problem: contractProblem(def.id, errors, opts.instance) };
  }
  return { ok: true, value: res.value as T };
}

/** Validates and normalises `value` against contract `ref` (`person@1`, or `person` for the newest). */
export function validateRecord<T = Record<string, unknown>>(
  ref: string,
  value: unknown,
  opts: ValidateOptions = {},
): Validated<T> {
  const def = contracts.resolve(ref);
  if (!def)
    return {
      ok: false,
      problem: problem('CONTRACT_UNKNOWN', { contract: ref }, { instance: opts.instance }),
    };
  return validateWith<T>(def, value, opts);
}

/** Same as validateRecord: named for call sites that care about the normalised output. */
export const normalise = validateRecord;

/**
 * Validates `value` as a record of contract `from` and upgrades it step by step to `to` (same name, higher
 * version), validating the result of every step.
 */
export function upgradeRecord(
  from: string,
  to: string,
  value: unknown,
  opts: ValidateOptions = {},
): Validated {
  const source = contracts.resolve(from);
  const target = contracts.resolve(to);
  if (!source) return { ok: false, problem: problem('CONTRACT_UNKNOWN', { contract: from }) };
  if (!target) return { ok: false, problem: problem('CONTRACT_UNKNOWN', { contract: to }) };
  const first = validateWith(source, value, opts);
  if (!first.ok) return first;
  const chain: ContractDefinition[] = [];
  for (let cur: ContractDefinition | undefined = target; cur && cur.id !== source.id;) {
    chain.unshift(cur);
    cur = cur.upgrade ? contracts.get(cur.upgrade.from) : undefined;
    if (!cur)
      return {
        ok: false,
        problem: problem('CONTRACT_UPGRADE_UNAVAILABLE', { from: source.id, to: target.id }),
      };
  }
  let record = first.value;
  for (const step of chain) {
    const next = validateWith(step, step.upgrade!.fn(record), opts);
    if (!next.ok) {
      return {
        ok: false,
        problem: contractProblem(step.id, [
          fieldError([], 'CONTRACT_UPGRADE_FAILED'),
          ...(next.problem.errors ?? []),
        ]),
      };
    }
    record = next.value;
  }
  return { ok: true, value: record };
}
