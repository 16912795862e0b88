/** `lienthong validate` and `lienthong contracts`: the contracts from the command line. */
import type { Command } from 'commander';
import { contracts, problem, validateWith } from '../../../contracts';
import { printJson, readInput } from '../io';

export function registerContractCommands(program: Command): void {
  program
    .command('validate')
    .description(
      'Validate and normalise a record (or a JSON array of records) against a contract. Prints the normalised record and exits 0, or the problem document and exits 1.',
    )
    .argument('<contract>', 'contract id, e.g. person@1 (a bare name means the newest version)')
    .argument('[file]', "JSON file to read; '-' or nothing reads standard input")
    .option('--now <iso>', 'clock for "not in the future" rules (ISO 8601)')
    .action((ref: string, file: string | undefined, opts: { now?: string }) => {
      const def = contracts.resolve(ref);
      if (!def) {
        printJson(problem('CONTRACT_UNKNOWN', { contract: ref }));
        process.exitCode = 2;
        return;
      }
      const now = opts.now ? new Date(opts.now) : undefined;
      if (now && Number.isNaN(now.getTime())) {
        console.error(`--now: not a date: ${opts.now}`);
        process.exitCode = 2;
        return;
      }
      let input: unknown;
      try {
        input = JSON.parse(readInput(file));
      } catch (err) {
        const detail = err instanceof Error ? err.message : String(err);
        printJson(problem('INPUT_NOT_JSON', {}, { detail }));
        process.exitCode = 1;
        return;
      }
      if (Array.isArray(input)) {
        const results = input.map((item, index) => {
          const r = validateWith(def, item, { now, instance: `#/${index}` });
          return r.ok ? { index, ok: true, value: r.value } : { index, ok: false, problem: r.problem };
        });
        const invalid = results.filter((r) => !r.ok).length;
        printJson({
          contract: def.id,
          total: results.length,
          valid: results.length - invalid,
          invalid,
          results,
        });
        process.exitCode = invalid ? 1 : 0;
        return;
      }
      const r = validateWith(def, input, { now });
      printJson(r.ok ? r.value : r.problem);
      process.exitCode = r.ok ? 0 : 1;
    });

  program
    .command('contracts')
    .description('List the contracts and their versions')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      const list = contracts.list().map((d) => ({
        id: d.id,
        title: d.title,
        type: d.typeName,
        upgradesFrom: d.upgrade?.from,
      }));
      if (opts.json) return printJson(list);
      const width = Math.max(...list.map((c) => c.id.length));
      for (const c of list) {
        const up = c.upgradesFrom ? `  (upgrades from ${c.upgradesFrom})` : '';
        process.stdout.write(`${c.id.padEnd(width)}  ${c.title}${up}\n`);
      }
    });
}
