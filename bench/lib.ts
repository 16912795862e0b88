/** Shared by the benchmarks: timing loops, result files and a short printed table. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export const RESULTS_DIR = join(__dirname, 'results');

/** Runs `fn` repeatedly for about `ms` (after a warm-up) and returns operations per second. */
export function opsPerSecond(fn: () => number, ms = 2000, warmupMs = 500): number {
  const until = (t: number) => {
    let ops = 0;
    const start = process.hrtime.bigint();
    const limit = BigInt(t) * 1_000_000n;
    while (process.hrtime.bigint() - start < limit) ops += fn();
    return { ops, ns: Number(process.hrtime.bigint() - start) };
  };
  if (warmupMs > 0) until(warmupMs);
  const { ops, ns } = until(ms);
  return (ops * 1e9) / ns;
}

/**
 * Measures several functions in interleaved rounds and returns the median ops/s of each. These machines
 * are shared and their CPU speed swings within seconds; interleaving exposes every contender to the same
 * swings, and the median drops the outlier rounds.
 */
export function interleavedMedians(
  fns: Record<string, () => number>,
  rounds = 5,
  msPerRound = 600,
): Record<string, number> {
  const samples: Record<string, number[]> = {};
  for (const name of Object.keys(fns)) {
    samples[name] = [];
    opsPerSecond(fns[name], 200, 300);
  }
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(fns)) samples[name].push(opsPerSecond(fn, msPerRound, 0));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

export function machine(): Record<string, unknown> {
  return {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memGb: Math.round(totalmem() / 2 ** 30),
  };
}

export function writeResults(name: string, figures: Record<string, unknown>): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(
    path,
    JSON.stringify(
      { benchmark: name, at: new Date().toISOString(), machine: machine(), ...figures },
      null,
      2,
    ) + '\n',
  );
  return path;
}

export function printTable(title: string, rows: (string | number)[][]): void {
  const text = rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)));
  const widths = text[0].map((_, i) => Math.max(...text.map((r) => String(r[i]).length)));
  process.stdout.write(`\n${title}\n`);
  for (const r of text)
    process.stdout.write('  ' + r.map((c, i) => String(c).padEnd(widths[i])).join('  ') + '\n');
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(2);
}

/** A small seeded PRNG so benchmark inputs are the same every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
