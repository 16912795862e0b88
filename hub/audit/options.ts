/** Options of {@link createAudit}, each with its default. */
import type { Cluster, Redis } from 'ioredis';
import type { AuditFileWriter, AuditLogger, AuditSigner } from './types';

export interface AuditOptions {
  /** Root directory of the audit log; each hub process writes `<dir>/<nodeId>/`. */
  dir: string;
  /** Redis for the subject index (the data tracker). */
  redis: Redis | Cluster;
  /** Signs chain heads with the hub's key. */
  signer: AuditSigner;
  /** Secret of the keyed hash (HMAC-SHA256) of subject ids, at least 32 bytes; keep it stable. */
  subjectKey: Buffer;
  /** Logger (pino fits). @defaultValue warnings and errors as JSON lines on stderr */
  logger?: AuditLogger;
  /** Name of this process's chain; two live processes must not share one. @defaultValue `<hostname>-<pid>` */
  nodeId?: string;
  /** How often the chain head is signed when lines were added; 0 signs only on close and signHead(). @defaultValue 60000 */
  headSignIntervalMs?: number;
  /** Clock in epoch ms: picks the day segment and the head time. @defaultValue Date.now */
  clock?: () => number;
  /**
   * Longest wait before the first buffered line is written (while a write is in flight, the next batch
   * follows it at once). 0 writes at the end of the current event-loop turn: lowest latency, more writes.
   * @defaultValue 2
   */
  flushIntervalMs?: number;
  /** Buffered bytes that trigger a write at once. @defaultValue 262144 */
  maxBatchBytes?: number;
  /** fsync each batch before append() resolves (survives a power cut, costs a disk flush per batch). @defaultValue false */
  fsync?: boolean;
  /** Writes the files; tests inject one to count writes. @defaultValue createFileWriter({ fsync }) */
  writer?: AuditFileWriter;
  /** Prefix of the subject index keys in Redis. @defaultValue 'lienthong:audit:subject:' */
  indexKeyPrefix?: string;
  /** Newest access entries kept per subject. @defaultValue 10000 */
  maxEntriesPerSubject?: number;
  /**
   * Days the subject index keeps an entry; `null` keeps entries until the cap pushes them out. Personal
   * data protection rules require access logs to be kept; the files keep everything regardless.
   * @defaultValue 1827 (5 years)
   */
  retentionDays?: number | null;
  /** Index writes allowed in flight before further batches are left out of the index (and logged). @defaultValue 1000 */
  maxIndexBacklog?: number;
}

/** The default logger: warnings and errors on stderr, one JSON object a line. */
export const stderrLogger: AuditLogger = {
  info: () => undefined,
  warn: (obj, msg) => process.stderr.write(JSON.stringify({ level: 'warn', msg, ...describe(obj) }) + '\n'),
  error: (obj, msg) => process.stderr.write(JSON.stringify({ level: 'error', msg, ...describe(obj) }) + '\n'),
};

function describe(obj: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...obj };
  if (out.err instanceof Error) out.err = out.err.message;
  return out;
}
