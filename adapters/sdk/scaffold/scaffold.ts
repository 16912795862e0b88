/**
 * `lienthong adapter new <id>`: writes a new adapter folder — from the templates (`--protocol rest|soap`),
 * or from the upstream's OpenAPI document (`--from openapi.yaml`: one service per operation, types of the
 * dialect generated with openapi-typescript, a simulator built from the spec) — formats it with prettier,
 * and registers it (adapters/registry.ts and config/, with placeholders) so that the hub offers it and
 * `adapter check` passes before any mapping is written.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { authOf, operationsOf } from '../spec/operations';
import { sampleOf } from '../spec/sample';
import { loadOpenApi } from '../simulator/openapi-validator';
import { formatFiles } from './format';
import { registerAdapter } from './register';
import * as t from './templates';
import * as ts from './templates-spec';
import { generateUpstreamTypes } from './upstream-types';

export interface ScaffoldOptions {
  id: string;
  /** Without `from`: which template. With `from`, rest for an OpenAPI document, soap for a WSDL. */
  protocol?: 'rest' | 'soap';
  /** The upstream's spec to start from: an OpenAPI document (YAML or JSON) or a WSDL. */
  from?: string;
  /** Folder that receives `<id>/`. @defaultValue the project's adapters/ */
  dir?: string;
  force?: boolean;
  /** Where to register it, or false not to. @defaultValue the project's adapters/registry.ts and config/ */
  register?: { registryFile: string; configDir: string } | false;
}

export const ADAPTER_ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const pascal = (id: string) =>
  id
    .split('-')
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
const camel = (id: string) => pascal(id).replace(/^./, (c) => c.toLowerCase());

/** Writes (and registers) the adapter folder; returns the files written. */
export async function scaffoldAdapter(opts: ScaffoldOptions): Promise<string[]> {
  if (!ADAPTER_ID_PATTERN.test(opts.id))
    throw new Error(`adapter id must be kebab-case (e.g. social-insurance): ${opts.id}`);
  const fromWsdl = opts.from !== undefined && /\.wsdl$/i.test(opts.from);
  const protocol = opts.from ? (fromWsdl ? 'soap' : 'rest') : opts.protocol;
  if (protocol !== 'rest' && protocol !== 'soap')
    throw new Error(`protocol must be rest or soap: ${String(protocol)}`);
  if (opts.from && !existsSync(opts.from)) throw new Error(`no such file: ${opts.from}`);
  const sdkDir = resolve(__dirname, '..');
  const root = resolve(sdkDir, '../..');
  const base = resolve(opts.dir ?? join(sdkDir, '..'));
  const folder = join(base, opts.id);
  if (existsSync(folder) && !opts.force)
    throw new Error(`${folder} already exists (use --force to overwrite)`);
  const rel = (to: string) => {
    const r = relative(folder, to).split('\\').join('/');
    return r.startsWith('.') ? r : `./${r}`;
  };
  const v: t.TemplateVars = {
    id: opts.id,
    pascal: pascal(opts.id),
    camel: camel(opts.id),
    protocol,
    sdk: rel(sdkDir),
    contracts: rel(resolve(sdkDir, '../../contracts')),
  };

  let files: Record<string, string>;
  let services = ['record-by-id/v1'];
  let auth;
  if (opts.from && !fromWsdl) {
    const doc = loadOpenApi(opts.from);
    const operations = operationsOf(doc);
    if (!operations.length) throw new Error(`${opts.from} has no operations`);
    auth = authOf(doc).adapter;
    const examples: Record<string, Record<string, unknown>> = {};
    operations.forEach((o, i) => {
      const input: Record<string, unknown> = {};
      for (const p of o.params) {
        if (p.in === 'header' && /^x-request-id$/i.test(p.name)) continue;
        // Header values must be ASCII: a sample of free text would be Vietnamese.
        input[p.name] = p.in === 'header' ? `scaffold-${o.name}` : sampleOf(p.schema, doc, i + 1);
      }
      if (o.body !== undefined) input.body = sampleOf(o.body, doc, i + 1);
      examples[o.name] = input;
    });
    const ping =
      operations.find((o) => o.kind === 'read' && !o.params.some((p) => p.required)) ??
      operations.find((o) => o.kind === 'read') ??
      operations[0];
    const sv: ts.SpecVars = { ...v, operations, auth, examples, ping };
    services = operations.map((o) => `${o.name}/v1`);
    files = {
      'index.ts': ts.specIndexTs(sv),
      'read-answer.ts': ts.readAnswerTs(sv),
      'simulator.ts': ts.specSimulatorTs(sv),
      'conformance.ts': ts.specConformanceTs(sv),
      [`${opts.id}.test.ts`]: ts.specTestTs(sv),
      ...Object.fromEntries(operations.map((o) => [`services/${o.name}.ts`, ts.specServiceTs(sv, o)])),
    };
  } else {
    files = {
      'index.ts': t.indexTs(v),
      'services/record-by-id.ts': t.serviceTs(v),
      'mapping.ts': t.mappingTs(v),
      'simulator.ts': t.simulatorTs(v),
      'conformance.ts': t.conformanceTs(v),
      [`${opts.id}.test.ts`]: t.testTs(v),
      'fixtures/record-by-id.ok.json': t.fixture(v),
    };
    if (!fromWsdl)
      files[protocol === 'rest' ? 'upstream/openapi.yaml' : 'upstream/service.wsdl'] = t.specFile(v);
  }
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const path = join(folder, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    written.push(path);
  }
  if (opts.from) {
    mkdirSync(join(folder, 'upstream'), { recursive: true });
    const pinned = join(folder, 'upstream', fromWsdl ? basename(opts.from) : 'openapi.yaml');
    if (fromWsdl) {
      // The WSDL and the XSDs beside it, pinned; the template's operations stand until services are written.
      copyFileSync(opts.from, pinned);
      for (const m of readFileSync(opts.from, 'utf8').matchAll(/schemaLocation="([^":]+\.xsd)"/g))
        copyFileSync(join(opts.from, '..', m[1]), join(folder, 'upstream', basename(m[1])));
    } else {
      copyFileSync(opts.from, pinned);
      written.push(generateUpstreamTypes(pinned, join(folder, 'generated', 'upstream.ts'), root));
    }
    written.push(pinned);
  }
  await formatFiles(written.filter((f) => /\.(ts|json)$/.test(f)));
  const reg =
    opts.register === false
      ? undefined
      : (opts.register ?? {
          registryFile: join(sdkDir, '..', 'registry.ts'),
          configDir: join(root, 'config'),
        });
  if (reg) {
    const changed = registerAdapter({ id: opts.id, pascal: v.pascal, folder, ...reg, services, auth });
    await formatFiles(changed);
  }
  return written;
}
