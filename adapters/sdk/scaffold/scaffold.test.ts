/**
 * `lienthong adapter new` end to end: scaffold a REST and a SOAP adapter into a temp dir, type-check the
 * generated code, and run the conformance kit against the generated simulator — it must pass untouched.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runConformance, type ConformanceSpec } from '../conformance/checks';
import { scaffoldAdapter } from './scaffold';

const ROOT = resolve(__dirname, '../../..');
// A temp folder inside the project, so the generated code resolves the project's node_modules.
const base = mkdtempSync(join(ROOT, 'adapters', '.scaffold-test-'));

afterAll(() => {
  execFileSync('rm', ['-rf', base]);
});

describe.each(['rest', 'soap'] as const)('scaffold (%s)', (protocol) => {
  const id = `sample-${protocol}-agency`;
  let files: string[] = [];

  beforeAll(() => {
    files = scaffoldAdapter({ id, protocol, dir: base });
  });

  it('writes the folder of CONVENTIONS §1', () => {
    const names = files.map((f) => f.slice(join(base, id).length + 1)).sort();
    expect(names).toEqual(
      [
        'conformance.ts',
        `${id}.test.ts`,
        'fixtures/record-by-id.ok.json',
        'index.ts',
        'mapping.ts',
        'services/record-by-id.ts',
        'simulator.ts',
        protocol === 'rest' ? 'upstream/openapi.yaml' : 'upstream/service.wsdl',
      ].sort(),
    );
    expect(readdirSync(join(base, id))).toContain('upstream');
  });

  it('type-checks under the project settings (strict)', () => {
    const tsconfig = join(base, id, 'tsconfig.json');
    writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: join(ROOT, 'tsconfig.json'),
        include: ['./**/*.ts'],
        compilerOptions: { noEmit: true },
      }),
    );
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], {
      stdio: 'pipe',
    });
  }, 60_000);

  it('passes the conformance kit against its own simulator', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { conformance } = require(join(base, id, 'conformance.ts')) as { conformance: ConformanceSpec };
    const report = await runConformance(conformance);
    const failed = report.results.filter((r) => !r.ok);
    expect(failed).toEqual([]);
    expect(report.results.length).toBeGreaterThan(15);
  }, 60_000);

  it('refuses a bad id and an existing folder', () => {
    expect(() => scaffoldAdapter({ id: 'Bad_Id', protocol, dir: base })).toThrow(/kebab-case/);
    expect(() => scaffoldAdapter({ id, protocol, dir: base })).toThrow(/already exists/);
  });
});
