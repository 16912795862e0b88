/**
 * The operations of an upstream's OpenAPI document, as the scaffold and the spec-driven simulator need
 * them: method, path, a kebab-case service name, read or write, parameters, body and the success answer,
 * and how the upstream authenticates (its security scheme as an SDK auth declaration).
 */
import type { AuthDeclaration } from '../auth/types';
import type { SimulatorAuthSpec } from '../simulator/auth';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;

export interface SpecParam {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: unknown;
}

export interface SpecOperation {
  method: string;
  /** The path template, e.g. `/api/v1/giao-dich/{ma}`. */
  path: string;
  /** Kebab-case, from operationId or method and path. */
  name: string;
  kind: 'read' | 'write';
  summary?: string;
  params: SpecParam[];
  body?: unknown;
  /** The first 2xx status and its JSON schema. */
  okStatus: number;
  okSchema?: unknown;
}

const kebab = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();

const deref = (v: unknown, doc: Obj): Obj | undefined => {
  const o = asObj(v);
  if (typeof o?.$ref !== 'string' || !o.$ref.startsWith('#/')) return o;
  let cur: unknown = doc;
  for (const part of o.$ref.slice(2).split('/'))
    cur = asObj(cur)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return deref(cur, doc);
};

/** The token endpoint's path, when the upstream uses OAuth client credentials. */
export function tokenPathOf(doc: Obj): string | undefined {
  for (const s of Object.values(asObj(asObj(doc.components)?.securitySchemes) ?? {})) {
    const url = asObj(asObj(asObj(s)?.flows)?.clientCredentials)?.tokenUrl;
    if (typeof url === 'string') return url.startsWith('/') ? url : new URL(url).pathname;
  }
  return undefined;
}

/** The document's security scheme as what the adapter declares, and what its simulator checks. */
export function authOf(doc: Obj): { adapter?: AuthDeclaration; simulator?: SimulatorAuthSpec } {
  const required = (Array.isArray(doc.security) ? doc.security : []) as Obj[];
  const schemes = asObj(asObj(doc.components)?.securitySchemes) ?? {};
  const name = required.flatMap((r) => Object.keys(r))[0];
  const s = name ? asObj(schemes[name]) : undefined;
  if (!s) return {};
  if (s.type === 'oauth2') {
    const tokenPath = tokenPathOf(doc);
    if (!tokenPath) return {};
    return {
      adapter: { kind: 'oauth2-client-credentials', tokenPath },
      simulator: { kind: 'oauth2-client-credentials', tokenPath },
    };
  }
  if (s.type === 'apiKey' && s.in === 'header')
    return {
      adapter: { kind: 'api-key', header: String(s.name) },
      simulator: { kind: 'api-key', header: String(s.name) },
    };
  if (s.type === 'http' && /^bearer$/i.test(String(s.scheme)))
    return { adapter: { kind: 'bearer' }, simulator: { kind: 'bearer' } };
  if (s.type === 'http' && /^basic$/i.test(String(s.scheme)))
    return { adapter: { kind: 'basic' }, simulator: { kind: 'basic' } };
  return {};
}

export function operationsOf(doc: Obj): SpecOperation[] {
  const out: SpecOperation[] = [];
  const token = tokenPathOf(doc);
  for (const [path, item] of Object.entries(asObj(doc.paths) ?? {})) {
    if (path === token) continue;
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = asObj(asObj(item)?.[method]);
      if (!op) continue;
      const params: SpecParam[] = [];
      for (const p of [
        ...((asObj(item)?.parameters as unknown[]) ?? []),
        ...((op.parameters as unknown[]) ?? []),
      ]) {
        const r = deref(p, doc);
        if (r && typeof r.name === 'string' && (r.in === 'path' || r.in === 'query' || r.in === 'header'))
          params.push({ name: r.name, in: r.in, required: r.required === true, schema: r.schema ?? {} });
      }
      const responses = asObj(op.responses) ?? {};
      const okKey = Object.keys(responses).find((k) => /^2\d\d$/.test(k)) ?? '200';
      const ok = deref(responses[okKey], doc);
      const body = asObj(asObj(deref(op.requestBody, doc)?.content)?.['application/json'])?.schema;
      const id =
        typeof op.operationId === 'string' ? op.operationId : `${method} ${path.replace(/\{[^}]+\}/g, 'by')}`;
      out.push({
        method: method.toUpperCase(),
        path,
        name: kebab(id).replace(/^(get|post|put|patch|delete)-api-(v\d+-)?/, `${method}-`),
        kind: method === 'get' ? 'read' : 'write',
        summary: typeof op.summary === 'string' ? op.summary : undefined,
        params,
        body,
        okStatus: Number(okKey),
        okSchema: asObj(asObj(ok?.content)?.['application/json'])?.schema,
      });
    }
  }
  return out;
}
