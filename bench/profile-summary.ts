/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): self time by file (node_modules grouped by package,
 * project files by path, node's own modules by name) and the hottest functions. Used by
 * `npm run bench -- exchange --cpu-prof`; also runnable: `npx tsx bench/profile-summary.ts <file.cpuprofile>`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  byFile: { file: string; ms: number; share: number }[];
  byFunction: { fn: string; ms: number; share: number }[];
}

const ROOT = `file://${join(__dirname, '..')}/`;

/** A readable group for a script URL. */
export function fileGroup(url: string, functionName: string): string {
  if (!url) return `(${functionName || 'native'})`.replace(/^\(\((.*)\)\)$/, '($1)');
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + 14).split('/');
    return `npm:${parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  if (url.startsWith(ROOT)) return url.slice(ROOT.length);
  return url.replace(/^file:\/\//, '');
}

/**
 * Self time of the samples taken at or after `sinceUs` (the monotonic clock of process.hrtime, in µs,
 * which V8 profiles share), so that start-up and warm-up can be left out.
 */
export function summariseProfile(path: string, top = 15, sinceUs = 0): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const files = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    // A sample's delta is the time since the previous sample: the time charged to it.
    const us = profile.timeDeltas[i] ?? 0;
    at += us;
    if (!node || us <= 0 || at < sinceUs) continue;
    const { url, functionName, lineNumber } = node.callFrame;
    const file = fileGroup(url, functionName);
    if (file === '(idle)') continue;
    total += us;
    files.set(file, (files.get(file) ?? 0) + us);
    const fn = `${functionName || '(anonymous)'} ${file}${url ? `:${lineNumber + 1}` : ''}`;
    fns.set(fn, (fns.get(fn) ?? 0) + us);
  }
  const list = <K extends string>(m: Map<string, number>, key: K) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([name, us]) =>
          ({ [key]: name, ms: us / 1000, share: us / total }) as Record<K, string> & {
            ms: number;
            share: number;
          },
      );
  return { totalMs: total / 1000, byFile: list(files, 'file'), byFunction: list(fns, 'fn') };
}

export function printSummary(title: string, s: ProfileSummary): void {
  process.stdout.write(
    `\n${title} (${Math.round(s.totalMs)} ms of CPU, idle excluded)\n  self time by file:\n`,
  );
  for (const f of s.byFile)
    process.stdout.write(`    ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.file}\n`);
  process.stdout.write('  hottest functions:\n');
  for (const f of s.byFunction)
    process.stdout.write(`    ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.fn}\n`);
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: tsx bench/profile-summary.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  printSummary(file, summariseProfile(file, Number(process.argv[3] ?? 25)));
}
