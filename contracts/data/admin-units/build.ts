/**
 * Builds the compact administrative-unit files that contracts/validators/admin-units.ts loads, from the
 * shared source data (see README.md here for sources and licenses):
 *
 * - current-2025-07-01.json: the 34 provinces and 3,321 communes in force since 1 July 2025.
 * - legacy-to-current.json: the 63 pre-reform provinces and 10,047 communes (plus 5 island districts that had
 *   no communes), each with the current unit(s) it became and the merge type (full / partial). Their rows are
 *   '|'-separated strings so that the file parses fast.
 *
 * The build is deterministic (rows sorted by code, fixed key order), applies a short, documented list of
 * corrections, and fails on any inconsistency between the three sources. It also copies the license files.
 *
 * Usage: npx tsx contracts/data/admin-units/build.ts [sourceDir] [--check]
 *   sourceDir defaults to ../shared/data/admin-units beside the repository; --check writes nothing and exits
 *   with 1 when a committed file differs from what the sources give.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const SOURCES = {
  units: 'units-2026.json',
  splits: 'old-to-new-2025-07-01.json',
  merges: 'new-to-old-2025-07-01.json',
} as const;
const LICENSES = ['LICENSE-units-2026', 'LICENSE-mapping-2025-07-01'];

/** Expected sizes: the build fails if a source update changes them unnoticed. */
const COUNTS = {
  provinces: 34,
  communes: 3321,
  legacyProvinces: 63,
  legacyCommunes: 10047,
  legacySplit: 460,
};

/** Current codes fixed in units-2026.json: [wrong, right, reason]. */
const UNIT_CODE_FIXES: [string, string, string][] = [
  [
    '06978',
    '06970',
    'Xã Ba Chẽ (Quảng Ninh) is 06970 in the GSO catalogue and both mapping files; the units source had remapped ' +
      'it to 06978 and fixed that upstream later (thanglequoc/vietnamese-provinces-database#197, #202).',
  ],
];

/** Current codes fixed in both mapping files: [wrong, right, reason]. */
const MAPPING_CODE_FIXES: [string, string, string][] = [
  [
    '23737',
    '23938',
    'Xã Ia Mơ (Gia Lai) was not reorganised and kept its code 23938 (units source agrees); the mapping gave it ' +
      '23737, the old code of Xã Ia Mơ Nông.',
  ],
];

/** Old → new pairs dropped from both mapping files: [old, new, reason]. */
const MAPPING_DROPS: [string, string, string][] = [
  [
    '30622',
    '30259',
    'Xã Tân Phú of old An Giang (89) was mapped to Xã Tân Phú Trung of Đồng Tháp (82), outside the successor of ' +
      'its province (89 → 91), apparently confused with old 30274 Xã Tân Phú of Đồng Tháp (dvhcvn/20250701#3). ' +
      'Its current commune is left undetermined (no candidate).',
  ],
];

/** Name prefixes (the unit-type word) and the type each stands for. Matched case-insensitively. */
const PREFIXES: [string, string][] = [
  ['Thành phố', 'municipality'],
  ['Tỉnh', 'province'],
  ['Phường', 'ward'],
  ['Xã', 'commune'],
  ['Thị trấn', 'township'],
  ['Đặc khu', 'special-zone'],
  ['Huyện', 'district'],
];

type MergeType = 'full' | 'partial';

/**
 * Legacy commune (and district) rows are strings of '|'-separated fields, which parse several times faster than
 * nested arrays: after the province, each current unit the old one went into and the merge type.
 */
const LEGACY_COMMUNE_COLUMNS = 'code|name|type|provinceCode|currentCode|mergeType|…';

interface Named {
  name: string;
  type: string;
}

function need(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(`admin-units build: ${message}`);
}

function str(v: unknown, what: string): string {
  need(typeof v === 'string', `${what} is not a string`);
  return v;
}

function arr(v: unknown, what: string): Record<string, unknown>[] {
  need(Array.isArray(v), `${what} is not an array`);
  return v as Record<string, unknown>[];
}

