/**
 * readUpstream validates with a cached, specialised copy of the dialect schema (options set once, absent
 * optional keys dropped): it must read every answer exactly as the plain schema with the same options does.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Schema } from 'joi';
import { congDanSchema } from '../national-population/mapping';
import { thuaDatSchema, phieuSchema } from '../land-registry/dialect';
import { assertUnicode, readUpstream } from './mapping';
import { UpstreamError } from './upstream-error';

const OPTIONS = {
  abortEarly: false,
  allowUnknown: true,
  convert: false,
  errors: { render: true, wrap: { label: false } },
} as const;

/** What readUpstream gives: the value, or the malformed error's reason. */
function read(schema: Schema, data: unknown): unknown {
  try {
    return { value: readUpstream('up', schema, data) };
  } catch (err) {
    if (!(err instanceof UpstreamError)) throw err;
    return { reason: err.reason, code: err.code };
  }
}

/** The same through the plain schema with the options passed to validate(), as before the cache. */
function plain(schema: Schema, data: unknown): unknown {
  const res = schema.validate(data, OPTIONS);
  if (!res.error) {
    try {
      return { value: assertUnicode('up', res.value) };
    } catch (err) {
      return { reason: (err as UpstreamError).reason, code: (err as UpstreamError).code };
    }
  }
  const fields = res.error.details.slice(0, 5).map((d) => `${d.path.join('.') || '(root)'}: ${d.type}`);
  return { reason: `answer does not match the upstream's schema (${fields.join('; ')})`, code: 'malformed' };
}

const person = JSON.parse(
  readFileSync(join(__dirname, '../national-population/fixtures/person-by-id.ok.json'), 'utf8'),
).response.body as Record<string, unknown>;

describe('readUpstream reads as the plain dialect schema', () => {
  it('on the population answer with keys dropped or replaced by anything', () => {
    fc.assert(
      fc.property(
        fc.subarray(Object.keys(person)),
        fc.constantFrom(...Object.keys(person)),
        fc.jsonValue({ maxDepth: 2 }),
        (keep, key, junk) => {
          const v = Object.fromEntries(keep.map((k) => [k, person[k]]));
          expect(read(congDanSchema, v)).toEqual(plain(congDanSchema, v));
          const bad = { ...v, [key]: junk };
          expect(read(congDanSchema, bad)).toEqual(plain(congDanSchema, bad));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('on any JSON value, for object dialect schemas of REST and SOAP upstreams', () => {
    for (const schema of [congDanSchema, thuaDatSchema, phieuSchema]) {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 3 }), (v) => {
          expect(read(schema, v)).toEqual(plain(schema, v));
        }),
        { numRuns: 200 },
      );
    }
  });

  it('still refuses the fixture with a wrong type, naming the field', () => {
    const r = read(congDanSchema, { ...person, gioiTinh: 'nam' }) as { reason: string; code: string };
    expect(r.code).toBe('malformed');
    expect(r.reason).toMatch(/gioiTinh/);
  });
});
