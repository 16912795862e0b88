/**
 * The hot path of the audit log: one chain, appended to by every exchange of this process.
 *
 * append() assigns seq and computes the chain hash synchronously, in call order, then queues the line.
 * Lines are written in batches — one write per segment per batch — on a short timer, at once when the
 * buffer is large, and back to back while a write is in flight (group commit). append() resolves when
 * its line is written. All file I/O runs on one serial queue, so lines and heads land in seq order.
 * A failed write closes the log for good (fail closed): the hub must not go on without an audit trail.
 */
import { join } from 'node:path';
import { canonicalJson, chainHash, lineText } from './canonical';
import { signHead as buildHead } from './heads';
import { HEADS_FILE, segmentFile, vietnamDay, vietnamDayEnd } from './layout';
import { AuditRecordError, MAX_LINE_BYTES } from './record';
import type { ChainPosition } from './resume';
import type { AuditFileWriter, AuditLine, AuditLogger, AuditSigner, HeadRecord, StoredRecord } from './types';

/** Raised by append() once the log is closed or has failed. */
export class AuditUnavailableError extends Error {
  override readonly name = 'AuditUnavailableError';
}

export interface ChainWriterDeps {
  position: ChainPosition;
  writer: AuditFileWriter;
  signer: AuditSigner;
  logger: AuditLogger;
  clock: () => number;
  flushIntervalMs: number;
  maxBatchBytes: number;
  headSignIntervalMs: number;
  /** Called with each batch once it is on disk (feeds the subject index). */
  onWritten: (lines: AuditLine[]) => void;
}

interface Pending {
  path: string;
  text: string;
  line: AuditLine;
  resolve: () => void;
  reject: (err: Error) => void;
}

/** Counters for tests and metrics. */
export interface ChainStats {
  chain: string;
  /** Last seq handed out. */
  seq: number;
  /** Last seq on disk. */
  writtenSeq: number;
  /** Last seq covered by a signed head. */
  signedSeq: number;
  /** Write calls made for segment lines. */
  batches: number;
}

