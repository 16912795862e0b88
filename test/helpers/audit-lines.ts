/** Test helper: every line of every chain of an audit directory, parsed (the record of truth on disk). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type AuditLineRecord = Record<string, unknown> & { outcome: string; status: number; client: string };

export function auditLines(auditDir: string): AuditLineRecord[] {
  return readdirSync(auditDir).flatMap((chain) =>
    readdirSync(join(auditDir, chain))
      .filter((f) => /^\d{4}-\d{2}-\d{2}\.jsonl$/.test(f))
      .flatMap((f) =>
        readFileSync(join(auditDir, chain, f), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as AuditLineRecord),
      ),
  );
}
