/** `lienthong adapter new <id>`: writes a new adapter folder from the templates. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as t from './templates';

export interface ScaffoldOptions {
  id: string;
  protocol: 'rest' | 'soap';
  /** Folder that receives `<id>/`. @defaultValue the project's adapters/ */
  dir?: string;
  force?: boolean;
}

export const ADAPTER_ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const pascal = (id: string) =>
  id
    .split('-')
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
const camel = (id: string) => pascal(id).replace(/^./, (c) => c.toLowerCase());

/** Writes the adapter folder; returns the files written. Throws on a bad id or an existing folder. */
export function scaffoldAdapter(opts: ScaffoldOptions): string[] {
  if (!ADAPTER_ID_PATTERN.test(opts.id))
    throw new Error(`adapter id must be kebab-case (e.g. social-insurance): ${opts.id}`);
  if (opts.protocol !== 'rest' && opts.protocol !== 'soap')
    throw new Error(`protocol must be rest or soap: ${opts.protocol}`);
  const sdkDir = resolve(__dirname, '..');
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
    protocol: opts.protocol,
    sdk: rel(sdkDir),
    contracts: rel(resolve(sdkDir, '../../contracts')),
  };
  const files: Record<string, string> = {
    'index.ts': t.indexTs(v),
    'services/record-by-id.ts': t.serviceTs(v),
    'mapping.ts': t.mappingTs(v),
    'simulator.ts': t.simulatorTs(v),
    'conformance.ts': t.conformanceTs(v),
    [`${opts.id}.test.ts`]: t.testTs(v),
    [opts.protocol === 'rest' ? 'upstream/openapi.yaml' : 'upstream/service.wsdl']: t.specFile(v),
    'fixtures/record-by-id.ok.json': t.fixture(v),
  };
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const path = join(folder, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    written.push(path);
  }
  return written;
}
