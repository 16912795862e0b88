/**
 * Where the audit log lives on disk:
 *
 *   <dir>/<chain>/<YYYY-MM-DD>.jsonl   daily segments (days in Asia/Ho_Chi_Minh, UTC+7), one line per record
 *   <dir>/<chain>/heads.jsonl          signed chain heads
 *   <dir>/<chain>/LOCK                 held by the process writing the chain
 *
 * A chain is named after the node that writes it (`nodeId`). When a node finds its chain's tail
 * corrupt it starts a new chain `<nodeId>~2` (then `~3` …) instead of continuing a broken one.
 */
import { readdirSync, existsSync } from 'node:fs';
import { hostname } from 'node:os';

export const HEADS_FILE = 'heads.jsonl';
export const LOCK_FILE = 'LOCK';
export const SEGMENT_RE = /^\d{4}-\d{2}-\d{2}\.jsonl$/;

/** Vietnam has kept UTC+7 all year since 1975: no daylight saving to handle. */
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** The calendar day (YYYY-MM-DD) in Asia/Ho_Chi_Minh of an epoch time in milliseconds. */
export function vietnamDay(epochMs: number): string {
  return new Date(epochMs + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** Epoch ms of the next midnight in Asia/Ho_Chi_Minh after `epochMs`. */
export function vietnamDayEnd(epochMs: number): number {
  const day = 86_400_000;
  return (Math.floor((epochMs + VIETNAM_OFFSET_MS) / day) + 1) * day - VIETNAM_OFFSET_MS;
}

export const segmentFile = (day: string): string => `${day}.jsonl`;

/** The default node id: `<hostname>-<pid>`, made safe as a directory name. */
export function defaultNodeId(): string {
  return sanitiseNodeId(`${hostname()}-${process.pid}`);
}

/** Keeps letters, digits, `.`, `_` and `-`; anything else becomes `_`. */
export function sanitiseNodeId(nodeId: string): string {
  const safe = nodeId.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return safe.length > 0 ? safe.slice(0, 100) : 'node';
}

/** The chain name of a node's n-th chain (the first one is the node id itself). */
export const chainName = (nodeId: string, generation: number): string =>
  generation <= 1 ? nodeId : `${nodeId}~${generation}`;

/** The newest chain generation of a node in `dir` (0 when the node has no chain yet). */
export function latestGeneration(dir: string, nodeId: string): number {
  let latest = 0;
  for (const name of listChains(dir)) {
    if (name === nodeId) latest = Math.max(latest, 1);
    else if (name.startsWith(`${nodeId}~`)) {
      const n = Number(name.slice(nodeId.length + 1));
      if (Number.isInteger(n) && n > 1) latest = Math.max(latest, n);
    }
  }
  return latest;
}

/** Names of the chain directories in `dir`, sorted. */
export function listChains(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** Segment file names of a chain directory, oldest first. */
export function listSegments(chainDir: string): string[] {
  if (!existsSync(chainDir)) return [];
  return readdirSync(chainDir)
    .filter((name) => SEGMENT_RE.test(name))
    .sort();
}
