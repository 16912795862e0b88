/**
 * The hub's own API as an OpenAPI 3.1 document, generated from the same Joi schemas the hub validates
 * with: every configured service's request and response, the hub routes, and the problem document.
 */
import type { Schema } from 'joi';
import { contracts, FIELD_ERRORS, PROBLEMS } from '../contracts';
import { toOpenApiSchemas } from '../contracts/openapi';
import type { ServiceCatalog } from './exchange/catalog';
import { kpiReportSchema } from './procedures/kpis';

const HUB_HEADERS = [
  {
    name: 'X-Hub-Client',
    in: 'header',
    required: true,
    schema: { type: 'string' },
    description: 'member/subsystem of the caller',
  },
  { name: 'X-Hub-Message-Id', in: 'header', required: true, schema: { type: 'string', format: 'uuid' } },
  {
    name: 'X-Hub-Purpose',
    in: 'header',
    required: true,
    schema: { type: 'string' },
    description: 'purpose code (legal basis of the read)',
  },
  {
    name: 'Hub-Signature',
    in: 'header',
    required: true,
    schema: { type: 'string' },
    description: 'detached JWS (RFC 7515, RFC 7797 b64=false); see docs/protocol.md',
  },
];

const problemResponse = {
  description: 'A problem (RFC 9457)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'titleVi', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    titleVi: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', enum: Object.keys(PROBLEMS) },
    detail: { type: 'string' },
    detailVi: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'pointer', 'code', 'message', 'messageVi'],
        properties: {
          path: { type: 'string' },
          pointer: { type: 'string' },
          code: { type: 'string', enum: Object.keys(FIELD_ERRORS) },
          message: { type: 'string' },
          messageVi: { type: 'string' },
        },
      },
    },
  },
};

