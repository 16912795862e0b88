/**
 * The hub's own API as an OpenAPI 3.1 document, generated from the same Joi schemas the hub validates
 * with: every configured service's request and answer (and its `Prefer: respond-async` delivery), the
 * hub's routes, the operators' routes, the security schemes (the request signature, TLS client
 * certificates, the operators' tokens), and an example request for each service that has a fixed one in
 * its adapter's conformance kit. Served at /openapi.json; `npm run gen` writes docs/openapi.json from the
 * default configuration, which CI lints with Redocly (docs/redocly.yaml).
 */
import type { Schema } from 'joi';
import type { RegisteredAdapter } from '../../adapters/registry';
import { Example } from '../../adapters/sdk/conformance/spec';
import { contracts } from '../../contracts';
import { toOpenApiSchemas } from '../../contracts/openapi';
import type { CatalogEntry, ServiceCatalog } from '../exchange/catalog';
import { kpiReportSchema } from '../procedures/kpis';
import {
  HEADERS,
  MEMBER_HEADERS,
  MEMBER_SECURITY,
  paramRef,
  PARAMETERS,
  PROBLEM_SCHEMA,
  RESPONSES,
  responseRef,
  SECURITY_SCHEMES,
  SIGNED_HEADERS,
} from './components';
import { normaliseSchema } from './normalise';
import { hubPaths } from './paths';
import { NOTIFICATION_SCHEMAS } from './notification-paths';
import { REPORTING_SCHEMAS } from './reporting-paths';
import { HUB_SCHEMAS } from './schemas';

const inputName = (e: CatalogEntry) =>
  String((e.service.input.describe().flags as { id?: string } | undefined)?.id);

/**
 * A fixed example input of a service from its adapter's conformance kit: a literal one, or one its
 * function gives the same twice (a document must not change from one generation to the next).
 */
export function serviceExample(registry: readonly RegisteredAdapter[], e: CatalogEntry): unknown {
  const reg = registry.find((r) => r.adapter.id === e.adapter.definition.id);
  if (!reg) return undefined;
  const examples = reg.conformance().examples[`${e.service.name}/v${e.service.version}`] ?? [];
  for (const item of examples) {
    // `example(input, expected)` of the kit: the input is the example.
    const ex = item instanceof Example ? item.input : item;
    if (typeof ex !== 'function') return ex;
    const [a, b] = [JSON.stringify((ex as () => unknown)()), JSON.stringify((ex as () => unknown)())];
    if (a === b) return JSON.parse(a);
  }
  return undefined;
}

function serviceOperation(e: CatalogEntry, refs: Record<string, string>, example: unknown) {
  const output = e.contract ? e.contract.typeName : e.outputName;
  const write = e.service.kind === 'write';
  return {
    operationId: e.id.replace(/[^A-Za-z0-9]+/g, '_'),
    summary: e.config.title ?? e.service.title,
    description:
      `${e.service.description ?? e.service.title}. Adapter \`${e.adapter.definition.id}\`. ` +
      (write
        ? 'A write: send an Idempotency-Key; a repeat with it returns the first answer.'
        : 'A read: the answer carries only the fields the purpose allows (and `fields`, when given).') +
      ' With `Prefer: respond-async` it is queued as a delivery (202; Idempotency-Key required).',
    tags: [e.provider],
    security: MEMBER_SECURITY,
    parameters: [
      ...MEMBER_HEADERS,
      write
        ? paramRef('IdempotencyKey')
        : {
            ...PARAMETERS.IdempotencyKey,
            required: false,
            description: 'Required with Prefer: respond-async.',
          },
      paramRef('Prefer'),
      paramRef('Fields'),
    ],
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: { $ref: refs[inputName(e)] },
          ...(example === undefined ? {} : { example }),
        },
      },
    },
    responses: {
      '200': {
        description: 'The answer, signed by the hub and bound to the request',
        headers: SIGNED_HEADERS,
        content: {
          'application/json': { schema: { $ref: refs[output] ?? `#/components/schemas/${output}` } },
        },
      },
      '202': responseRef('Accepted'),
      '4XX': responseRef('Problem'),
      '5XX': responseRef('ServerProblem'),
    },
  };
}

export interface HubDocumentOptions {
  version: string;
  /** The URL members reach the hub at. */
  publicUrl: string;
  /** Registered adapters, for the examples of their conformance kits (none without it). */
  registry?: readonly RegisteredAdapter[];
}

export function buildHubDocument(catalog: ServiceCatalog, opts: HubDocumentOptions): Record<string, unknown> {
  const roots: Record<string, Schema> = {};
  for (const def of contracts.list()) roots[def.typeName] = def.schema;
  const entries = [...catalog.list()].sort((a, b) => a.id.localeCompare(b.id));
  for (const e of entries) {
    roots[inputName(e)] = e.service.input;
    if (e.outputSchema) roots[e.outputName] = e.outputSchema;
  }
  roots.KpiReport_v1 = kpiReportSchema;
  const { components, refs } = toOpenApiSchemas(roots);
  const paths: Record<string, unknown> = {};
  for (const e of entries) {
    const example = opts.registry ? serviceExample(opts.registry, e) : undefined;
    paths[`/v1/services/${e.id}`] = { post: serviceOperation(e, refs, example) };
  }
  Object.assign(paths, hubPaths());
  const providers = [...new Set(entries.map((e) => e.provider))].sort();
  return {
    openapi: '3.1.0',
    info: {
      title: 'lienthong hub API',
      version: opts.version,
      description:
        'Signed exchanges between Vietnamese agency systems through the lienthong hub. Every request is signed by its member (docs/protocol.md); every answer is signed by the hub and bound to its request. Errors are RFC 9457 problems with a stable code, in English and Vietnamese.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: opts.publicUrl, description: 'this hub' }],
    security: MEMBER_SECURITY,
    tags: [
      { name: 'hub', description: 'What the hub itself answers: the caller’s services, the data tracker' },
      {
        name: 'deliveries',
        description: 'Asynchronous deliveries: queued, retried, dead-lettered, redriven',
      },
      {
        name: 'procedures',
        description:
          'Joint procedures (liên thông): dossiers, their steps and timelines, overdue dossiers, KPIs and the applicants’ ratings',
      },
      { name: 'operators', description: 'Dead letters and the queue dashboard, with an operator’s token' },
      {
        name: 'health',
        description: 'Liveness, readiness, metrics and this document, without authentication',
      },
      ...providers.map((p) => ({ name: p, description: `Services of ${p}` })),
    ],
    paths,
    components: {
      securitySchemes: SECURITY_SCHEMES,
      parameters: PARAMETERS,
      headers: HEADERS,
      responses: RESPONSES,
      schemas: {
        ...(normaliseSchema(components) as Record<string, unknown>),
        ...HUB_SCHEMAS,
        ...REPORTING_SCHEMAS,
        ...NOTIFICATION_SCHEMAS,
        Problem: PROBLEM_SCHEMA,
      },
    },
  };
}