const fixes = { whitespace: 0, prefixCase: 0 };

/** NFC, trimmed, single spaces, canonical type prefix; the type comes from the prefix. `count`: tally fixes. */
function named(raw: string, count = false): Named {
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

/** Key to compare names across sources (tone placement, apostrophes, case differ): letters and digits only. */
function nameKey(name: string): string {
  const prefix = PREFIXES.find(([p]) => name.startsWith(`${p} `));
  const rest = prefix ? name.slice(prefix[0].length + 1) : name;
  return rest
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/đ/gi, 'd')
    .toLowerCase();
}

function fixer(table: [string, string, string][]): { fix: (code: string) => string; unused: () => string[] } {
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

function build(sourceDir: string): Map<string, string> {
  const raw = (file: string): string => readFileSync(path.join(sourceDir, file), 'utf8');
  const sources = Object.values(SOURCES).map((file) => ({
    file,
    sha256: createHash('sha256').update(raw(file)).digest('hex'),
  }));
  const unitFix = fixer(UNIT_CODE_FIXES);
  const mapFix = fixer(MAPPING_CODE_FIXES);
  const dropped = new Set(MAPPING_DROPS.map(([o, n]) => `${o}>${n}`));
  const droppedSeen = new Set<string>();

  // Current catalogue.
  const provinces = new Map<string, Named & { code: string; nameEn: string }>();
  const communes = new Map<string, Named & { code: string; nameEn: string; provinceCode: string }>();
  for (const p of arr(JSON.parse(raw(SOURCES.units)), 'units')) {
    const code = str(p.Code, 'province code');
    need(/^\d{2}$/.test(code) && !provinces.has(code), `bad or duplicate province ${code}`);
    const n = named(str(p.FullName, `name of ${code}`), true);
    need(n.type === named(`${str(p.AdministrativeUnitShortName, code)} x`).type, `type of ${code}`);
    provinces.set(code, { code, ...n, nameEn: str(p.FullNameEn, `English name of ${code}`).trim() });
    for (const w of arr(p.Wards, `communes of ${code}`)) {
      const wCode = unitFix.fix(str(w.Code, 'commune code'));
      need(/^\d{5}$/.test(wCode) && !communes.has(wCode), `bad or duplicate commune ${wCode}`);
      need(w.ProvinceCode === code, `commune ${wCode} lists province ${String(w.ProvinceCode)}, not ${code}`);
      const wn = named(str(w.FullName, `name of ${wCode}`), true);
      need(wn.type === named(`${str(w.AdministrativeUnitShortName, wCode)} x`).type, `type of ${wCode}`);
      const nameEn = str(w.FullNameEn, `English name of ${wCode}`).trim();
      communes.set(wCode, { code: wCode, ...wn, nameEn, provinceCode: code });
    }
  }

  // Reverse mapping: merge type of each old → new pair, province merges.
  const mergeType = new Map<string, MergeType>();
  const oldNames = new Map<string, string>();
  const provinceMergedInto = new Map<string, string>();
  for (const p of arr((JSON.parse(raw(SOURCES.merges)) as { data: unknown }).data, 'merges')) {
    const pCode = str(p.level1_id, 'merged province');
    for (const m of arr(p.merges, `merges of ${pCode}`)) {
      need(
        m.type === 'full' && !provinceMergedInto.has(str(m.old_id, 'old province')),
        `province merge ${pCode}`,
      );
      provinceMergedInto.set(m.old_id as string, pCode);
    }
    for (const c of arr(p.level2s, `communes of ${pCode}`)) {
      const cCode = mapFix.fix(str(c.level2_id, 'merged commune'));
      const unit = communes.get(cCode);
      need(unit && unit.provinceCode === pCode, `merge target ${cCode} is not a current commune of ${pCode}`);
      need(nameKey(named(str(c.name, cCode)).name) === nameKey(unit.name), `name of ${cCode} differs`);
      for (const m of arr(c.merges, `merges of ${cCode}`)) {
        const key = `${str(m.old_id, 'old commune')}>${cCode}`;
        need(m.type === 'full' || m.type === 'partial', `merge type of ${key}`);
        need(!mergeType.has(key), `duplicate merge ${key}`);
        oldNames.set(m.old_id as string, nameKey(named(str(m.name, key)).name));
        if (dropped.has(key)) droppedSeen.add(`r:${key}`);
        else mergeType.set(key, m.type);
      }
    }
  }
  need(mergeType.size > 0, 'no merges');

  // Forward mapping: legacy provinces, communes and island districts with their current targets.
  const legacyProvinces: unknown[][] = [];
  const legacyCommunes: string[][] = [];
  const legacyDistricts: string[][] = [];
  const pairsSeen = new Set<string>();
  const seenOld = new Set<string>();
  let split = 0;
  for (const p of arr((JSON.parse(raw(SOURCES.splits)) as { data: unknown }).data, 'splits')) {
    const code = str(p.level1_id, 'legacy province');
    need(/^\d{2}$/.test(code) && !seenOld.has(`p${code}`), `bad or duplicate legacy province ${code}`);
    seenOld.add(`p${code}`);
    const targets = arr(p.splits, `successor of ${code}`);
    const successor = str(targets[0]?.new_id, `successor of ${code}`);
    need(
      targets.length === 1 && provinces.has(successor),
      `legacy province ${code} must map to one province`,
    );
    need(provinceMergedInto.get(code) === successor, `province ${code}: mapping files disagree`);
    const pn = named(str(p.name, `name of ${code}`), true);
    legacyProvinces.push([code, pn.name, pn.type, successor]);
    const units: [Record<string, unknown>[], string, RegExp, string[][]][] = [
      [arr(p.level3s, `communes of ${code}`), 'level3_id', /^\d{5}$/, legacyCommunes],
      [arr(p.level2s ?? [], `districts of ${code}`), 'level2_id', /^\d{3}$/, legacyDistricts],
    ];
    for (const [list, idKey, format, out] of units) {
      for (const c of list) {
        const cCode = str(c[idKey], `legacy unit of ${code}`);
        need(format.test(cCode) && !seenOld.has(cCode), `bad or duplicate legacy unit ${cCode}`);
        seenOld.add(cCode);
        const current: [string, MergeType][] = [];
        for (const s of arr(c.splits, `successors of ${cCode}`)) {
          const target = mapFix.fix(str(s.new_id, `successor of ${cCode}`));
          const key = `${cCode}>${target}`;
          if (dropped.has(key)) {
            droppedSeen.add(`f:${key}`);
            continue;
          }
          const type = mergeType.get(key);
          need(type !== undefined, `pair ${key} is missing from the reverse mapping`);
          need(
            communes.get(target)?.provinceCode === successor,
            `${key} leaves the successor of province ${code}`,
          );
          need(
            nameKey(named(str(s.name, key)).name) === nameKey(communes.get(target)!.name),
            `name of ${target}`,
          );
          need(!pairsSeen.has(key), `duplicate pair ${key}`);
          pairsSeen.add(key);
          current.push([target, type]);
        }
        need(current.length > 0 || MAPPING_DROPS.some(([o]) => o === cCode), `${cCode} has no successor`);
        if (current.length > 1) split++;
        const cn = named(str(c.name, `name of ${cCode}`), true);
        need(oldNames.get(cCode) === nameKey(cn.name), `the mapping files name ${cCode} differently`);
        need(!cn.name.includes('|'), `name of ${cCode} contains |`);
        out.push([cCode, cn.name, cn.type, code, ...current.sort((a, b) => a[0].localeCompare(b[0])).flat()]);
      }
    }
  }

  // Cross-checks: both mapping files hold the same pairs, every correction applied, counts as expected.
  need(pairsSeen.size === mergeType.size, `forward ${pairsSeen.size} vs reverse ${mergeType.size} pairs`);
  for (const key of mergeType.keys())
    need(pairsSeen.has(key), `pair ${key} is missing from the forward mapping`);
  need(unitFix.unused().length === 0, `unit fixes no longer needed: ${unitFix.unused().join(', ')}`);
  need(mapFix.unused().length === 0, `mapping fixes no longer needed: ${mapFix.unused().join(', ')}`);
  need(droppedSeen.size === 2 * dropped.size, 'a dropped pair is no longer in both mapping files');
  const targeted = new Set([...pairsSeen].map((k) => k.split('>')[1]));
  need(targeted.size === communes.size, 'a current commune has no legacy predecessor');
  const counts = {
    provinces: provinces.size,
    communes: communes.size,
    legacyProvinces: legacyProvinces.length,
    legacyCommunes: legacyCommunes.length,
    legacySplit: split,
  };
  need(JSON.stringify(counts) === JSON.stringify(COUNTS), `counts ${JSON.stringify(counts)}`);

  const byCode = (a: unknown[], b: unknown[]): number => String(a[0]).localeCompare(String(b[0]));
  const explain = (table: [string, string, string][], verb: string): string[] =>
    table.map(([a, b, why]) => `${verb} ${a} → ${b}: ${why}`);
  /** One JSON object: each header member on a line, then each table with one row per line (diff-friendly). */
  const json = (header: Record<string, unknown>, tables: Record<string, unknown[]>): string => {
    const members = Object.entries(header).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
    for (const [k, xs] of Object.entries(tables)) {
      members.push(`${JSON.stringify(k)}: [\n${xs.map((x) => JSON.stringify(x)).join(',\n')}\n]`);
    }
    return `{\n${members.join(',\n')}\n}\n`;
  };
  const current = json(
    {
      catalogue: '2025-07-01',
      sources: sources.filter((x) => x.file === SOURCES.units),
      corrections: explain(UNIT_CODE_FIXES, 'current code'),
      provinceColumns: ['code', 'name', 'nameEn', 'type'],
      communeColumns: ['code', 'name', 'nameEn', 'type', 'provinceCode'],
    },
    {
      provinces: [...provinces.values()].map((u) => [u.code, u.name, u.nameEn, u.type]).sort(byCode),
      communes: [...communes.values()]
        .map((u) => [u.code, u.name, u.nameEn, u.type, u.provinceCode])
        .sort(byCode),
    },
  );
  const legacy = json(
    {
      catalogue: 'legacy',
      currentCatalogue: '2025-07-01',
      sources,
      corrections: [
        ...explain(UNIT_CODE_FIXES, 'current code'),
        ...explain(MAPPING_CODE_FIXES, 'mapped code'),
        ...explain(MAPPING_DROPS, 'dropped pair'),
      ],
      provinceColumns: ['code', 'name', 'type', 'currentProvinceCode'],
      communeColumns: LEGACY_COMMUNE_COLUMNS,
    },
    {
      provinces: legacyProvinces.sort(byCode),
      communes: legacyCommunes.sort(byCode).map((row) => row.join('|')),
      districts: legacyDistricts.sort(byCode).map((row) => row.join('|')),
    },
  );

  const out = new Map<string, string>([
    ['current-2025-07-01.json', current],
    ['legacy-to-current.json', legacy],
  ]);
  for (const file of LICENSES) out.set(file, raw(file));
  console.log(`admin-units: ${JSON.stringify(counts)}; name fixes ${JSON.stringify(fixes)}`);
  return out;
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const sourceDir =
    argv.find((a) => !a.startsWith('--')) ?? path.resolve(__dirname, '../../../../shared/data/admin-units');
  let stale = 0;
  for (const [file, text] of build(sourceDir)) {
    const target = path.join(__dirname, file);
    if (!check) writeFileSync(target, text);
    else if (!existsSync(target) || readFileSync(target, 'utf8') !== text) {
      console.error(`admin-units: ${file} is out of date`);
      stale++;
    }
  }
  return stale === 0 ? 0 : 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
