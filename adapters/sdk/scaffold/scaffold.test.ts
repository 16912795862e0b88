/**
 * `lienthong adapter new` end to end, in a temp folder with copies of the registry and config/: from each
 * template (REST, SOAP) and from the pinned specs of the payment platform and the postal service, the
 * scaffold writes a folder that type-checks (strict), passes eslint and prettier (what `npm run lint`
 * runs) and the whole conformance kit against its own simulator as written, and registers itself: the
 * registry copy loads it and the config copy loads with its services offered.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../../config/loader';
import { runConformance } from '../conformance/checks';
import { scaffoldAdapter } from './scaffold';

const ROOT = resolve(__dirname, '../../..');
// A temp folder inside the project, so the generated code resolves the project's node_modules.
const base = mkdtempSync(join(ROOT, 'adapters', '.scaffold-test-'));
const registryFile = join(base, 'registry.ts');
const configDir = join(base, 'config');
cpSync(join(ROOT, 'adapters/registry.ts'), registryFile);
cpSync(join(ROOT, 'config'), configDir, { recursive: true });
// The registry copy imports the SDK from beside it.
writeFileSync(
  registryFile,
  execFileSync('sed', ["s#'\\./sdk/#'../sdk/#g", registryFile], { encoding: 'utf8' }),
);

afterAll(() => {
  execFileSync('rm', ['-rf', base]);
});

const cases = [
  { id: 'sample-rest-agency', protocol: 'rest' as const },
  { id: 'sample-soap-agency', protocol: 'soap' as const },
  { id: 'payment-from-spec', from: join(ROOT, 'adapters/payment-platform/upstream/openapi.yaml') },
  { id: 'postal-from-spec', from: join(ROOT, 'adapters/public-postal/upstream/openapi.yaml') },
];

beforeAll(async () => {
  for (const c of cases) await scaffoldAdapter({ ...c, dir: base, register: { registryFile, configDir } });
}, 120_000);

it('writes the folder of CONVENTIONS §1 (template) and one service per operation (from a spec)', () => {
  expect(readdirSync(join(base, 'sample-rest-agency')).sort()).toEqual(
    [
      'conformance.ts',
      'fixtures',
      'index.ts',
      'mapping.ts',
      'sample-rest-agency.test.ts',
      'services',
      'simulator.ts',
      'upstream',
    ].sort(),
  );
  expect(readdirSync(join(base, 'payment-from-spec', 'services')).sort()).toEqual([
    'get-giao-dich.ts',
    'get-trang-thai.ts',
    'post-giao-dich.ts',
  ]);
  expect(readdirSync(join(base, 'payment-from-spec', 'generated'))).toEqual(['upstream.ts']);
  expect(readdirSync(join(base, 'postal-from-spec', 'services'))).toHaveLength(5);
});

it('type-checks under the project settings (strict), and is clean for eslint and prettier', () => {
  const tsconfig = join(base, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: join(ROOT, 'tsconfig.json'),
      include: cases.map((c) => `./${c.id}/**/*.ts`),
      compilerOptions: { noEmit: true },
    }),
  );
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], {
    stdio: 'pipe',
  });
  const folders = cases.map((c) => join(base, c.id));
  // What `npm run lint` runs (eslint, prettier --check) on the generated folders; the temp folder is in
  // the project's ignore lists only so that the suite never collects it.
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--no-ignore', ...folders],
    {
      cwd: ROOT,
      stdio: 'pipe',
    },
  );
  const ignore = join(base, '.prettierignore');
  writeFileSync(ignore, '**/upstream/**\n**/fixtures/**\n');
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/prettier/bin/prettier.cjs'), '--check', '--ignore-path', ignore, ...folders],
    {
      cwd: ROOT,
      stdio: 'pipe',
    },
  );
}, 180_000);

it('registers itself: the registry copy loads each new adapter, and config/ offers its services', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const registry = require(registryFile) as typeof import('../../registry');
  for (const c of cases) expect(registry.findAdapter(c.id)?.adapter.id).toBe(c.id);
  const config = loadConfig(configDir, {});
  for (const c of cases) {
    expect(config.upstreams[c.id]).toBeDefined();
    expect(config.services.filter((s) => s.adapter === c.id).length).toBeGreaterThan(0);
  }
  expect(config.upstreams['payment-from-spec'].auth).toMatchObject({ clientId: 'lienthong-hub' });
  expect(config.upstreams['postal-from-spec'].auth).toEqual({
    apiKey: { env: 'LIENTHONG_POSTAL_FROM_SPEC_API_KEY' },
  });
  const ports = Object.values(config.upstreams).map((u) => new URL(u.baseUrl).port);
  expect(new Set(ports).size).toBe(ports.length);
});

it.each(cases.map((c) => c.id))(
  '%s passes the whole conformance kit as written',
  async (id) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { conformance } = require(join(base, id, 'conformance.ts')) as {
      conformance: () => Parameters<typeof runConformance>[0];
    };
    const report = await runConformance(conformance());
    expect(report.results.filter((r) => !r.ok)).toEqual([]);
    expect(report.results.length).toBeGreaterThan(15);
  },
  90_000,
);

it('refuses a bad id and an existing folder', async () => {
  await expect(
    scaffoldAdapter({ id: 'Bad_Id', protocol: 'rest', dir: base, register: false }),
  ).rejects.toThrow(/kebab-case/);
  await expect(
    scaffoldAdapter({ id: 'sample-rest-agency', protocol: 'rest', dir: base, register: false }),
  ).rejects.toThrow(/already exists/);
});
