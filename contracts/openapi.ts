/**
 * Turns Joi contract schemas into OpenAPI 3.1 schema objects (joi-to-json), mapping the Vietnamese
 * extension types onto strings with a documented `format`. Used by `npm run gen` and by the hub's
 * /openapi.json, so both describe the same schemas.
 */
import type { Schema } from 'joi';
import { contracts } from './registry';

// joi-to-json ships no types; its OpenAPI 3.1 parser takes a `describe()` output.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const OpenApi31Parser = require('joi-to-json/lib/parsers/open-api-3.1') as new (opts?: object) => {
  parse(spec: unknown, definitions?: Record<string, unknown>): Record<string, unknown>;
};

/** The extension types and how they appear in OpenAPI. */
export const EXTENSION_FORMATS: Record<string, { format: string; description: string }> = {
  personalId: {
    format: 'vn-personal-id',
    description: '12-digit personal ID (CCCD); spaces, dots and hyphens are stripped',
  },
  legacyId: { format: 'vn-legacy-id', description: 'Legacy identity-card number (CMND), 9 or 12 digits' },
  taxCode: {
    format: 'vn-tax-code',
    description: 'Tax code: 10 digits, 12 (personal ID) or 13 returned as XXXXXXXXXX-YYY',
  },
  phone: { format: 'phone', description: 'Phone number in any common form; returned as E.164 (+84…)' },
  personName: {
    format: 'vn-name',
    description: 'A name; returned NFC with whitespace collapsed, legacy encodings converted',
  },
  vnText: { format: 'vn-text', description: 'Text; returned NFC, legacy encodings converted' },
  partialDate: {
    format: 'partial-date',
    description: 'dd/MM/yyyy, MM/yyyy, yyyy or ISO; returned as YYYY, YYYY-MM or YYYY-MM-DD',
  },
  fullDate: { format: 'date', description: 'dd/MM/yyyy or ISO; returned as YYYY-MM-DD' },
  timestamp: {
    format: 'date-time',
    description: 'yyyyMMddHHmmss (Asia/Ho_Chi_Minh) or ISO 8601; returned with +07:00',
  },
  communeCode: {
    format: 'vn-commune-code',
    description: '5-digit GSO commune code, in the catalogue the address states',
  },
  provinceCode: { format: 'vn-province-code', description: '2-digit GSO province code' },
  districtCode: {
    format: 'vn-district-code',
    description: '3-digit GSO district code (legacy catalogue only)',
  },
};

interface SpecNode {
  type?: string;
  flags?: { description?: string };
  metas?: Record<string, unknown>[];
  [k: string]: unknown;
}

/** Rewrites extension types in a describe() tree into strings tagged with `x-lienthong-type`. */
function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite);
  if (!node || typeof node !== 'object') return node;
  const out: SpecNode = {};
  for (const [k, v] of Object.entries(node as SpecNode)) out[k] = rewrite(v);
  if (typeof out.type === 'string' && out.type in EXTENSION_FORMATS) {
    out.metas = [...(out.metas ?? []), { 'x-lienthong-type': out.type }];
    out.type = 'string';
  }
  return out;
}

/** Adds `format` (and a description when none) to the tagged schemas. */
function decorate(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(decorate);
  if (!node || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  const t = obj['x-lienthong-type'];
  if (typeof t === 'string' && EXTENSION_FORMATS[t]) {
    obj.format = EXTENSION_FORMATS[t].format;
    if (!obj.description) obj.description = EXTENSION_FORMATS[t].description;
  }
  for (const v of Object.values(obj)) decorate(v);
}

/**
 * Converts schemas into OpenAPI 3.1 component schemas. Returns the `$ref` of each root and the
 * components (nested `.id()` schemas become components of their own).
 */
export function toOpenApiSchemas(roots: Record<string, Schema>): {
  refs: Record<string, string>;
  components: Record<string, unknown>;
} {
  const components: Record<string, unknown> = {};
  const refs: Record<string, string> = {};
  const parser = new OpenApi31Parser();
  for (const [name, schema] of Object.entries(roots)) {
    const converted = parser.parse(rewrite(schema.describe()), components);
    const ref = converted.$ref;
    if (typeof ref === 'string') refs[name] = ref;
    else {
      const { schemas: _nested, ...rest } = converted;
      components[name] = rest;
      refs[name] = `#/components/schemas/${name}`;
    }
  }
  decorate(components);
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(components).sort()) sorted[k] = components[k];
  return { refs, components: sorted };
}

/** The OpenAPI 3.1 document of all contracts (no paths): `contracts/generated/openapi.json`. */
export function contractsOpenApiDocument(version: string): Record<string, unknown> {
  const roots: Record<string, Schema> = {};
  for (const def of contracts.list()) roots[def.typeName] = def.schema;
  const { components } = toOpenApiSchemas(roots);
  return {
    openapi: '3.1.0',
    info: {
      title: 'lienthong contracts',
      version,
      description:
        'Canonical record shapes exchanged through the lienthong hub. Each schema is one contract version (`person@1` is `Person_v1`).',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    paths: {},
    components: { schemas: components },
    'x-contracts': contracts.list().map((d) => ({
      id: d.id,
      title: d.title,
      schema: `#/components/schemas/${d.typeName}`,
      ...(d.upgrade ? { upgradesFrom: d.upgrade.from } : {}),
    })),
  };
}