export function hubOpenApiDocument(catalog: ServiceCatalog, version: string): Record<string, unknown> {
  const roots: Record<string, Schema> = {};
  for (const def of contracts.list()) roots[def.typeName] = def.schema;
  const paths: Record<string, unknown> = {};
  const entries = catalog.list();
  for (const e of entries) {
    const input = String((e.service.input.describe().flags as { id?: string } | undefined)?.id);
    roots[input] = e.service.input;
    if (e.outputSchema) roots[e.outputName] = e.outputSchema;
  }
  roots.KpiReport_v1 = kpiReportSchema;
  const { components, refs } = toOpenApiSchemas(roots);
  for (const e of entries) {
    const input = String((e.service.input.describe().flags as { id?: string } | undefined)?.id);
    const output = e.contract ? e.contract.typeName : e.outputName;
    paths[`/v1/services/${e.id}`] = {
      post: {
        operationId: e.id,
        summary: e.config.title ?? e.service.title,
        description: `${e.service.description ?? e.service.title}. Adapter ${e.adapter.definition.id}. ${e.service.kind === 'write' ? 'A write: send Idempotency-Key.' : 'A read: the answer carries only the fields the purpose allows.'}`,
        tags: [e.provider],
        parameters: [
          ...HUB_HEADERS,
          ...(e.service.kind === 'write'
            ? [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }]
            : []),
          {
            name: 'fields',
            in: 'query',
            required: false,
            schema: { type: 'string' },
            description: 'comma-separated fields to return (within the purpose)',
          },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: refs[input] } } } },
        responses: {
          '200': {
            description: 'The answer, signed (Hub-Signature, X-Hub-Request-Hash)',
            content: {
              'application/json': { schema: { $ref: refs[output] ?? `#/components/schemas/${output}` } },
            },
          },
          '4XX': problemResponse,
          '5XX': problemResponse,
        },
      },
    };
  }
  paths['/v1/services'] = {
    get: {
      summary: 'The services the caller may call, with purposes, fields and contracts',
      parameters: HUB_HEADERS,
      responses: { '200': { description: 'list' }, '4XX': problemResponse },
    },
  };
  paths['/v1/subjects/{personalId}/access-log'] = {
    get: {
      summary: "Data tracker: who read a citizen's data (members with the data-tracker right)",
      parameters: [
        ...HUB_HEADERS,
        { name: 'personalId', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
        { name: 'before', in: 'query', schema: { type: 'string' } },
      ],
      responses: { '200': { description: 'access entries, newest first' }, '4XX': problemResponse },
    },
  };
  const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
  const json = { content: { 'application/json': { schema: { type: 'object' } } } };
  const op = (summary: string, params: string[], ok: string, body = false) => ({
    summary,
    parameters: [...HUB_HEADERS, ...params.map(pathParam)],
    ...(body ? { requestBody: { required: true, ...json } } : {}),
    responses: { [ok]: { description: summary }, '4XX': problemResponse, '5XX': problemResponse },
  });
  paths['/v1/deliveries'] = {
    post: op(
      'Queue a delivery to a write service: 202 with its id once Redis holds it; the Idempotency-Key makes a repeat return the same id',
      [],
      '202',
      true,
    ),
  };
  paths['/v1/deliveries/{id}'] = { get: op('A delivery: state, attempts, last error', ['id'], '200') };
  paths['/v1/procedures'] = { get: op('The joint procedures the caller receives dossiers for', [], '200') };
  paths['/v1/procedures/{procedure}/prefill'] = {
    get: {
      ...op('The form prefilled from the sources, each value with its source and time', ['procedure'], '200'),
      parameters: [
        ...HUB_HEADERS,
        pathParam('procedure'),
        { name: 'subject', in: 'query', required: true, schema: { type: 'string' } },
      ],
    },
  };
  paths['/v1/procedures/{procedure}/dossiers'] = {
    post: op(
      'Submit a dossier: the applicant and only what no source holds; 202 with the dossier code',
      ['procedure'],
      '202',
      true,
    ),
  };
  paths['/v1/dossiers/{code}'] = {
    get: op(
      'The timeline: statuses, steps, agencies, attempts and each failed attempt, due dates, the on-time flag',
      ['code'],
      '200',
    ),
  };
  paths['/v1/dossiers/overdue'] = {
    get: {
      ...op(
        "Dossiers being processed past their due date in working days (the caller's procedures; all with the procedures right), most overdue first",
        [],
        '200',
      ),
      parameters: [
        ...HUB_HEADERS,
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 200 } },
      ],
    },
  };
  paths['/v1/kpis'] = {
    get: {
      summary:
        'Service KPIs per agency, procedure and period: received, online share, on-time rate (working days), average processing time, satisfaction ratings, participation rate',
      description:
        "The caller's procedures (all of them with the procedures right). A dossier counts in the period it was received; the period is local days (Asia/Ho_Chi_Minh), both included, at most 366 days, the current month by default. Rates are 0–1, null when there is nothing to rate.",
      parameters: [
        ...HUB_HEADERS,
        ...(['from', 'to'] as const).map((name) => ({
          name,
          in: 'query',
          required: false,
          schema: { type: 'string', format: 'date' },
          description:
            name === 'from' ? 'first day (default: the 1st of this month)' : 'last day (default: today)',
        })),
        {
          name: 'procedure',
          in: 'query',
          required: false,
          schema: { type: 'string' },
          description: 'a procedure id',
        },
        {
          name: 'agency',
          in: 'query',
          required: false,
          schema: { type: 'string' },
          description: 'a processing unit code',
        },
      ],
      responses: {
        '200': {
          description: 'The report',
          content: { 'application/json': { schema: { $ref: refs.KpiReport_v1 } } },
        },
        '4XX': problemResponse,
        '5XX': problemResponse,
      },
    },
  };
  const ratingParams = [pathParam('code'), pathParam('token')];
  paths['/v1/ratings/{code}/{token}'] = {
    get: {
      summary:
        "The rating link sent to the applicant with the result: the dossier, the national portal's criteria and levels (no signature: the token is the key)",
      parameters: ratingParams,
      responses: { '200': { description: 'the form' }, '4XX': problemResponse },
    },
    post: {
      summary:
        'The applicant rates the dossier: {answers: [{criterion, level}], comment}; kept with the dossier and sent to the national portal; once',
      parameters: ratingParams,
      requestBody: { required: true, ...json },
      responses: { '202': { description: 'kept' }, '4XX': problemResponse },
    },
  };
  paths['/v1/dossiers/{code}/decisions'] = {
    post: op(
      "An officer's decision about a step handed to them: {action: retry | supplement | stop, reason}",
      ['code'],
      '200',
      true,
    ),
  };
  for (const [path, summary] of [
    ['/healthz', 'Liveness'],
    ['/readyz', 'Readiness: Redis and each upstream’s circuit breaker'],
    ['/metrics', 'Prometheus metrics'],
    ['/openapi.json', 'This document'],
  ]) {
    paths[path] = { get: { summary, responses: { '200': { description: 'ok' } } } };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'lienthong hub API',
      version,
      description:
        'Signed exchanges between Vietnamese agency systems through the lienthong hub. Every request is signed (docs/protocol.md); every answer is signed by the hub and bound to its request.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    paths,
    components: { schemas: { ...components, Problem: problemSchema } },
  };
}
