/**
 * The data tracker's index in Redis: per subject (keyed by the subject's keyed hash, never the id), a
 * sorted set of access entries. All members have score 0 and sort by their text, which starts with
 * `<UTC time>|<chain>|<seq>`, so ZRANGE BYLEX REV lists a subject's entries newest first across every hub
 * node, and that prefix is an exact paging cursor. One pipeline per written batch; a cap per subject
 * and an optional retention (ZREMRANGEBYLEX + PEXPIRE) bound the memory.
 */
import type { Cluster, Redis } from 'ioredis';
import { subjectHash } from './record';
import type { AccessEntry, AuditLine } from './types';

/** Options of {@link createSubjectIndex}. */
export interface SubjectIndexOptions {
  /** Redis (standalone or Sentinel) or a Redis Cluster. */
  redis: Redis | Cluster;
  /** Secret of the subject hash; must be the audit log's subjectKey. */
  subjectKey: Buffer;
  /** Prefix of the per-subject keys. @defaultValue 'lienthong:audit:subject:' */
  keyPrefix?: string;
  /** Newest entries kept per subject. @defaultValue 10000 */
  maxEntriesPerSubject?: number;
  /** Days an entry is kept; `null` keeps entries until the cap pushes them out. @defaultValue 1827 (5 years) */
  retentionDays?: number | null;
  /** Clock for retention, epoch ms. @defaultValue Date.now */
  clock?: () => number;
}

/** Paging of {@link SubjectIndex.accessLog}. */
export interface AccessLogQuery {
  /** Entries per page, 1…{@link MAX_ACCESS_LOG_LIMIT}. @defaultValue 50 */
  limit?: number;
  /** Only entries older than this: the `id` of the last entry of the previous page, or an ISO time. */
  before?: string;
}

export const DEFAULT_ACCESS_LOG_LIMIT = 50;
export const MAX_ACCESS_LOG_LIMIT = 1000;

/** Raised by accessLog() for a `limit` or `before` that cannot be used; the route answers 400. */
export class AccessLogQueryError extends RangeError {
  override readonly name = 'AccessLogQueryError';
  constructor(
    readonly field: 'limit' | 'before',
    message: string,
  ) {
    super(message);
  }
}

export interface SubjectIndex {
  /** Adds the written lines that have a subject. */
  write(chain: string, lines: readonly AuditLine[]): Promise<void>;
  /** A subject's entries, newest first. `subjectId` is the personal ID or tax code in clear. */
  accessLog(subjectId: string, query?: AccessLogQuery): Promise<AccessEntry[]>;
}

const CURSOR_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\|[A-Za-z0-9._~-]+\|\d{12,}$/;

/** The entry id: `<UTC time>|<chain>|<seq, 12 digits>`, sorting as the entries should. */
const entryId = (time: string, chain: string, seq: number): string =>
  `${new Date(time).toISOString()}|${chain}|${String(seq).padStart(12, '0')}`;

function toMember(chain: string, line: AuditLine): string {
  const entry: Omit<AccessEntry, 'id'> = {
    time: line.time,
    client: line.client,
    service: line.service,
    purpose: line.purpose,
    fields: line.fields,
    outcome: line.outcome,
    status: line.status,
    messageId: line.messageId,
    procedure: line.procedure,
    dossierCode: line.dossierCode,
  };
  return `${entryId(line.time, chain, line.seq)}|${JSON.stringify(entry)}`;
}

function fromMember(member: string): AccessEntry {
  const at = member.indexOf('|{');
  return { id: member.slice(0, at), ...(JSON.parse(member.slice(at + 1)) as Omit<AccessEntry, 'id'>) };
}

function upperBound(before: string | undefined): string {
  if (before === undefined || before === '') return '+';
  if (CURSOR_RE.test(before)) return `(${before}`;
  const ms = Date.parse(before);
  if (Number.isNaN(ms))
    throw new AccessLogQueryError('before', 'before is neither an entry id nor an ISO 8601 time');
  return `(${new Date(ms).toISOString()}`;
}

export function createSubjectIndex(options: SubjectIndexOptions): SubjectIndex {
  const { redis, subjectKey } = options;
  const prefix = options.keyPrefix ?? 'lienthong:audit:subject:';
  const cap = options.maxEntriesPerSubject ?? 10000;
  const retentionDays = options.retentionDays === undefined ? 1827 : options.retentionDays;
  const clock = options.clock ?? Date.now;
  const keyOf = (hash: string): string => `${prefix}${hash}`;

  async function write(chain: string, lines: readonly AuditLine[]): Promise<void> {
    const byKey = new Map<string, string[]>();
    for (const line of lines) {
      if (!line.subject) continue;
      const key = keyOf(line.subject.hash);
      const members = byKey.get(key) ?? [];
      members.push(toMember(chain, line));
      byKey.set(key, members);
    }
    if (byKey.size === 0) return;
    const retentionMs = retentionDays === null ? undefined : retentionDays * 86_400_000;
    const cutoff = retentionMs === undefined ? undefined : new Date(clock() - retentionMs).toISOString();
    // A cluster pipeline must stay within one hash slot: there, one pipeline per subject key.
    const groups = redis.isCluster ? [...byKey].map((entry) => [entry]) : [[...byKey]];
    await Promise.all(
      groups.map(async (group) => {
        const pipeline = redis.pipeline();
        for (const [key, members] of group) {
          pipeline.zadd(key, ...members.flatMap((m) => [0, m]));
          pipeline.zremrangebyrank(key, 0, -(cap + 1));
          if (cutoff !== undefined && retentionMs !== undefined) {
            pipeline.zremrangebylex(key, '-', `(${cutoff}`);
            pipeline.pexpire(key, retentionMs);
          }
        }
        const results = (await pipeline.exec()) ?? [];
        const failed = results.find(([err]) => err);
        if (failed?.[0]) throw failed[0];
      }),
    );
  }

  async function accessLog(subjectId: string, query: AccessLogQuery = {}): Promise<AccessEntry[]> {
    const limit = query.limit ?? DEFAULT_ACCESS_LOG_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ACCESS_LOG_LIMIT) {
      throw new AccessLogQueryError('limit', `limit must be an integer from 1 to ${MAX_ACCESS_LOG_LIMIT}`);
    }
    const max = upperBound(query.before);
    const key = keyOf(subjectHash(subjectKey, subjectId));
    // Entries past retention are pruned on the subject's next write; never show them meanwhile.
    const min =
      retentionDays === null ? '-' : `[${new Date(clock() - retentionDays * 86_400_000).toISOString()}`;
    const members = await redis.zrange(key, max, min, 'BYLEX', 'REV', 'LIMIT', 0, limit);
    return members.map(fromMember);
  }

  return { write, accessLog };
}
