/**
 * Builds the compact administrative-unit files that contracts/validators/admin-units.ts loads, from the
 * shared source data (see README.md here for sources and licenses), one file per catalogue, each labelled by
 * the date it reflects:
 *
 * - units-2026-04-30.json: the units snapshot — 34 provinces and 3,321 communes as of the last change it holds
 *   (Đồng Nai a city and 10 of its communes wards, in effect from 30 April 2026). See build-units.ts.
 * - units-2025-07-01.json: the same 3,321 codes as the reform created them on 1 July 2025 (from the new → old
 *   mapping file; the build proves the snapshot is this plus the listed changes). See build-units.ts.
 * - legacy-to-2025-07-01.json: the 63 pre-reform provinces and 10,047 communes (plus 5 island districts that
 *   had no communes), each with the 2025-07-01 unit(s) it became and the merge type (full / partial). Rows
 *   are '|'-separated strings so that the file parses fast. See build-legacy.ts.
 *
 * The build is deterministic (rows sorted by code, fixed key order), applies a short, documented list of
 * corrections, and fails on any inconsistency between the three sources or any change of the counts. It also
 * copies the license files.
 *
 * Usage: npx tsx contracts/data/admin-units/build.ts [sourceDir] [--check]
 *   sourceDir defaults to the nearest shared/data/admin-units above the repository; --check writes nothing and exits
 *   with 1 when a committed file differs from what the sources give.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { byCode, countByType, explain, fixer, fixes, json, need } from './build-common';
import { legacyCatalogue } from './build-legacy';
import { CHANGES, REFORM, reformCatalogue, snapshotCatalogue, type UnitCatalogue } from './build-units';

const SOURCES = {
  units: 'units-2026.json',
  splits: 'old-to-new-2025-07-01.json',
  merges: 'new-to-old-2025-07-01.json',
} as const;
const LICENSES = ['LICENSE-units-2026', 'LICENSE-mapping-2025-07-01'];

/**
 * Expected sizes by unit type: the build fails if a source update changes them unnoticed. 2025-07-01 is the
 * published state of the reform (2,621 communes, 687 wards, 13 special zones).
 */
const COUNTS = {
  '2025-07-01': {
    provinces: { municipality: 6, province: 28 },
    communes: { commune: 2621, 'special-zone': 13, ward: 687 },
  },
  '2026-04-30': {
    provinces: { municipality: 7, province: 27 },
    communes: { commune: 2611, 'special-zone': 13, ward: 697 },
  },
  legacy: {
    provinces: 63,
    communes: { commune: 7704, township: 617, ward: 1726 },
    districts: 5,
    split: 460,
  },
};

/** Current codes fixed in the units snapshot (units-2026.json): [wrong, right, reason]. */
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

/**
 * Legacy commune (and district) rows are strings of '|'-separated fields, which parse several times faster than
 * nested arrays: after the province, each 2025-07-01 unit the old one went into and the merge type.
 */
const LEGACY_COMMUNE_COLUMNS = 'code|name|type|provinceCode|currentCode|mergeType|…';

/** Rows of a post-reform catalogue file. */
function unitTables(c: UnitCatalogue): Record<string, unknown[]> {
  return {
    provinces: [...c.provinces.values()].map((u) => [u.code, u.name, u.nameEn, u.type]).sort(byCode),
    communes: [...c.communes.values()]
      .map((u) => [u.code, u.name, u.nameEn, u.type, u.provinceCode])
      .sort(byCode),
  };
}

const UNIT_COLUMNS = {
  provinceColumns: ['code', 'name', 'nameEn', 'type'],
  communeColumns: ['code', 'name', 'nameEn', 'type', 'provinceCode'],
};

