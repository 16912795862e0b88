/**
 * A value that satisfies a JSON Schema of an OpenAPI document: the schema's own example when it has one,
 * else built from its constraints (`const`, `enum`, `format`, `pattern` through randexp, bounds, required
 * properties, `allOf`/`oneOf`/`anyOf`, local `$ref`s). Free text comes out in Vietnamese, so that a
 * scaffolded simulator's answers show what a legacy encoding would garble. Deterministic for a seed.
 */
import RandExp from 'randexp';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;

const WORDS = ['Nguyễn Văn An', 'Trần Thị Bình', 'Phường Ba Đình', 'Hồ sơ đăng ký', 'Lệ phí cấp giấy'];

export function sampleOf(schema: unknown, doc: Obj, seed = 1, depth = 0): unknown {
  let s = asObj(schema);
  if (!s || depth > 12) return null;
  let guard = 0;
  while (typeof s.$ref === 'string' && s.$ref.startsWith('#/') && guard++ < 20) {
    let cur: unknown = doc;
    for (const part of s.$ref.slice(2).split('/'))
      cur = asObj(cur)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    s = asObj(cur) ?? {};
  }
  if ('example' in s) return s.example;
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum.find((v) => v !== null) ?? s.enum[0];
  if (Array.isArray(s.allOf)) {
    const parts = s.allOf.map((p) => sampleOf(p, doc, seed, depth + 1));
    return parts.every((p) => asObj(p)) ? Object.assign({}, ...parts) : parts[parts.length - 1];
  }
  for (const k of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(s[k])) {
      const first = (s[k] as unknown[]).find((o) => asObj(o)?.type !== 'null') ?? (s[k] as unknown[])[0];
      return sampleOf(first, doc, seed, depth + 1);
    }
  }
  const types = Array.isArray(s.type) ? s.type : [s.type];
  const type = types.find((t) => t !== 'null') ?? (s.properties ? 'object' : s.items ? 'array' : undefined);
  switch (type) {
    case 'object': {
      const out: Obj = {};
      const props = asObj(s.properties) ?? {};
      const required = Array.isArray(s.required) ? (s.required as string[]) : Object.keys(props);
      for (const k of required) out[k] = sampleOf(props[k] ?? {}, doc, seed + k.length, depth + 1);
      return out;
    }
    case 'array': {
      const n = Math.max(1, Number(s.minItems ?? 1));
      return Array.from({ length: n }, (_, i) => sampleOf(s.items ?? {}, doc, seed + i, depth + 1));
    }
    case 'integer':
    case 'number': {
      const min =
        typeof s.minimum === 'number'
          ? s.minimum
          : typeof s.exclusiveMinimum === 'number'
            ? s.exclusiveMinimum + 1
            : 1;
      const max = typeof s.maximum === 'number' ? s.maximum : min + 1000;
      const v = Math.min(max, Math.max(min, 1000 * seed));
      return type === 'integer' ? Math.floor(v) : v;
    }
    case 'boolean':
      return true;
    case 'string':
      return sampleString(s, seed);
    default:
      return null;
  }
}

function sampleString(s: Obj, seed: number): string {
  switch (s.format) {
    case 'date':
      return '2026-03-05';
    case 'date-time':
      return '2026-03-05T08:30:00+07:00';
    case 'uri':
    case 'url':
      return 'https://example.gov.vn/ket-qua';
    case 'email':
      return 'lien.he@example.gov.vn';
    case 'uuid':
      return '123e4567-e89b-42d3-a456-426614174000';
  }
  if (typeof s.pattern === 'string') {
    const r = new RandExp(s.pattern);
    r.max = 4;
    let n = seed;
    r.randInt = (a: number, b: number) => a + ((n = (n * 1103515245 + 12345) % 2147483648) % (b - a + 1));
    return r.gen();
  }
  const min = Number(s.minLength ?? 0);
  const max = Number(s.maxLength ?? 200);
  let v = WORDS[seed % WORDS.length];
  while (v.length < min) v += ` ${v}`;
  return v.slice(0, Math.max(min, Math.min(max, v.length)));
}
