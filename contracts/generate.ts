/**
 * `npm run gen`: writes contracts/generated/openapi.json from the Joi contracts and
 * contracts/generated/types.ts from it with openapi-typescript. Output is deterministic, so CI can
 * check that the committed files are current (`git status --porcelain` stays empty).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { withErrorTable } from './errors/table';
import { contractsOpenApiDocument } from './openapi';

const root = resolve(__dirname, '..');
const outDir = join(__dirname, 'generated');
mkdirSync(outDir, { recursive: true });

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../package.json') as { version: string };
const openapiPath = join(outDir, 'openapi.json');
writeFileSync(openapiPath, JSON.stringify(contractsOpenApiDocument(pkg.version), null, 2) + '\n');

const typesPath = join(outDir, 'types.ts');
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules/openapi-typescript/bin/cli.js'),
    openapiPath,
    '--output',
    typesPath,
    '--alphabetize',
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
const readmePath = join(root, 'README.md');
writeFileSync(readmePath, withErrorTable(readFileSync(readmePath, 'utf8')));

console.log(
  `wrote ${openapiPath.replace(root + '/', '')} ${typesPath.replace(root + '/', '')} and the error table of README.md`,
);
