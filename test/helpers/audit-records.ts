/** Test helper: every record of every chain of an audit directory, as parsed JSON, in file order. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function auditRecords(dir: string): Record<string, unknown>[] {
  return readdirSync(dir).flatMap((chain) =>
    readdirSync(join(dir, chain))
      .filter((f) => /^\d{4}-\d{2}-\d{2}\.jsonl$/.test(f))
      .flatMap((f) =>
        readFileSync(join(dir, chain, f), 'utf8')
          .trim()
          .split('\n'),
      )
      .map((l) => JSON.parse(l) as Record<string, unknown>),
  );
}
