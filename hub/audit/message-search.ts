/**
 * Finding an exchange's audit records by its message id, for the operators' console. The log has no index
 * by message id (only the per-subject one in Redis), so this is a bounded scan: the newest `days` segment
 * files of every chain in the audit directory, newest first, stopping after `limit` matches. Each line is
 * tested as text before it is parsed, so a scan costs a read of those files and little else.
 */
import { join } from 'node:path';
import { listChains, listSegments } from './layout';
import { readLines } from './lines';
import type { AuditLine } from './types';

/** Options of {@link findByMessageId}. */
export interface MessageSearchOptions {
  /** Newest day files read per chain. @defaultValue 7 */
  days?: number;
  /** Records returned at most. @defaultValue 20 */
  limit?: number;
}

export const MESSAGE_SEARCH_DAYS = 7;
export const MESSAGE_SEARCH_LIMIT = 20;

/** A message id as the hub accepts one (X-Hub-Message-Id): anything else finds nothing without a read. */
const MESSAGE_ID_RE = /^[A-Za-z0-9._:-]{8,128}$/;

/** The audit records of `messageId` (as stored: the subject as its keyed hash), newest day first. */
export async function findByMessageId(
  dir: string,
  messageId: string,
  opts: MessageSearchOptions = {},
): Promise<(AuditLine & { chain: string })[]> {
  if (!MESSAGE_ID_RE.test(messageId)) return [];
  const days = opts.days ?? MESSAGE_SEARCH_DAYS;
  const limit = opts.limit ?? MESSAGE_SEARCH_LIMIT;
  const needle = `"messageId":${JSON.stringify(messageId)}`;
  const found: (AuditLine & { chain: string })[] = [];
  for (const chain of listChains(dir)) {
    const segments = listSegments(join(dir, chain)).slice(-days).reverse();
    for (const segment of segments) {
      for await (const line of readLines(join(dir, chain, segment))) {
        if (!line.terminated || !line.text.includes(needle)) continue;
        const record = JSON.parse(line.text) as AuditLine;
        if (record.messageId !== messageId) continue;
        found.push({ ...record, chain });
        if (found.length >= limit) return found;
      }
    }
  }
  return found;
}
