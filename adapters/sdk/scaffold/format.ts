/**
 * Formats files as the project's prettier settings say (a scaffold passes `prettier --check` as written).
 * Prettier runs as its own process: its API loads its plugins with dynamic import(), which jest's module
 * sandbox (where the scaffold's test runs) does not allow. The files named are formatted whatever the
 * ignore lists say (the scaffold's test writes into a folder they list).
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export async function formatFiles(files: string[]): Promise<void> {
  if (!files.length) return;
  const root = resolve(__dirname, '../../..');
  execFileSync(
    process.execPath,
    [
      resolve(root, 'node_modules/prettier/bin/prettier.cjs'),
      '--write',
      '--log-level',
      'warn',
      '--ignore-path',
      '/dev/null',
      ...files,
    ],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
}
