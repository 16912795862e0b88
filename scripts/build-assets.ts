/**
 * Second half of `npm run build`: tsc has compiled the TypeScript to dist/; this copies what the compiled
 * code reads at run time beside it — every file of adapters/, config/, contracts/ and hub/ that is not
 * TypeScript (configuration, procedure definitions, the administrative-unit catalogue and its licences,
 * upstream specs such as WSDLs, fixtures the conformance suites read, the demo's records, the CLI's
 * bin.js) — and package.json (the hub reports its version). Tests and scratch folders are left out.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'dist');
const FOLDERS = ['adapters', 'config', 'contracts', 'hub'];
const SKIP_DIRS = new Set(['node_modules', 'generated']);
const skipFile = (name: string) => /\.tsx?$/.test(name) || name.includes('.test.');

function copyTree(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) n += copyTree(path);
    } else if (entry.isFile() && !skipFile(entry.name)) {
      const target = join(OUT, relative(ROOT, path));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(path, target);
      n += 1;
    }
  }
  return n;
}

let copied = 0;
for (const folder of FOLDERS) copied += copyTree(join(ROOT, folder));
copyFileSync(join(ROOT, 'package.json'), join(OUT, 'package.json'));
process.stdout.write(`copied ${copied + 1} non-TypeScript files to dist/\n`);
