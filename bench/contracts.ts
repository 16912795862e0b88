/**
 * `npm run bench -- contracts`: Person records validated and normalised per second on one core, next
 * to a baseline measured in the same run (JSON.parse + JSON.stringify of the same records); medians of
 * five interleaved rounds.
 * Target: ≥ 20,000 records/s.
 */
import { contracts, validateWith } from '../contracts';
import { interleavedMedians, printTable, seeded, writeResults } from './lib';

const NAMES = [
  'Nguyễn Văn Hòa',
  'Trần Thị Thu Hà',
  'Lê Đức Thọ',
  'Phạm Ngọc Ánh',
  'Đặng Thùy Dương',
  'Bùi Xuân Phái',
  'Hoàng Thị Thuỷ',
];
const COMMUNES: [string, string][] = [
  ['00004', '2026-04-30'],
  ['00008', '2026-04-30'],
  ['00004', 'legacy'],
  ['00007', 'legacy'],
  ['25747', '2026-04-30'],
];
const PREFIXES = ['001', '031', '048', '074', '079', '092'];

/** 1,000 Person records in the mixed forms a hub receives: ISO and dd/MM/yyyy dates, NFD names, old phones
 * (0165…) and current mobiles (090–098, all allocated). */
export function personRecords(n = 1000): Record<string, unknown>[] {
  const rnd = seeded(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const pad = (v: number, w: number) => String(v).padStart(w, '0');
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const year = 1940 + Math.floor(rnd() * 80);
    const male = rnd() < 0.5;
    const g = Math.floor((year - 1900) / 100) * 2 + (male ? 0 : 1);
    const day = 1 + Math.floor(rnd() * 28);
    const month = 1 + Math.floor(rnd() * 12);
    const [code, catalogue] = pick(COMMUNES);
    const name = pick(NAMES);
    out.push({
      personalId: `${pick(PREFIXES)}${g}${pad(year % 100, 2)}${pad(Math.floor(rnd() * 1e6), 6)}`,
      fullName: i % 3 === 0 ? name.normalize('NFD') : name,
      dateOfBirth:
        i % 2 ? `${pad(day, 2)}/${pad(month, 2)}/${year}` : `${year}-${pad(month, 2)}-${pad(day, 2)}`,
      sex: male ? 'male' : 'female',
      ethnicity: 'Kinh',
      phone: i % 4 === 0 ? `0165${pad(Math.floor(rnd() * 1e7), 7)}` : `09${pad(Math.floor(rnd() * 9e7), 8)}`,
      email: `user${i}@example.vn`,
      permanentResidence: {
        houseNumber: String(1 + (i % 200)),
        street: 'Phố Hàng Bông',
        communeCode: code,
        catalogue,
      },
    });
  }
  return out;
}

export async function run(): Promise<Record<string, unknown>> {
  const records = personRecords();
  const def = contracts.get('person@1')!;
  const now = new Date();
  let invalid = 0;
  for (const r of records) if (!validateWith(def, r, { now }).ok) invalid++;
  if (invalid) throw new Error(`${invalid} benchmark records are invalid: fix the generator`);

  let i = 0;
  let j = 0;
  const { validate: recordsPerSecond, baseline: baselinePerSecond } = interleavedMedians({
    validate: () => {
      validateWith(def, records[i++ % records.length], { now });
      return 1;
    },
    baseline: () => {
      JSON.parse(JSON.stringify(records[j++ % records.length]));
      return 1;
    },
  });
  const figures = {
    records: records.length,
    recordsPerSecond: Math.round(recordsPerSecond),
    baselinePerSecond: Math.round(baselinePerSecond),
    ratioToBaseline: recordsPerSecond / baselinePerSecond,
    target: { recordsPerSecond: 20000 },
    meetsTarget: recordsPerSecond >= 20000,
  };
  const path = writeResults('contracts', figures);
  printTable('contracts: person@1 validate + normalise, one core', [
    ['measure', 'per second'],
    ['validate + normalise person@1', recordsPerSecond],
    ['baseline JSON.parse(JSON.stringify())', baselinePerSecond],
    ['ratio', recordsPerSecond / baselinePerSecond],
    ['target ≥ 20,000/s', figures.meetsTarget ? 'met' : 'NOT met'],
  ]);
  process.stdout.write(`  written to ${path}\n`);
  return figures;
}
