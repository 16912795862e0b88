/** The audit records a world's hub wrote, read back from its audit directory (one JSON line each). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AuditedLine {
  messageId: string;
  client: string;
  service: string;
  outcome: string;
  status: number;
}

export function auditLines(worldDir: string): AuditedLine[] {
  const root = join(worldDir, 'audit');
  return readdirSync(root).flatMap((chain) =>
    readdirSync(join(root, chain))
      .filter((f) => /^\d{4}-\d{2}-\d{2}\.jsonl$/.test(f))
      .flatMap((f) =>
        readFileSync(join(root, chain, f), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as AuditedLine),
      ),
  );
}
