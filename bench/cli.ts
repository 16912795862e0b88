/**
 * `npm run bench -- cli`: how long the `lienthong` command takes from start to exit, as an operator runs
 * it (`node hub/cli/bin.js`, through tsx, as `npx lienthong` does; and the compiled dist/ when it
 * exists): `--help`, `validate person@1` on one record, `keys --help`, `dlq --help`. Wall time of a
 * fresh process, median of 7 runs after one warm-up run (tsx's transform cache is warm then, as it is
 * for an operator after the first call). Also the bare floor: `node -e 0` and `node` with tsx loaded.
 * Targets on an idle machine: --help under 1 s, validate under 2 s. The load average is recorded with
 * the figures: on a busy machine they are not the idle ones.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { printTable, writeResults } from './lib';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'hub', 'cli', 'bin.js');
const DIST_BIN = join(ROOT, 'dist', 'hub', 'cli', 'bin.js');
const PERSON = JSON.stringify({
  personalId: '001099012345',
  fullName: 'Nguyễn Văn Hòa',
  dateOfBirth: '12/03/1999',
  sex: 'male',
});

function timeOnce(args: string[], input?: string): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { input, encoding: 'utf8', cwd: ROOT, timeout: 120_000 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function median(args: string[], input?: string, runs = 7): number {
  timeOnce(args, input);
  const xs = Array.from({ length: runs }, () => timeOnce(args, input)).sort((a, b) => a - b);
  return xs[Math.floor(runs / 2)];
}

export async function run(): Promise<Record<string, unknown>> {
  const load = loadavg();
  const cases: [string, string[], string?][] = [
    ['node -e 0 (floor)', ['-e', '0']],
    ['node + tsx (floor)', ['-e', 'require("tsx/cjs")']],
    ['lienthong --help', [BIN, '--help']],
    ['lienthong validate person@1 -', [BIN, 'validate', 'person@1', '-'], PERSON],
    ['lienthong keys --help', [BIN, 'keys', '--help']],
    ['lienthong dlq --help', [BIN, 'dlq', '--help']],
  ];
  if (existsSync(DIST_BIN)) {
    cases.push(['dist: lienthong --help', [DIST_BIN, '--help']]);
    cases.push(['dist: lienthong validate person@1 -', [DIST_BIN, 'validate', 'person@1', '-'], PERSON]);
  }
  const figures: Record<string, number> = {};
  for (const [name, args, input] of cases) figures[name] = Math.round(median(args, input));
  printTable(
    `lienthong command start-to-exit, median of 7 (load average ${load.map((l) => l.toFixed(2)).join(' ')})`,
    [
      ['command', 'ms', 'target'],
      ...Object.entries(figures).map(([name, ms]) => [
        name,
        ms,
        name === 'lienthong --help' || name === 'dist: lienthong --help'
          ? '< 1000'
          : name.includes('validate')
            ? '< 2000'
            : '',
      ]),
    ],
  );
  const path = writeResults('cli', { loadAverage: load, medianMs: figures });
  process.stdout.write(`\nwrote ${path}\n`);
  return figures;
}

if (require.main === module) void run();
