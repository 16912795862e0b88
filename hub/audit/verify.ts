/**
 * Offline verification of an audit directory: walks every chain's segments in order and checks each
 * line parses, hashes to itself (`altered`), carries the next seq (`missing` / `out-of-order`) and links
 * to the previous line (`missing`); then checks the signed heads (`bad-head-signature` when a signature
 * fails or a head does not match the chain; `missing` when the chain ends before a signed head).
 * Reports the first broken record of the first broken chain, with its file and line.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GENESIS_HASH, isHex64, lineHash } from './canonical';
import { HEADS_FILE, listChains, listSegments } from './layout';
import { readLines, type FileLine } from './lines';
import type { AuditLine } from './types';
import { loadHeads, matchHeads, type BadReason, type Problem, type TrustedKeys } from './verify-heads';

export type { BadReason, TrustedKeys } from './verify-heads';

export interface VerifyOptions {
  /** Keys that verify head signatures. Without them heads are checked against the chain only. */
  publicKeys?: TrustedKeys;
}

export interface ChainReport {
  chain: string;
  records: number;
  lastSeq: number;
  segments: number;
  heads: number;
  /** Highest seq covered by a head that matches the chain; later lines are not yet signed. */
  signedThrough: number;
}

export interface BadRecord {
  chain: string;
  /** Path of the file holding the problem (a segment, or heads.jsonl). */
  file: string;
  /** 1-based line number in that file (for a line missing at the end: one past the last line). */
  line: number;
  /** The seq concerned: the missing one, the one found out of order, or the one expected there. */
  seq?: number;
  reason: BadReason;
  detail: string;
}

export type VerifyResult =
  | { ok: true; records: number; chains: ChainReport[]; signaturesChecked: boolean }
  | { ok: false; records: number; firstBad: BadRecord; chains: ChainReport[]; signaturesChecked: boolean };

/** Lines read past a seq gap to tell a swap (`out-of-order`) from a removal (`missing`). */
const LOOKAHEAD_LINES = 10_000;

interface Walk {
  records: number;
  lastSeq: number;
  lastFile?: string;
  lastLine: number;
  hashes: Map<number, string>;
  problem?: Problem;
}

function parseLine(text: string): AuditLine | undefined {
  try {
    const value = JSON.parse(text) as AuditLine;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

async function comesLater(lines: AsyncGenerator<FileLine>, seq: number): Promise<boolean> {
  for (let i = 0; i < LOOKAHEAD_LINES; i++) {
    const next = await lines.next();
    if (next.done) return false;
    if (parseLine(next.value.text)?.seq === seq) return true;
  }
  return false;
}

/** Walks a chain's segments until the first problem; keeps the hashes at the `wanted` seqs. */
async function walkChain(chainDir: string, segments: string[], wanted: ReadonlySet<number>): Promise<Walk> {
  const walk: Walk = { records: 0, lastSeq: 0, lastLine: 0, hashes: new Map() };
  let prev = GENESIS_HASH;
  for (const name of segments) {
    const file = join(chainDir, name);
    walk.lastFile = file;
    walk.lastLine = 0;
    const lines = readLines(file);
    for await (const { text, lineNo, terminated } of lines) {
      walk.lastLine = lineNo;
      const expected = walk.lastSeq + 1;
      const fail = (reason: BadReason, detail: string, seq = expected): Walk => {
        walk.problem = { file, line: lineNo, seq, reason, detail, at: expected };
        return walk;
      };
      const line = parseLine(text);
      if (!line) return fail('unparseable', text === '' ? 'empty line' : 'the line is not a JSON object');
      if (!terminated) return fail('unparseable', 'the line is cut: no newline at the end of the file');
      if (!isHex64(line.hash) || !isHex64(line.prev) || lineHash(line) !== line.hash) {
        return fail('altered', 'the hash does not match the content of the line');
      }
      if (!Number.isInteger(line.seq)) return fail('altered', 'the line has no seq');
      if (line.seq < expected) {
        return fail('out-of-order', `the line holds seq ${line.seq} after seq ${expected - 1}`, line.seq);
      }
      if (line.seq > expected) {
        return (await comesLater(lines, expected))
          ? fail(
              'out-of-order',
              `the line holds seq ${line.seq}; seq ${expected} comes later in the file`,
              line.seq,
            )
          : fail('missing', `seq ${expected} is missing: the line holds seq ${line.seq}`);
      }
      if (line.prev !== prev) {
        return fail(
          'missing',
          `prev does not match the hash of seq ${expected - 1}: a line before it was replaced`,
        );
      }
      if (wanted.has(line.seq)) walk.hashes.set(line.seq, line.hash);
      prev = line.hash;
      walk.lastSeq = line.seq;
      walk.records += 1;
    }
  }
  return walk;
}

/** Verifies every chain under `dir`; throws when `dir` does not exist. */
export async function verifyAuditDir(dir: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  if (!existsSync(dir)) throw new Error(`no audit log at ${dir}`);
  const signaturesChecked = options.publicKeys !== undefined;
  const chains: ChainReport[] = [];
  let records = 0;
  for (const chain of listChains(dir)) {
    const chainDir = join(dir, chain);
    const segments = listSegments(chainDir);
    const headsPath = join(chainDir, HEADS_FILE);
    const loaded = await loadHeads(headsPath, chain, options.publicKeys);
    const walk = await walkChain(chainDir, segments, new Set(loaded.heads.map((h) => h.head.seq)));
    const candidates: Problem[] = [];
    if (walk.problem) candidates.push(walk.problem);
    const mismatch = matchHeads(headsPath, loaded.heads, walk.hashes, walk.lastSeq);
    if (mismatch) candidates.push(mismatch);
    if (loaded.problem) candidates.push(loaded.problem);
    const beyond = loaded.heads.find((h) => h.head.seq > walk.lastSeq);
    if (!walk.problem && beyond) {
      const seq = walk.lastSeq + 1;
      const detail = `the chain ends at seq ${walk.lastSeq} but a head is signed at seq ${beyond.head.seq}: lines were removed from the end`;
      const where = walk.lastFile
        ? { file: walk.lastFile, line: walk.lastLine + 1 }
        : { file: headsPath, line: beyond.lineNo };
      candidates.push({ ...where, seq, reason: 'missing', detail, at: seq });
    }
    const signed = loaded.heads.filter(
      (h) => h.head.seq <= walk.lastSeq && walk.hashes.get(h.head.seq) === h.head.hash,
    );
    chains.push({
      chain,
      records: walk.records,
      lastSeq: walk.lastSeq,
      segments: segments.length,
      heads: loaded.heads.length,
      signedThrough: signed.length > 0 ? signed[signed.length - 1].head.seq : 0,
    });
    // The earliest problem in the chain wins; on a tie the record problem (pushed first) does.
    const first = candidates.reduce<Problem | undefined>(
      (a, b) => (a === undefined || b.at < a.at ? b : a),
      undefined,
    );
    if (first) {
      const { at, ...bad } = first;
      return {
        ok: false,
        records: records + Math.min(walk.records, at - 1),
        firstBad: { chain, ...bad },
        chains,
        signaturesChecked,
      };
    }
    records += walk.records;
  }
  return { ok: true, records, chains, signaturesChecked };
}
