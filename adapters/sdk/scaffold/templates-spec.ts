/**
 * Templates of `lienthong adapter new <id> --from <openapi.yaml>`: one service per operation of the spec
 * that passes the upstream's dialect through, read by the spec (spec-reader), a simulator built from the
 * spec (spec-simulator), and a conformance spec whose examples are samples of the spec — so that
 * `adapter check` passes before any mapping is written. Each function returns one file's text; the
 * scaffold formats them with prettier.
 */
import type { AuthDeclaration } from '../auth/types';
import type { SpecOperation } from '../spec/operations';
import type { TemplateVars } from './templates';

export interface SpecVars extends TemplateVars {
  operations: SpecOperation[];
  auth?: AuthDeclaration;
  /** Sample inputs per operation name. */
  examples: Record<string, Record<string, unknown>>;
  /** The operation ping() calls, with its sample input. */
  ping: SpecOperation;
}

const pascal = (s: string) => s.replace(/(^|-)([a-z0-9])/g, (_m, _d: string, c: string) => c.toUpperCase());
const camel = (s: string) => pascal(s).replace(/^./, (c) => c.toLowerCase());
const deeper = (p: string) => (p.startsWith('./') ? `../${p.slice(2)}` : `../${p}`);
const ident = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
const access = (name: string) =>
  /^[A-Za-z_$][\w$]*$/.test(name) ? `input.${name}` : `input[${JSON.stringify(name)}]`;

export const specIndexTs = (v: SpecVars) => `/**
 * ${v.id}: adapter definition — data first (CONVENTIONS §1). Scaffolded from upstream/openapi.yaml: each
 * service passes the upstream's dialect through, checked against the spec. Next: write the mapping to a
 * contract (mapping.ts) service by service, and a simulator that behaves like the upstream.
 */
import { defineAdapter, RestTransport } from '${v.sdk}';
${v.operations.map((o) => `import { ${camel(o.name)} } from './services/${o.name}';`).join('\n')}
import { readAnswer } from './read-answer';

export type ${v.pascal}Client = RestTransport;

export const adapter = defineAdapter<${v.pascal}Client>({
  id: '${v.id}',
  version: 1,
  protocol: 'rest',
  title: '${v.id} (describe the upstream system here)',
  spec: 'upstream/openapi.yaml',
${v.auth ? `  auth: ${JSON.stringify(v.auth)},\n` : ''}  services: [${v.operations.map((o) => camel(o.name)).join(', ')}],
  createClient: (config, deps) =>
    new RestTransport({
      upstream: '${v.id}',
      baseUrl: config.baseUrl,
      agent: deps.agent,
      maxBodyBytes: config.maxBodyBytes,
      auth: deps.auth,
    }),
  async ping(ctx) {
    const res = await ctx.client.request(ctx, ${requestOf(v.ping, `(${JSON.stringify(v.examples[v.ping.name])} as Record<string, unknown>)`, true)});
    readAnswer('${v.ping.method}', '${v.ping.path}', res);
  },
});
`;

export const readAnswerTs = (
  v: SpecVars,
) => `/** Reads the upstream's answers by its pinned spec (until a dialect schema and a mapping are written). */
import { join } from 'node:path';
import { specReader, type RestResponse } from '${v.sdk}';

const read = specReader('${v.id}', join(__dirname, 'upstream/openapi.yaml'));

/** The answer to \`method path\` (the spec's path template), checked against the spec. */
export const readAnswer = (method: string, path: string, res: RestResponse): Record<string, unknown> =>
  read(method, path, res);
`;

