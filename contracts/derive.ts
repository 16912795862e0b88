/**
 * Derived fields, computed after Joi has validated a record: a name's search key and original spelling,
 * an address's unit names and its legacy→current mapping. Schemas mark the objects that carry them with
 * `.meta({ derive: 'name' | 'address' })`; each contract's plan (the paths of those objects) is worked out
 * once from `schema.describe()`, so a validation only visits the few objects concerned. Kept out of Joi
 * because an object-level `.custom()` rule costs more than all the field rules of a record together.
 * Every derivation is idempotent: feeding its output back in gives the same output.
 */
import type { Schema } from 'joi';
import { checkAddressUnits } from './validators/admin-units';
import { nameSearchKey } from './validators/name';

export type DeriveKind = 'name' | 'address';
/** A path to an object to derive: keys, with '*' for "every item of this array". */
export interface DeriveStep {
  path: string[];
  kind: DeriveKind;
}

interface Described {
  type?: string;
  metas?: { derive?: DeriveKind }[];
  keys?: Record<string, Described>;
  items?: Described[];
  matches?: { schema?: Described; then?: Described; otherwise?: Described }[];
  whens?: { then?: Described; otherwise?: Described }[];
}

/** Finds every marked object in a described schema. */
export function derivationPlan(schema: Schema): DeriveStep[] {
  const steps: DeriveStep[] = [];
  const seen = new Set<string>();
  const visit = (d: Described | undefined, path: string[]) => {
    if (!d) return;
    for (const m of d.metas ?? []) {
      if (m.derive) {
        const key = `${m.derive}:${path.join('.')}`;
        if (!seen.has(key)) {
          seen.add(key);
          steps.push({ path, kind: m.derive });
        }
      }
    }
    for (const [k, child] of Object.entries(d.keys ?? {})) visit(child, [...path, k]);
    for (const item of d.items ?? []) visit(item, [...path, '*']);
    for (const w of [...(d.whens ?? []), ...(d.matches ?? [])]) {
      visit((w as { schema?: Described }).schema, path);
      visit(w.then, path);
      visit(w.otherwise, path);
    }
  };
  visit(schema.describe() as Described, []);
  // Deepest first, so an object's children are derived before the object itself.
  return steps.sort((a, b) => b.path.length - a.path.length);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function deriveName(value: Obj, original: unknown): void {
  if (typeof value.fullName !== 'string') return;
  value.fullNameSearchKey = nameSearchKey(value.fullName);
  const raw = isObj(original) ? original.fullName : undefined;
  if (value.fullNameOriginal === undefined && typeof raw === 'string' && raw !== value.fullName) {
    value.fullNameOriginal = raw;
  }
}

/** Returns false when the unit codes do not check out together (reported as an invalid address). */
function deriveAddress(value: Obj): boolean {
  if (
    value.communeCode === undefined &&
    value.provinceCode === undefined &&
    value.legacyDistrictCode === undefined
  ) {
    delete value.communeName;
    delete value.provinceName;
    delete value.current;
    return true;
  }
  const res = checkAddressUnits({
    communeCode: value.communeCode as string | undefined,
    provinceCode: value.provinceCode as string | undefined,
    catalogue: value.catalogue as string | undefined,
    legacyDistrictCode: value.legacyDistrictCode as string | undefined,
  });
  if (!res.ok) return false;
  const u = res.value;
  value.catalogue = u.catalogue;
  for (const k of [
    'communeCode',
    'communeName',
    'provinceCode',
    'provinceName',
    'legacyDistrictCode',
  ] as const) {
    if (u[k] !== undefined) value[k] = u[k];
    else delete value[k];
  }
  if (u.current) value.current = u.current;
  else delete value.current;
  return true;
}

/**
 * Applies the plan to a validated value (mutated in place; Joi returns a fresh copy). `original` is the
 * raw input, walked in parallel to recover what a name looked like before normalisation. Returns the
 * paths of addresses whose units did not check out.
 */
export function applyDerivations(
  plan: DeriveStep[],
  value: unknown,
  original: unknown,
): (string | number)[][] {
  const bad: (string | number)[][] = [];
  for (const step of plan) walk(step, value, original, 0, [], bad);
  return bad;
}

function walk(
  step: DeriveStep,
  v: unknown,
  o: unknown,
  i: number,
  at: (string | number)[],
  bad: (string | number)[][],
): void {
  if (i === step.path.length) {
    if (!isObj(v)) return;
    if (step.kind === 'name') deriveName(v, o);
    else if (!deriveAddress(v)) bad.push(at);
    return;
  }
  const key = step.path[i];
  if (key === '*') {
    if (!Array.isArray(v)) return;
    for (let j = 0; j < v.length; j++)
      walk(step, v[j], Array.isArray(o) ? o[j] : undefined, i + 1, [...at, j], bad);
  } else if (isObj(v) && v[key] !== undefined) {
    walk(step, v[key], isObj(o) ? o[key] : undefined, i + 1, [...at, key], bad);
  }
}