function build(sourceDir: string): Map<string, string> {
  const raw = (file: string): string => readFileSync(path.join(sourceDir, file), 'utf8');
  const sha = (file: string) => ({ file, sha256: createHash('sha256').update(raw(file)).digest('hex') });
  const unitFix = fixer(UNIT_CODE_FIXES);
  const mapFix = fixer(MAPPING_CODE_FIXES);
  const dropped = new Set(MAPPING_DROPS.map(([o, n]) => `${o}>${n}`));
  const merges: unknown = JSON.parse(raw(SOURCES.merges));

  const snapshot = snapshotCatalogue(JSON.parse(raw(SOURCES.units)), unitFix);
  const reform = reformCatalogue(merges, snapshot, mapFix);
  const legacy = legacyCatalogue(JSON.parse(raw(SOURCES.splits)), merges, reform, mapFix, dropped);
  need(unitFix.unused().length === 0, `unit fixes no longer needed: ${unitFix.unused().join(', ')}`);
  need(mapFix.unused().length === 0, `mapping fixes no longer needed: ${mapFix.unused().join(', ')}`);

  const counts = {
    [reform.catalogue]: {
      provinces: countByType(reform.provinces.values()),
      communes: countByType(reform.communes.values()),
    },
    [snapshot.catalogue]: {
      provinces: countByType(snapshot.provinces.values()),
      communes: countByType(snapshot.communes.values()),
    },
    legacy: {
      provinces: legacy.provinces.length,
      communes: countByType(legacy.communes.map(([, , type]) => ({ type: type! }))),
      districts: legacy.districts.length,
      split: legacy.split,
    },
  };
  need(JSON.stringify(counts) === JSON.stringify(COUNTS), `counts ${JSON.stringify(counts)}`);

  const reformFile = json(
    {
      catalogue: reform.catalogue,
      reflects:
        'The units created by the 1 July 2025 reform (Decision 19/2025/QĐ-TTg and the reorganisation ' +
        'resolutions), as on that day. Names, types and provinces from the new → old mapping file; English ' +
        'names from the units snapshot, with the type word of units retyped since put back.',
      sources: [sha(SOURCES.merges), sha(SOURCES.units)],
      corrections: explain(MAPPING_CODE_FIXES, 'mapped code'),
      counts: counts[reform.catalogue],
      ...UNIT_COLUMNS,
    },
    unitTables(reform),
  );
  const snapshotFile = json(
    {
      catalogue: snapshot.catalogue,
      reflects:
        `The units in force from ${snapshot.catalogue}: the ${REFORM} catalogue plus the changes listed ` +
        'here (same codes, same provinces). From a units snapshot generated on 2026-07-25; changes that took ' +
        'effect after it are not in it.',
      changesSince: CHANGES,
      sources: [sha(SOURCES.units)],
      corrections: explain(UNIT_CODE_FIXES, 'current code'),
      counts: counts[snapshot.catalogue],
      ...UNIT_COLUMNS,
    },
    unitTables(snapshot),
  );
  const legacyFile = json(
    {
      catalogue: 'legacy',
      mapsTo: reform.catalogue,
      sources: [sha(SOURCES.splits), sha(SOURCES.merges)],
      corrections: [...explain(MAPPING_CODE_FIXES, 'mapped code'), ...explain(MAPPING_DROPS, 'dropped pair')],
      counts: counts.legacy,
      provinceColumns: ['code', 'name', 'type', 'currentProvinceCode'],
      communeColumns: LEGACY_COMMUNE_COLUMNS,
    },
    {
      provinces: legacy.provinces.sort(byCode),
      communes: legacy.communes.sort(byCode).map((row) => row.join('|')),
      districts: legacy.districts.sort(byCode).map((row) => row.join('|')),
    },
  );

  const out = new Map<string, string>([
    [`units-${reform.catalogue}.json`, reformFile],
    [`units-${snapshot.catalogue}.json`, snapshotFile],
    [`legacy-to-${reform.catalogue}.json`, legacyFile],
  ]);
  for (const file of LICENSES) out.set(file, raw(file));
  console.log(`admin-units: ${JSON.stringify(counts)}; name fixes ${JSON.stringify(fixes)}`);
  return out;
}

/** The nearest shared/data/admin-units above the repository (/work/shared for /work/main and its worktrees). */
function defaultSourceDir(): string {
  const repo = path.resolve(__dirname, '../../..');
  for (let dir = path.dirname(repo); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'data', 'admin-units');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.join(path.dirname(repo), 'shared', 'data', 'admin-units');
  }
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const sourceDir = argv.find((a) => !a.startsWith('--')) ?? defaultSourceDir();
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
