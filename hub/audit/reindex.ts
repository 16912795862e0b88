/**
 * Rebuilds the subject index from the audit files, e.g. after Redis lost data or an index write failed.
 * Index members are derived from the lines alone, so re-adding one is a no-op: safe to run while hub
 * processes keep appending. Run `audit verify` first: this trusts the lines it reads.
 */
import { join } from 'node:path';
import { listChains, listSegments } from './layout';
import { readLines } from './lines';
import type { SubjectIndex } from './subject-index';
import type { AuditLine } from './types';

/** Lines sent to Redis per pipeline. */
const BATCH = 1000;

/** Adds every line with a subject under `dir` to the index; resolves with the number of lines read. */
export async function rebuildSubjectIndex(dir: string, index: SubjectIndex): Promise<number> {
  let count = 0;
  for (const chain of listChains(dir)) {
    let batch: AuditLine[] = [];
    for (const segment of listSegments(join(dir, chain))) {
      for await (const { text, terminated } of readLines(join(dir, chain, segment))) {
        if (!terminated) continue;
        batch.push(JSON.parse(text) as AuditLine);
        count += 1;
        if (batch.length >= BATCH) {
          await index.write(chain, batch);
          batch = [];
        }
      }
    }
    if (batch.length > 0) await index.write(chain, batch);
  }
  return count;
}
