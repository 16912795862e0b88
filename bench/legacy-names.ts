/**
 * `npm run bench -- legacy-names`: how many realistic Vietnamese names written in TCVN3 or VNI normaliseName
 * restores exactly, and how many Unicode names it changes (false positives). The corpus is the synthetic
 * population's names (adapters/sdk/simulator/population: Kinh, Tày, Ê Đê, Mông and Hoa names by era and
 * region, a third with the old tone placement) over several seeds, each encoded both ways; names the legacy
 * encoding cannot write (ŭ) or that it leaves unchanged (ASCII only) are not counted.
 */
import { generatePopulation } from '../adapters/sdk/simulator/population';
import { encodeTcvn3, encodeVni } from '../contracts/validators/legacy-encoding';
import { normaliseName } from '../contracts/validators/name';
import { printTable, writeResults } from './lib';

const SEEDS = [20250701, 1, 2, 3, 4, 5, 6, 7];

/** The corpus: every person's full name of every seed (repeats kept: they carry the names' frequencies). */
export function nameCorpus(seeds = SEEDS): string[] {
  return seeds.flatMap((seed) => generatePopulation(seed).persons.map((p) => p.fullName));
}

function rate(names: string[], encode: (s: string) => string) {
  let counted = 0;
  let restored = 0;
  const failures = new Map<string, number>();
  for (const name of names) {
    const legacy = encode(name);
    if (
      legacy === name ||
      /[^\u0020-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]/.test(
        legacy,
      )
    )
      continue;
    counted++;
    const r = normaliseName(legacy);
    if (r.ok && r.value.value === name) restored++;
    else
      failures.set(
        `${legacy} → ${r.ok ? r.value.value : r.code} (${name})`,
        (failures.get(`${legacy} → ${r.ok ? r.value.value : r.code} (${name})`) ?? 0) + 1,
      );
  }
  return {
    counted,
    restored,
    share: restored / counted,
    failures: [...failures].sort((a, b) => b[1] - a[1]),
  };
}

export async function run(): Promise<Record<string, unknown>> {
  const names = nameCorpus();
  const tcvn3 = rate(names, encodeTcvn3);
  const vni = rate(names, encodeVni);
  let changed = 0;
  for (const name of names) {
    const r = normaliseName(name);
    if (!r.ok || r.value.value !== name) changed++;
  }
  const figures = {
    names: names.length,
    distinct: new Set(names).size,
    tcvn3: { counted: tcvn3.counted, restored: tcvn3.restored, share: tcvn3.share },
    vni: { counted: vni.counted, restored: vni.restored, share: vni.share },
    unicodeChanged: changed,
    target: { share: 0.998, unicodeChanged: 0 },
    failures: { tcvn3: tcvn3.failures.slice(0, 30), vni: vni.failures.slice(0, 30) },
  };
  const path = writeResults('legacy-names', figures);
  printTable('legacy-names: realistic names restored from TCVN3 / VNI by normaliseName', [
    ['measure', 'value'],
    ['names (distinct)', `${names.length} (${figures.distinct})`],
    ['TCVN3 restored', `${tcvn3.restored}/${tcvn3.counted} = ${(100 * tcvn3.share).toFixed(2)}%`],
    ['VNI restored', `${vni.restored}/${vni.counted} = ${(100 * vni.share).toFixed(2)}%`],
    ['Unicode names changed', changed],
  ]);
  for (const [label, r] of [
    ['TCVN3', tcvn3],
    ['VNI', vni],
  ] as const)
    for (const [f, n] of r.failures.slice(0, 12)) process.stdout.write(`  ${label} ${n}× ${f}\n`);
  process.stdout.write(`  written to ${path}\n`);
  return figures;
}