function requestOf(o: SpecOperation, input: string, ping = false): string {
  const path = o.path.replace(
    /\{([^}]+)\}/g,
    (_m, n: string) => `\${encodeURIComponent(String(${input}[${JSON.stringify(n)}]))}`,
  );
  const query = o.params.filter((p) => p.in === 'query');
  const headers = o.params.filter((p) => p.in === 'header' && !/^x-request-id$/i.test(p.name));
  const parts = [`method: '${o.method}'`, `path: \`${path}\``];
  if (query.length)
    parts.push(
      `query: { ${query.map((p) => `${ident(p.name)}: ${input}[${JSON.stringify(p.name)}] as string | undefined`).join(', ')} }`,
    );
  if (headers.length)
    parts.push(
      `headers: { ${headers.map((p) => `${JSON.stringify(p.name)}: String(${input}[${JSON.stringify(p.name)}])`).join(', ')} }`,
    );
  if (o.body !== undefined && !ping) parts.push(`body: ${input}.body`);
  return `{ ${parts.join(', ')} }`;
}

export const specServiceTs = (
  v: SpecVars,
  o: SpecOperation,
) => `/** ${o.name}: ${o.method} ${o.path}${o.summary ? ` — ${o.summary}` : ''} (the upstream's dialect, checked against its spec). */
import { Joi } from '${deeper(v.contracts)}';
import { defineService } from '${deeper(v.sdk)}';
import type { ${v.pascal}Client } from '../index';
import { readAnswer } from '../read-answer';

export const ${camel(o.name)} = defineService<${v.pascal}Client, Record<string, unknown>, Record<string, unknown>>({
  name: '${o.name}',
  version: 1,
  title: ${JSON.stringify(o.summary ?? `${o.method} ${o.path}`)},
  kind: '${o.kind}',
  input: Joi.object({
${o.params
  .filter((p) => !(p.in === 'header' && /^x-request-id$/i.test(p.name)))
  .map((p) => `    ${ident(p.name)}: Joi.any()${p.required ? '.required()' : ''},`)
  .join('\n')}${o.body !== undefined ? `\n    body: Joi.object().unknown(true).required(),` : ''}
  }).id('${v.pascal}${pascal(o.name)}Request_v1'),
  // The upstream's answer as it is: write the mapping to a contract here.
  output: Joi.object().unknown(true).id('${v.pascal}${pascal(o.name)}Answer_v1'),
  async execute(ctx, ${o.params.some((p) => !(p.in === 'header' && /^x-request-id$/i.test(p.name))) || o.body !== undefined ? 'input' : '_input'}) {
    const res = await ctx.client.request(ctx, ${requestOf(o, 'input').replace(/input\[("[^"]+")\]/g, (_m, k: string) => access(JSON.parse(k) as string))});
    return readAnswer('${o.method}', '${o.path}', res);
  },
});
`;

export const specSimulatorTs = (
  v: SpecVars,
) => `/** A simulator of the ${v.id} upstream built from its pinned spec (answers are samples of the spec). */
import { join } from 'node:path';
import { createSpecSimulator, type Simulator, type SimulatorOptions } from '${v.sdk}';

export function create${v.pascal}Simulator(opts: SimulatorOptions = {}): Simulator {
  return createSpecSimulator('${v.id}', join(__dirname, 'upstream/openapi.yaml'), opts);
}
`;

export const specConformanceTs = (v: SpecVars) => `/**
 * The conformance spec of ${v.id}: one example per service, samples of the spec. Replace them with real
 * cases and state their canonical answers (example(input, expected)) once the mapping is written.
 */
import type { ConformanceSpec } from '${v.sdk}/conformance';
import { adapter } from './index';
import { create${v.pascal}Simulator } from './simulator';

export function conformance(): ConformanceSpec {
  return {
    adapter: adapter as ConformanceSpec['adapter'],
    simulator: create${v.pascal}Simulator,
    examples: {
${v.operations.map((o) => `      '${o.name}/v1': [${JSON.stringify(v.examples[o.name])}],`).join('\n')}
    },
  };
}
`;

export const specTestTs = (v: SpecVars) => `/** ${v.id}: the conformance suite against the simulator. */
import { runAdapterSuite } from '${v.sdk}/conformance';
import { conformance } from './conformance';

runAdapterSuite(conformance());
`;
