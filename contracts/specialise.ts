/**
 * Per-record specialisation of a contract's object schemas. Joi validates every key an object schema
 * declares, present in the record or not, and an absent optional key still costs a full trip through Joi's
 * validator (state, helpers, presence check, finalize…). A Person record carries 8–12 of person@1's 25 keys
 * and 3–5 of an address's 12, so most of Joi's work was on keys that were not there.
 *
 * specialiser(schema) returns a function giving, for a record, a copy of the schema that keeps only the keys
 * the record has plus the keys that do something when absent (required, forbidden, a default, a `.when()`,
 * own preferences…), and does the same for the object-valued keys (an address in a person). The keys
 * dropped are exactly those for which Joi returns `undefined` without an error, a warning or any other
 * effect, so the result (value, errors and their order) is the same as with the full schema. Kept keys stay
 * in the schema's order (Joi's validation order, which the sibling cross-checks rely on); ids, labels,
 * references, rules and dependencies are the full schema's. Copies are cached by the shape of the record (the
 * keys present, at each level), up to MAX_VARIANTS per object schema; past that, and for anything that is
 * not a plain object, the full schema is used. Schemas with links, renames, patterns or `.when()` are
 * not specialised.
 *
 * Uses Joi's extension API ($_terms, _flags, _ids, _preferences, _definition): contracts/specialise.test.ts
 * proves the copies equivalent to the full schemas, for every contract.
 */
import type { ObjectSchema, Schema } from 'joi';

/** The most record shapes remembered per object schema (person@1 records in practice come in a few dozen). */
const MAX_VARIANTS = 256;
/** Masks are plain numbers: exact up to 2^53. */
const MAX_PRUNABLE = 52;

interface Child {
  key: string;
  schema: Schema;
}

type Internals = Schema & {
  _ids: { _schemaChain: boolean };
  _preferences?: Record<string, unknown> | null;
  _definition: { prepare?: unknown };
};

/** Whether Joi, validating `undefined` against this key schema under default presence, does nothing at all. */
function inertWhenAbsent(schema: Schema): boolean {
  const s = schema as Internals;
  const f = s._flags;
  return (
    (f.presence === undefined || f.presence === 'optional') &&
    f.default === undefined &&
    f.failover === undefined &&
    f.result === undefined &&
    f._endedSwitch === undefined &&
    !s.$_terms.whens &&
    !s.$_terms.externals?.length &&
    !s._preferences &&
    !s._definition.prepare
  );
}

/**
 * Whether an object schema may be specialised at all: its keys are validated one by one, in order, with
 * default presence, and no link (`Joi.link('/')` would validate a nested value with the specialised root).
 */
function specialisable(schema: ObjectSchema): boolean {
  const s = schema as unknown as Internals;
  return (
    s.type === 'object' &&
    Array.isArray(s.$_terms.keys) &&
    !s.$_terms.whens &&
    !s.$_terms.renames &&
    !s.$_terms.patterns &&
    !s._flags._hasPatternMatch &&
    !s._ids._schemaChain &&
    (s._preferences?.presence ?? 'optional') === 'optional'
  );
}

/** A record as JSON.parse makes them: what a key holds is its own enumerable property, or nothing. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** An object schema ready to specialise: its prunable keys and its object-valued keys, specialised in turn. */
interface Node {
  schema: ObjectSchema;
  children: Child[];
  /** Weight (2^i) of each prunable key, by key. */
  weights: Map<string, number>;
  /** Index (in `children`) and node of each key whose schema is itself a specialisable object. */
  nested: Map<string, { index: number; node: Node }>;
  /** Specialised copies by signature. */
  variants: Map<string, ObjectSchema>;
}

function nodeOf(schema: ObjectSchema): Node | undefined {
  if (!specialisable(schema)) return undefined;
  const children = schema.$_terms.keys as Child[];
  const weights = new Map<string, number>();
  const nested = new Map<string, { index: number; node: Node }>();
  children.forEach((c, index) => {
    // (A key named like a member of Object.prototype is never absent to Joi: `value[key]` finds the member.)
    if (inertWhenAbsent(c.schema) && !(c.key in Object.prototype)) weights.set(c.key, 2 ** weights.size);
    const node = c.schema.type === 'object' ? nodeOf(c.schema as ObjectSchema) : undefined;
    if (node) nested.set(c.key, { index, node });
  });
  if (weights.size > MAX_PRUNABLE || (weights.size === 0 && nested.size === 0)) return undefined;
  return { schema, children, weights, nested, variants: new Map() };
}

/**
 * What the specialised copy for `value` depends on: the mask of prunable keys present, then, for each
 * present key with a nested node and an object value, `,index(signature)`. Digits, commas and parentheses
 * only: two values share a signature only when they would get the same copy.
 */
function signature(n: Node, value: Record<string, unknown>): string {
  let mask = 0;
  let inner = '';
  for (const k of Object.keys(value)) {
    const w = n.weights.get(k);
    if (w !== undefined) mask += w;
    const sub = n.nested.get(k);
    if (sub !== undefined) {
      const v = value[k];
      if (isPlainObject(v)) inner += `,${sub.index}(${signature(sub.node, v)})`;
    }
  }
  return inner === '' ? String(mask) : mask + inner;
}

/** The copy of `n.schema` for `value` (signature `sig`), or the full schema once MAX_VARIANTS copies exist. */
function variantOf(n: Node, value: Record<string, unknown>, sig: string): ObjectSchema {
  let variant = n.variants.get(sig);
  if (variant !== undefined) return variant;
  if (n.variants.size >= MAX_VARIANTS) return n.schema;
  const copy = (n.schema as unknown as { clone(): ObjectSchema }).clone();
  // A filter of the declared keys: their order (already sorted by Joi for sibling references) is kept, and so
  // are the schema's ids and references (labels and `extract` still see every key).
  const kept: Child[] = [];
  const present = new Set(Object.keys(value));
  for (const c of n.children) {
    if (present.has(c.key) || !n.weights.has(c.key)) {
      const sub = n.nested.get(c.key);
      const v = value[c.key];
      kept.push(
        sub && isPlainObject(v) ? { key: c.key, schema: variantOf(sub.node, v, signature(sub.node, v)) } : c,
      );
    }
  }
  copy.$_terms.keys = kept;
  n.variants.set(sig, (variant = copy));
  return variant;
}

/** A function giving the schema to validate `value` with: `schema` itself or a cached specialised copy. */
export function specialiser(schema: ObjectSchema): (value: unknown) => ObjectSchema {
  const root = nodeOf(schema);
  if (root === undefined) return () => schema;
  return (value) => (isPlainObject(value) ? variantOf(root, value, signature(root, value)) : schema);
}
