/**
 * The upstream dialect's TypeScript types, generated from its pinned OpenAPI document with
 * openapi-typescript into `<adapter>/generated/upstream.ts` (never edited by hand; `npm run gen` makes
 * them again). Returns the file written.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function generateUpstreamTypes(spec: string, out: string, root: string): string {
  mkdirSync(dirname(out), { recursive: true });
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/openapi-typescript/bin/cli.js'), spec, '--output', out, '--alphabetize'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return out;
}
