/**
 * Helpers shared by the administrative-unit build (build.ts): checks that fail the build, unit names and their
 * type word, the name key used to compare names across sources, the correction tables and the diff-friendly
 * JSON writer.
 */

export type MergeType = 'full' | 'partial';

export interface Named {
  name: string;
  type: string;
}

/** Name prefixes (the unit-type word) and the type each stands for. Matched case-insensitively. */
export const PREFIXES: [string, string][] = [
  ['Thành phố', 'municipality'],
  ['Tỉnh', 'province'],
  ['Phường', 'ward'],
  ['Xã', 'commune'],
  ['Thị trấn', 'township'],
  ['Đặc khu', 'special-zone'],
  ['Huyện', 'district'],
];

export function need(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(`admin-units build: ${message}`);
}

export function str(v: unknown, what: string): string {
  need(typeof v === 'string', `${what} is not a string`);
  return v;
}

export function arr(v: unknown, what: string): Record<string, unknown>[] {
  need(Array.isArray(v), `${what} is not an array`);
  return v as Record<string, unknown>[];
}

/** Tally of the name fixes applied, printed by the build. */
export const fixes = { whitespace: 0, prefixCase: 0 };

/** NFC, trimmed, single spaces, canonical type prefix; the type comes from the prefix. `count`: tally fixes. */
export function named(raw: string, count = false): Named {
  const clean = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (count && clean !== raw) fixes.whitespace++;
  for (const [prefix, type] of PREFIXES) {
    if (clean.toLowerCase().startsWith(`${prefix.toLowerCase()} `)) {
      if (count && !clean.startsWith(prefix)) fixes.prefixCase++;
      return { name: prefix + clean.slice(prefix.length), type };
    }
  }
  throw new Error(`admin-units build: no known unit type in name "${raw}"`);
}

/**
 * Key to compare names across sources (tone placement, apostrophes, case differ): letters and digits only,
 * without the type word — so that `Xã Long Thành` and `Phường Long Thành` (one unit, retyped) compare equal.
 */
export function nameKey(name: string): string {
  const prefix = PREFIXES.find(([p]) => name.startsWith(`${p} `));
  const rest = prefix ? name.slice(prefix[0].length + 1) : name;
  return rest
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/đ/gi, 'd')
    .toLowerCase();
}

/** Applies a table of [wrong, right, reason] code fixes and reports the ones that never applied. */
export function fixer(table: [string, string, string][]): {
  fix: (code: string) => string;
  unused: () => string[];
} {
  const used = new Set<string>();
  const byWrong = new Map(table.map(([wrong, right]) => [wrong, right]));
  return {
    fix: (code) => {
      const right = byWrong.get(code);
      if (right === undefined) return code;
      used.add(code);
      return right;
    },
    unused: () => table.map(([wrong]) => wrong).filter((w) => !used.has(w)),
  };
}

/** How many units of each type: `{ ward: 687, commune: 2621, … }`, keys sorted. */
export function countByType(units: Iterable<{ type: string }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const u of units) counts[u.type] = (counts[u.type] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

export const byCode = (a: unknown[], b: unknown[]): number => String(a[0]).localeCompare(String(b[0]));

export const explain = (table: [string, string, string][], verb: string): string[] =>
  table.map(([a, b, why]) => `${verb} ${a} → ${b}: ${why}`);

/** One JSON object: each header member on a line, then each table with one row per line (diff-friendly). */
export function json(header: Record<string, unknown>, tables: Record<string, unknown[]>): string {
  const members = Object.entries(header).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  for (const [k, xs] of Object.entries(tables)) {
    members.push(`${JSON.stringify(k)}: [\n${xs.map((x) => JSON.stringify(x)).join(',\n')}\n]`);
  }
  return `{\n${members.join(',\n')}\n}\n`;
}
