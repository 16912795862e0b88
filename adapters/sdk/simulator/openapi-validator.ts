/**
 * Checks HTTP exchanges against an upstream's pinned OpenAPI 3.1 document (upstream/openapi.yaml): the
 * operation exists; path, query and header parameters, the JSON or form body, and the declared security
 * (the credential's header is present) match the request; the answer's status is declared and its JSON
 * body matches the schema. Schemas are JSON Schema 2020-12 (ajv); a schema is compiled by its place in
 * the document, so `#/components/...` references resolve as they do for any OpenAPI tool.
 */
import { readFileSync } from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export interface ExchangeToCheck {
  method: string;
  /** Path without the query. */
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  contentType?: string;
  status: number;
  answerContentType?: string;
  answer: unknown;
}

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  names: string[];
  pointer: string;
  op: Obj;
  params: { name: string; in: string; required: boolean; validate?: ValidateFunction }[];
}

export interface OpenApiValidator {
  /** What is wrong with an exchange (empty when it conforms). */
  check(x: ExchangeToCheck): string[];
  /** What is wrong with an answer alone (the adapter's side: reading what the upstream sent). */
  checkAnswer(
    x: Pick<ExchangeToCheck, 'method' | 'path' | 'status' | 'answerContentType' | 'answer'>,
  ): string[];
  /** The operation a request names, `METHOD /template`, if the document has it. */
  operationOf(method: string, path: string): string | undefined;
}

export function loadOpenApi(file: string): Obj {
  const doc = asObj(parseYaml(readFileSync(file, 'utf8')));
  if (!doc || typeof doc.openapi !== 'string') throw new Error(`${file} is not an OpenAPI document`);
  return doc;
}

