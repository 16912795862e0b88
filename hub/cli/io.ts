/** Small I/O helpers shared by the CLI commands. */
import { readFileSync } from 'node:fs';

/** Reads a file, or standard input when the path is '-' or missing. */
export function readInput(path?: string): string {
  return readFileSync(!path || path === '-' ? 0 : path, 'utf8');
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
