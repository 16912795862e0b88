/**
 * Opening a node's chain at start-up: take the newest chain of the node, check its tail (last line of
 * the newest segment, last signed head) and resume after it. A tail that is cut, unparseable, does not
 * hash to itself, or lies behind a signed head is not continued: a new chain `<nodeId>~<n+1>` starts
 * and the logger says why, so the broken chain stays as evidence for `audit verify`.
 * Runs once per process with synchronous I/O, so the audit factory can stay synchronous.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { GENESIS_HASH, isHex64, lineHash } from './canonical';
import { isHeadRecord } from './heads';
import { HEADS_FILE, chainName, latestGeneration, listSegments } from './layout';
import { acquireChainLock } from './lock';
import { MAX_LINE_BYTES } from './record';
import type { AuditLine, AuditLogger, HeadRecord } from './types';

/** Where a chain stands: the next line gets seq + 1 and prev = hash. */
export interface ChainPosition {
  chain: string;
  chainDir: string;
  seq: number;
  hash: string;
  /** Day of the newest segment, if any: new lines never go to an older segment. */
  day?: string;
  /** seq of the last signed head (0 when none). */
  signedSeq: number;
  /** Releases the chain's lock. */
  release: () => void;
}

type Tail = { ok: true; line?: string } | { ok: false; reason: string };

/** Reads the last line of a file; not ok when the file does not end with a newline. */
function readLastLine(path: string): Tail {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return { ok: true };
    const length = Math.min(size, 2 * MAX_LINE_BYTES + 2);
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, size - length);
    const text = buf.toString('utf8');
    if (!text.endsWith('\n')) return { ok: false, reason: 'the last line is cut (no newline at the end)' };
    const start = text.lastIndexOf('\n', text.length - 2);
    if (start < 0 && length < size) return { ok: false, reason: 'the last line is longer than any record' };
    return { ok: true, line: text.slice(start + 1, -1) };
  } finally {
    closeSync(fd);
  }
}

function parseLine(text: string): AuditLine | undefined {
  try {
    const line = JSON.parse(text) as AuditLine;
    const wellFormed = Number.isInteger(line.seq) && isHex64(line.prev) && isHex64(line.hash);
    return wellFormed && lineHash(line) === line.hash ? line : undefined;
  } catch {
    return undefined;
  }
}

type Inspection =
  { ok: true; seq: number; hash: string; day?: string; signedSeq: number } | { ok: false; reason: string };

/** Checks the tail of a chain directory. */
export function inspectTail(chainDir: string): Inspection {
  let last: AuditLine | undefined;
  let day: string | undefined;
  const segments = listSegments(chainDir);
  for (let i = segments.length - 1; i >= 0 && !last; i--) {
    const tail = readLastLine(join(chainDir, segments[i]));
    if (!tail.ok) return { ok: false, reason: `${segments[i]}: ${tail.reason}` };
    day ??= segments[i].slice(0, 10);
    if (tail.line === undefined) continue;
    last = parseLine(tail.line);
    if (!last) return { ok: false, reason: `${segments[i]}: the last line is unparseable or altered` };
  }
  let head: HeadRecord | undefined;
  const headsPath = join(chainDir, HEADS_FILE);
  if (existsSync(headsPath)) {
    const tail = readLastLine(headsPath);
    if (!tail.ok) return { ok: false, reason: `${HEADS_FILE}: ${tail.reason}` };
    if (tail.line !== undefined) {
      const parsed: unknown = JSON.parse(tail.line);
      if (!isHeadRecord(parsed)) return { ok: false, reason: `${HEADS_FILE}: the last head is unparseable` };
      head = parsed;
    }
  }
  const seq = last?.seq ?? 0;
  if (head && head.seq > seq) {
    return { ok: false, reason: `a head is signed at seq ${head.seq} but the chain ends at seq ${seq}` };
  }
  if (head && last && head.seq === seq && head.hash !== last.hash) {
    return { ok: false, reason: `the last line does not match the head signed at seq ${seq}` };
  }
  return { ok: true, seq, hash: last?.hash ?? GENESIS_HASH, day, signedSeq: head?.seq ?? 0 };
}

function safeInspect(chainDir: string): Inspection {
  try {
    return inspectTail(chainDir);
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

/** Opens (and locks) the node's newest chain, or a new one when it does not exist or its tail is corrupt. */
export function openChain(dir: string, nodeId: string, logger: AuditLogger): ChainPosition {
  mkdirSync(dir, { recursive: true });
  let generation = Math.max(1, latestGeneration(dir, nodeId));
  for (;;) {
    const chain = chainName(nodeId, generation);
    const chainDir = join(dir, chain);
    mkdirSync(chainDir, { recursive: true });
    const release = acquireChainLock(chainDir);
    const tail = safeInspect(chainDir);
    if (tail.ok) {
      if (tail.seq > 0) logger.info({ chain, seq: tail.seq }, 'audit chain resumed');
      return {
        chain,
        chainDir,
        seq: tail.seq,
        hash: tail.hash,
        day: tail.day,
        signedSeq: tail.signedSeq,
        release,
      };
    }
    release();
    generation += 1;
    logger.error(
      { chain, reason: tail.reason, newChain: chainName(nodeId, generation) },
      'audit chain tail is corrupt: starting a new chain instead of continuing it; run `lienthong audit verify`',
    );
  }
}