export function createOpenApiValidator(doc: Obj): OpenApiValidator {
  const ajv = new Ajv2020({ strict: false, allErrors: false, coerceTypes: false });
  addFormats(ajv);
  ajv.addSchema(doc as object, 'openapi');
  const paramAjv = new Ajv2020({ strict: false, coerceTypes: 'array' });
  addFormats(paramAjv);
  paramAjv.addSchema(doc as object, 'openapi');
  const compiled = new Map<string, ValidateFunction>();
  const at = (pointer: string, a = ajv): ValidateFunction => {
    const key = `${a === ajv ? 'b' : 'p'}${pointer}`;
    let v = compiled.get(key);
    if (!v) {
      v = a.compile({ $ref: `openapi#${pointer}` });
      compiled.set(key, v);
    }
    return v;
  };
  /** Follows a local $ref of a non-schema object (parameter, response, request body). */
  const deref = (v: unknown, pointer: string): { v: Obj | undefined; pointer: string } => {
    const o = asObj(v);
    const ref = typeof o?.$ref === 'string' ? o.$ref : undefined;
    if (!ref?.startsWith('#/')) return { v: o, pointer };
    let cur: unknown = doc;
    for (const part of ref.slice(2).split('/'))
      cur = asObj(cur)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    return deref(cur, ref.slice(1));
  };
  const schemes = asObj(asObj(doc.components)?.securitySchemes) ?? {};

  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(asObj(doc.paths) ?? {})) {
    const names: string[] = [];
    const pattern = new RegExp(
      '^' +
        template
          .split(/(\{[^}]+\})/)
          .map((part) => {
            const m = /^\{([^}]+)\}$/.exec(part);
            if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            names.push(m[1]);
            return '([^/]+)';
          })
          .join('') +
        '/?$',
    );
    const itemPtr = `/paths/${escape(template)}`;
    for (const method of METHODS) {
      const op = asObj(asObj(item)?.[method]);
      if (!op) continue;
      const pointer = `${itemPtr}/${method}`;
      const params: Operation['params'] = [];
      const collect = (list: unknown, base: string) =>
        (Array.isArray(list) ? list : []).forEach((p, i) => {
          const r = deref(p, `${base}/${i}`);
          if (!r.v || typeof r.v.name !== 'string' || typeof r.v.in !== 'string') return;
          params.push({
            name: r.v.in === 'header' ? r.v.name.toLowerCase() : r.v.name,
            in: r.v.in,
            required: r.v.required === true,
            validate: r.v.schema ? at(`${r.pointer}/schema`, paramAjv) : undefined,
          });
        });
      collect(asObj(item)?.parameters, `${itemPtr}/parameters`);
      collect(op.parameters, `${pointer}/parameters`);
      operations.push({ method: method.toUpperCase(), template, pattern, names, pointer, op, params });
    }
  }

  const find = (method: string, path: string) => {
    for (const o of operations) {
      if (o.method !== method.toUpperCase()) continue;
      const m = o.pattern.exec(path);
      if (m)
        return { o, values: Object.fromEntries(o.names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
    }
    return undefined;
  };
  const errorsOf = (v: ValidateFunction) =>
    (v.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`);

  const securityProblem = (op: Obj, headers: ExchangeToCheck['headers']): string | undefined => {
    const reqs = (
      Array.isArray(op.security) ? op.security : Array.isArray(doc.security) ? doc.security : []
    ) as Obj[];
    if (!reqs.length) return undefined;
    const has = (h: string) => headers[h.toLowerCase()] !== undefined;
    const satisfied = reqs.some((req) =>
      Object.keys(req).every((name) => {
        const s = asObj(schemes[name]);
        if (!s) return false;
        if (s.type === 'apiKey') return s.in === 'header' ? has(String(s.name)) : true;
        if (s.type === 'http')
          return new RegExp(`^${String(s.scheme)}\\s`, 'i').test(String(headers.authorization ?? ''));
        if (s.type === 'oauth2' || s.type === 'openIdConnect')
          return /^Bearer\s/i.test(String(headers.authorization ?? ''));
        return true;
      }),
    );
    return satisfied ? undefined : 'carries none of the credentials its security requirement declares';
  };

  return {
    operationOf(method, path) {
      const f = find(method, path);
      return f ? `${f.o.method} ${f.o.template}` : undefined;
    },
    checkAnswer(x) {
      return this.check({
        ...x,
        query: {},
        headers: {},
        body: undefined,
        answerOnly: true,
      } as ExchangeToCheck);
    },
    check(x) {
      const answerOnly = (x as ExchangeToCheck & { answerOnly?: boolean }).answerOnly === true;
      const f = find(x.method, x.path);
      if (!f) return [`${x.method} ${x.path}: no such operation in the spec`];
      const { o, values } = f;
      const name = `${o.method} ${o.template}`;
      const out: string[] = [];
      for (const p of answerOnly ? [] : o.params) {
        const raw =
          p.in === 'path'
            ? values[p.name]
            : p.in === 'query'
              ? x.query[p.name]
              : p.in === 'header'
                ? x.headers[p.name]
                : undefined;
        if (raw === undefined) {
          if (p.required) out.push(`${name}: request lacks required ${p.in} parameter ${p.name}`);
          continue;
        }
        const holder = { v: raw };
        if (p.validate && !p.validate(holder.v))
          out.push(`${name}: ${p.in} parameter ${p.name} ${errorsOf(p.validate).join('; ')}`);
      }
      const security = answerOnly ? undefined : securityProblem(o.op, x.headers);
      if (security) out.push(`${name}: request ${security}`);
      const rb = deref(o.op.requestBody, `${o.pointer}/requestBody`);
      if (rb.v && !answerOnly) {
        const content = asObj(rb.v.content) ?? {};
        const type = (x.contentType ?? '').split(';')[0].trim().toLowerCase();
        const media = Object.keys(content).find((k) => k.toLowerCase() === type);
        const hasBody =
          x.body !== undefined &&
          !(typeof x.body === 'object' && x.body && !Object.keys(x.body).length && !type);
        if (!hasBody && rb.v.required === true) out.push(`${name}: request has no body`);
        else if (hasBody && !media)
          out.push(`${name}: request body of type ${type || '(none)'} is not declared`);
        else if (hasBody && media && asObj(content[media])?.schema) {
          const v = at(
            `${rb.pointer}/content/${escape(media)}/schema`,
            type.includes('form') ? paramAjv : ajv,
          );
          if (!v(x.body)) out.push(`${name}: request body ${errorsOf(v).join('; ')}`);
        }
      }
      const responses = asObj(o.op.responses) ?? {};
      const status = String(x.status);
      const key = status in responses ? status : `${status[0]}XX` in responses ? `${status[0]}XX` : 'default';
      const resp = deref(responses[key], `${o.pointer}/responses/${escape(key)}`);
      if (!resp.v) {
        out.push(`${name}: answer status ${status} is not declared`);
        return out;
      }
      const content = asObj(resp.v.content);
      if (content && x.answer !== undefined) {
        const type = (x.answerContentType ?? '').split(';')[0].trim().toLowerCase();
        const media = Object.keys(content).find((k) => k.toLowerCase() === type);
        if (!media) out.push(`${name}: answer ${status} of type ${type || '(none)'} is not declared`);
        else if (asObj(content[media])?.schema) {
          const v = at(`${resp.pointer}/content/${escape(media)}/schema`);
          if (!v(x.answer)) out.push(`${name}: answer ${status} ${errorsOf(v).join('; ')}`);
        }
      }
      return out;
    },
  };
}
