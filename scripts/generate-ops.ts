/**
 * `npm run gen` (with contracts/generate.ts): the operator-facing generated files — the hub's OpenAPI
 * document for the default configuration (docs/generated/openapi.json, linted by `npm run lint` with
 * Redocly) and the table of LIENTHONG_* variables in docs/operations.md. Deterministic, so CI can check
 * the committed files are current.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadAdapters } from '../adapters/registry';
import { withEnvironmentTable } from '../config/environment';
import { DEFAULT_CONFIG_DIR, loadConfig } from '../config/loader';
import { buildHubDocument } from '../hub/openapi';
import { createServiceCatalog } from '../hub/exchange/catalog';

const root = resolve(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../package.json') as { version: string };

// The defaults, whatever this shell's LIENTHONG_* say: the document describes a configuration as shipped.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LIENTHONG_')));
const config = loadConfig(DEFAULT_CONFIG_DIR, env);
const quiet = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };
// Building the catalog makes adapter clients; a SOAP one that signs wants a key (a throwaway one here).
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const registry = loadAdapters();
const catalog = createServiceCatalog(config, registry, {
  logger: quiet,
  signer: { kid: 'generate', alg: 'ES256', sign: () => Buffer.alloc(64), privateKey },
});
// Some examples of the conformance kits carry the time they were made: make them at a fixed time, so the
// document does not change from one generation to the next.
const FIXED = Date.parse('2026-01-05T09:00:00+07:00');
const RealDate = Date;
globalThis.Date = class extends RealDate {
  constructor(...args: unknown[]) {
    super(...((args.length ? args : [FIXED]) as [number]));
  }
  static override now() {
    return FIXED;
  }
} as DateConstructor;
const doc = buildHubDocument(catalog, {
  version: pkg.version,
  publicUrl: config.hub.publicUrl,
  registry,
});
globalThis.Date = RealDate;
void catalog.close();
mkdirSync(join(root, 'docs', 'generated'), { recursive: true });
writeFileSync(join(root, 'docs', 'generated', 'openapi.json'), JSON.stringify(doc, null, 2) + '\n');

const opsPath = join(root, 'docs', 'operations.md');
writeFileSync(opsPath, withEnvironmentTable(readFileSync(opsPath, 'utf8'), DEFAULT_CONFIG_DIR));
console.log('wrote docs/generated/openapi.json and the environment table of docs/operations.md');
