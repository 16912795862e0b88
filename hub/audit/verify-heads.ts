/**
 * Verification of a chain's heads.jsonl: every head parses, names its chain, follows the previous one,
 * carries a signature that verifies under a trusted key (when keys are given) and matches the chain
 * (its hash is the hash of the line with its seq). Problems are returned with the seq they concern, so
 * the verifier can report whichever comes first in the chain.
 */
import { existsSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { isHeadRecord, verifyHeadSignature } from './heads';
import { readLines } from './lines';
import type { HeadRecord } from './types';

/** Trusted head keys: by kid, or a list tried whatever the head's kid (e.g. from hub certificates). */
export type TrustedKeys = Record<string, KeyObject> | KeyObject[];

export type BadReason = 'missing' | 'altered' | 'out-of-order' | 'bad-head-signature' | 'unparseable';

/** A problem in the audit log, with the seq it concerns for ordering. */
export interface Problem {
  file: string;
  line: number;
  seq?: number;
  reason: BadReason;
  detail: string;
  /** Position in the chain used to pick the first problem. */
  at: number;
}

export interface LoadedHead {
  head: HeadRecord;
  lineNo: number;
}

function keyVerifies(head: HeadRecord, keys: TrustedKeys): boolean {
  if (Array.isArray(keys)) return keys.some((key) => verifyHeadSignature(head, key));
  const key = Object.prototype.hasOwnProperty.call(keys, head.kid) ? keys[head.kid] : undefined;
  return key !== undefined && verifyHeadSignature(head, key);
}

/** Reads and checks the heads on their own; the first problem found in file order, if any. */
export async function loadHeads(
  path: string,
  chain: string,
  keys: TrustedKeys | undefined,
): Promise<{ heads: LoadedHead[]; problem?: Problem }> {
  const heads: LoadedHead[] = [];
  if (!existsSync(path)) return { heads };
  let lastSeq = 0;
  for await (const { text, lineNo, terminated } of readLines(path)) {
    const bad = (
      reason: BadReason,
      detail: string,
      seq?: number,
    ): { heads: LoadedHead[]; problem: Problem } => ({
      heads,
      problem: { file: path, line: lineNo, seq, reason, detail, at: seq ?? lastSeq + 1 },
    });
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return bad('unparseable', 'head line is not JSON');
    }
    if (!isHeadRecord(parsed) || !terminated)
      return bad('unparseable', 'head line is not a complete head record');
    const head = parsed;
    if (head.chain !== chain) {
      return bad('bad-head-signature', `head names chain ${head.chain}, not ${chain}`, head.seq);
    }
    if (head.seq <= lastSeq) {
      return bad('out-of-order', `head at seq ${head.seq} follows a head at seq ${lastSeq}`, head.seq);
    }
    if (keys && !keyVerifies(head, keys)) {
      return bad(
        'bad-head-signature',
        `signature of head at seq ${head.seq} (kid ${head.kid}) does not verify`,
        head.seq,
      );
    }
    heads.push({ head, lineNo });
    lastSeq = head.seq;
  }
  return { heads };
}

/** Compares heads with the chain hashes seen while walking it; the first mismatch, if any. */
export function matchHeads(
  path: string,
  heads: readonly LoadedHead[],
  hashes: ReadonlyMap<number, string>,
  walkedThrough: number,
): Problem | undefined {
  let lastGood = 0;
  for (const { head, lineNo } of heads) {
    if (head.seq > walkedThrough) return undefined;
    if (hashes.get(head.seq) !== head.hash) {
      const detail =
        `head signed at seq ${head.seq} does not match the chain: ` +
        `the chain was rewritten between seq ${lastGood + 1} and ${head.seq}`;
      return { file: path, line: lineNo, seq: head.seq, reason: 'bad-head-signature', detail, at: head.seq };
    }
    lastGood = head.seq;
  }
  return undefined;
}
