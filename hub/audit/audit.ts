/**
 * createAudit(): the audit log of one hub process — the hash-chained, signed files on disk (the record
 * of truth) and the subject index in Redis (the data tracker, rebuildable from the files).
 */
import { MIN_SUBJECT_KEY_BYTES, toStoredRecord } from './record';
import { ChainWriter, type ChainStats } from './chain-writer';
import { createFileWriter } from './file-writer';
import { defaultNodeId, sanitiseNodeId } from './layout';
import { stderrLogger, type AuditOptions } from './options';
import { openChain } from './resume';
import { createSubjectIndex, type AccessLogQuery } from './subject-index';
import type { AccessEntry, AuditRecord, HeadRecord } from './types';

export interface AuditStats extends ChainStats {
  /** Index writes not finished yet. */
  indexPending: number;
  /** Batches whose index write failed or was left out (the files still hold them). */
  indexErrors: number;
}

export interface Audit {
  /** Name of the chain this process writes (`<nodeId>`, or `<nodeId>~<n>` after a corrupt tail). */
  readonly chain: string;
  /**
   * Appends a record. Sequence and chain hash are fixed synchronously, in call order; the promise
   * resolves when the line is on disk, and rejects with AuditRecordError for a malformed record or
   * AuditUnavailableError once the log is closed or has failed (the hub must then refuse the exchange).
   */
  append(record: AuditRecord): Promise<void>;
  /** Writes all appended lines and waits for their index writes. */
  flush(): Promise<void>;
  /** Signs the chain head now if lines were added since the last head. */
  signHead(): Promise<HeadRecord | undefined>;
  /** The subject's access log, newest first; `subjectId` is the personal ID or tax code in clear. */
  accessLog(subjectId: string, query?: AccessLogQuery): Promise<AccessEntry[]>;
  stats(): AuditStats;
  /** Refuses new appends, writes the rest, signs the head, waits for the index, releases the chain. */
  close(): Promise<void>;
}

/** Opens this process's chain (resuming it, or starting a new one) and returns the audit log. */
export function createAudit(options: AuditOptions): Audit {
  const { subjectKey } = options;
  if (!Buffer.isBuffer(subjectKey) || subjectKey.length < MIN_SUBJECT_KEY_BYTES) {
    throw new TypeError(
      `createAudit: subjectKey must be a Buffer of at least ${MIN_SUBJECT_KEY_BYTES} bytes`,
    );
  }
  const logger = options.logger ?? stderrLogger;
  const clock = options.clock ?? Date.now;
  const nodeId = options.nodeId === undefined ? defaultNodeId() : sanitiseNodeId(options.nodeId);
  const maxIndexBacklog = options.maxIndexBacklog ?? 1000;
  const index = createSubjectIndex({
    redis: options.redis,
    subjectKey,
    keyPrefix: options.indexKeyPrefix,
    maxEntriesPerSubject: options.maxEntriesPerSubject,
    retentionDays: options.retentionDays,
    clock,
  });
  const position = openChain(options.dir, nodeId, logger);
  const indexWrites = new Set<Promise<void>>();
  let indexErrors = 0;

  const writer = new ChainWriter({
    position,
    writer: options.writer ?? createFileWriter({ fsync: options.fsync }),
    signer: options.signer,
    logger,
    clock,
    flushIntervalMs: options.flushIntervalMs ?? 2,
    maxBatchBytes: options.maxBatchBytes ?? 256 * 1024,
    headSignIntervalMs: options.headSignIntervalMs ?? 60_000,
    onWritten(lines) {
      if (!lines.some((l) => l.subject)) return;
      const range = { chain: position.chain, fromSeq: lines[0].seq, toSeq: lines[lines.length - 1].seq };
      if (indexWrites.size >= maxIndexBacklog) {
        indexErrors += 1;
        logger.error(
          range,
          'subject index backlog full: batch left out of the index; rebuild it from the files',
        );
        return;
      }
      const write: Promise<void> = index
        .write(position.chain, lines)
        .catch((err: unknown) => {
          indexErrors += 1;
          logger.error({ ...range, err }, 'subject index write failed; rebuild it from the files');
        })
        .finally(() => indexWrites.delete(write));
      indexWrites.add(write);
    },
  });

  const settleIndex = async (): Promise<void> => {
    while (indexWrites.size > 0) await Promise.all([...indexWrites]);
  };

  return {
    chain: position.chain,
    append(record) {
      try {
        return writer.append(toStoredRecord(record, subjectKey));
      } catch (err) {
        return Promise.reject(err as Error);
      }
    },
    async flush() {
      await writer.flush();
      await settleIndex();
    },
    signHead: () => writer.signHead(),
    accessLog: (subjectId, query) => index.accessLog(subjectId, query),
    stats: () => ({ ...writer.stats, indexPending: indexWrites.size, indexErrors }),
    async close() {
      await writer.close();
      await settleIndex();
    },
  };
}
