/**
 * The contracts part of the demo: a batch of records in the dialect of an old one-stop system
 * (dd/MM/yyyy dates, NFD or TCVN3 names, pre-2025 commune codes, 11-digit phones) run through
 * person@1; prints each record's normalised form or the problems found, then a summary.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contracts, validateWith } from '../../contracts';

export interface ContractsDemoResult {
  total: number;
  valid: number;
  invalid: number;
  changedFields: number;
  ambiguousAddresses: number;
}

type Rec = Record<string, unknown>;

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v));

/** Lists the fields whose value normalisation changed, as `field: before → after`. */
function changes(before: Rec, after: Rec, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(after)) {
    const path = prefix ? `${prefix}.${k}` : k;
    const was = before?.[k];
    if (v && typeof v === 'object' && !Array.isArray(v) && was && typeof was === 'object') {
      out.push(...changes(was as Rec, v as Rec, path));
    } else if (was === undefined) {
      if (!['fullNameOriginal', 'fullNameSearchKey', 'nationality', 'status'].includes(k))
        out.push(`${path}: + ${show(v)}`);
    } else if (JSON.stringify(was) !== JSON.stringify(v)) {
      const nfdOnly = typeof was === 'string' && was.normalize('NFC') === v;
      out.push(`${path}: ${show(was)} → ${show(v)}${nfdOnly ? '  (decomposed NFD → NFC)' : ''}`);
    }
  }
  return out;
}

export function runContractsDemo(
  write: (line: string) => void = (l) => process.stdout.write(l + '\n'),
): ContractsDemoResult {
  const records = JSON.parse(readFileSync(join(__dirname, 'legacy-records.json'), 'utf8')) as {
    note: string;
    record: Rec;
  }[];
  const def = contracts.get('person@1')!;
  const result: ContractsDemoResult = {
    total: records.length,
    valid: 0,
    invalid: 0,
    changedFields: 0,
    ambiguousAddresses: 0,
  };
  write(
    `Contracts: ${records.length} records from a legacy one-stop system, validated and normalised against ${def.id}\n`,
  );
  records.forEach(({ note, record }, i) => {
    const r = validateWith(def, record);
    const head = `#${String(i + 1).padStart(2)} ${note}`;
    if (!r.ok) {
      result.invalid++;
      write(`${head}\n    ✗ ${r.problem.errors?.length ?? 0} problem(s):`);
      for (const e of r.problem.errors ?? [])
        write(`      ${e.path} [${e.code}] ${e.message} / ${e.messageVi}`);
      return;
    }
    result.valid++;
    const diff = changes(record, r.value);
    result.changedFields += diff.length;
    write(`${head}\n    ✓ valid; normalised ${diff.length} field(s):`);
    for (const d of diff) write(`      ${d}`);
    const current = (r.value.permanentResidence as Rec | undefined)?.current as Rec | undefined;
    if (current?.status === 'ambiguous') {
      result.ambiguousAddresses++;
      const c = (current.candidates as Rec[]).map((x) => `${x.communeCode} ${x.communeName}`).join(' | ');
      write(`      ! old commune was split: the new one is one of ${c} — left to a person, never guessed`);
    }
  });
  write(
    `\nSummary: ${result.total} records, ${result.valid} valid, ${result.invalid} refused with reasons, ` +
      `${result.changedFields} field values normalised, ${result.ambiguousAddresses} address(es) needing a person to choose the new commune.`,
  );
  return result;
}
