/**
 * Rewrites of the contract schemas (joi-to-json output) into equivalent forms every OpenAPI 3.1 tool
 * reads: `then: false` becomes `then: { not: {} }` (a boolean schema is valid JSON Schema, but not every
 * tool takes it as an OpenAPI Schema Object); `minimum` beside an `exclusiveMinimum` at least as strict
 * is dropped (the same for the maximum); and Joi alternatives, which accept a value when any branch
 * does (first match), become `anyOf` rather than `oneOf` — a 12-digit personal ID is also a valid tax code,
 * so "exactly one" was wrong.
 */
export function normaliseSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normaliseSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if ((k === 'then' || k === 'else' || k === 'not') && typeof v === 'boolean')
      out[k] = v ? {} : { not: {} };
    else if (k === 'oneOf') out.anyOf = normaliseSchema(v);
    else out[k] = normaliseSchema(v);
  }
  if (
    typeof out.exclusiveMinimum === 'number' &&
    typeof out.minimum === 'number' &&
    out.exclusiveMinimum >= out.minimum
  )
    delete out.minimum;
  if (
    typeof out.exclusiveMaximum === 'number' &&
    typeof out.maximum === 'number' &&
    out.exclusiveMaximum <= out.maximum
  )
    delete out.maximum;
  return out;
}