export class ChainWriter {
  private seq: number;
  private hash: string;
  private day: string | undefined;
  private path: string | undefined;
  private dayEnds = 0;
  private writtenSeq: number;
  private writtenHash: string;
  private signedSeq: number;
  private batches = 0;
  private pending: Pending[] = [];
  private pendingBytes = 0;
  private io: Promise<void> = Promise.resolve();
  private scheduled = false;
  private writing = false;
  private cancelTimer: (() => void) | undefined;
  private headTimer: NodeJS.Timeout | undefined;
  private failure: Error | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly deps: ChainWriterDeps) {
    const p = deps.position;
    this.seq = this.writtenSeq = p.seq;
    this.hash = this.writtenHash = p.hash;
    this.day = p.day;
    this.signedSeq = p.signedSeq;
    if (deps.headSignIntervalMs > 0) {
      this.headTimer = setInterval(() => {
        this.signHead().catch(() => undefined);
      }, deps.headSignIntervalMs);
      this.headTimer.unref();
    }
  }

  get stats(): ChainStats {
    const { chain } = this.deps.position;
    return {
      chain,
      seq: this.seq,
      writtenSeq: this.writtenSeq,
      signedSeq: this.signedSeq,
      batches: this.batches,
    };
  }

  /** Chains a stored record and queues its line; resolves once the line is written. */
  append(record: StoredRecord): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new AuditUnavailableError('the audit log is closed'));
    const body = { seq: this.seq + 1, prev: this.hash, ...record };
    const canonical = canonicalJson(body);
    const line = body as AuditLine;
    line.hash = chainHash(this.hash, canonical);
    // The line is the canonical body with the hash appended as its last member (see lineText).
    const text = lineText(canonical, line.hash);
    // UTF-8 takes at most 3 bytes per UTF-16 unit: count bytes only for lines that might be too long.
    if (text.length * 3 > MAX_LINE_BYTES && Buffer.byteLength(text) > MAX_LINE_BYTES) {
      return Promise.reject(
        new AuditRecordError(`audit record ${record.messageId}: line exceeds ${MAX_LINE_BYTES} bytes`),
      );
    }
    this.seq = line.seq;
    this.hash = line.hash;
    const path = this.segmentPath(this.deps.clock());
    const done = new Promise<void>((resolve, reject) =>
      this.pending.push({ path, text, line, resolve, reject }),
    );
    this.pendingBytes += text.length;
    if (this.pendingBytes >= this.deps.maxBatchBytes || this.writing) this.kick();
    else if (!this.cancelTimer && !this.scheduled) this.startTimer();
    return done;
  }

  /** The segment for a line appended at `now`; a clock that steps back never goes to an older one. */
  private segmentPath(now: number): string {
    if (this.path === undefined || now >= this.dayEnds) {
      const today = vietnamDay(now);
      if (this.day === undefined || today > this.day) this.day = today;
      this.path = join(this.deps.position.chainDir, segmentFile(this.day));
      this.dayEnds = vietnamDayEnd(now);
    }
    return this.path;
  }

  /** Writes everything appended so far. */
  async flush(): Promise<void> {
    do {
      this.kick();
      await this.io;
    } while (this.pending.length > 0 && !this.failure);
    if (this.failure) throw this.failure;
  }

  /** Signs the head now if lines were written since the last head; resolves with the new head, if any. */
  signHead(): Promise<HeadRecord | undefined> {
    this.kick();
    return new Promise((resolve, reject) => {
      this.enqueue(async () => {
        try {
          resolve(await this.writeHead());
        } catch (err) {
          this.deps.logger.error({ err, chain: this.deps.position.chain }, 'audit head could not be signed');
          reject(err as Error);
        }
      });
    });
  }

  /** Refuses new appends, writes what is queued, signs the head and releases the chain. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.headTimer) clearInterval(this.headTimer);
      await this.flush().catch(() => undefined);
      if (!this.failure) await this.signHead().catch(() => undefined);
      await this.io;
      await this.deps.writer.close();
      this.deps.position.release();
    })();
    return this.closing;
  }

  private enqueue(task: () => Promise<void>): void {
    this.io = this.io.then(task).catch((err: unknown) => this.fail(err));
  }

  /** Waits flushIntervalMs, or only for the end of this turn of the event loop when it is 0. */
  private startTimer(): void {
    const kick = (): void => this.kick();
    if (this.deps.flushIntervalMs > 0) {
      const timer = setTimeout(kick, this.deps.flushIntervalMs);
      this.cancelTimer = () => clearTimeout(timer);
    } else {
      const immediate = setImmediate(kick);
      this.cancelTimer = () => clearImmediate(immediate);
    }
  }

  private kick(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    if (this.scheduled || this.pending.length === 0) return;
    this.scheduled = true;
    this.enqueue(() => {
      this.scheduled = false;
      return this.writeBatch();
    });
  }

  private async writeBatch(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    if (batch.length === 0 || this.failure) return;
    this.writing = true;
    try {
      // One write per segment: a batch spans two segments only around midnight.
      for (let i = 0; i < batch.length;) {
        let j = i;
        let text = '';
        for (; j < batch.length && batch[j].path === batch[i].path; j++) text += batch[j].text;
        try {
          await this.deps.writer.append(batch[i].path, text);
        } catch (err) {
          this.fail(err, batch.slice(i));
          return;
        }
        this.batches += 1;
        this.writtenSeq = batch[j - 1].line.seq;
        this.writtenHash = batch[j - 1].line.hash;
        for (let k = i; k < j; k++) batch[k].resolve();
        i = j;
      }
    } finally {
      this.writing = false;
    }
    try {
      this.deps.onWritten(batch.map((p) => p.line));
    } catch (err) {
      // The lines are on disk; a failing listener must not fail the log.
      this.deps.logger.error({ err, chain: this.deps.position.chain }, 'audit onWritten listener failed');
    }
  }

  private async writeHead(): Promise<HeadRecord | undefined> {
    if (this.writtenSeq <= this.signedSeq || this.failure) return undefined;
    const { chain, chainDir } = this.deps.position;
    const time = new Date(this.deps.clock()).toISOString();
    const head = buildHead(this.deps.signer, chain, this.writtenSeq, this.writtenHash, time);
    await this.deps.writer.append(join(chainDir, HEADS_FILE), JSON.stringify(head) + '\n');
    this.signedSeq = head.seq;
    return head;
  }

  /** Fails the log: rejects `lost` and everything still queued, and every later append. */
  private fail(err: unknown, lost: Pending[] = []): void {
    const cause = err instanceof Error ? err : new Error(String(err));
    this.failure ??= new AuditUnavailableError(`the audit log failed to write: ${cause.message}`, { cause });
    const rejected = [...lost, ...this.pending];
    this.pending = [];
    this.pendingBytes = 0;
    for (const p of rejected) p.reject(this.failure);
    this.deps.logger.error(
      { err: cause, chain: this.deps.position.chain, lostRecords: rejected.length },
      'audit log write failed: the audit log is closed and appends are refused',
    );
  }
}
