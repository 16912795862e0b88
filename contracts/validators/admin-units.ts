/**
 * Vietnamese administrative units (GSO codes: province 2 digits, district 3, commune 5) in two catalogues:
 * '2025-07-01' (34 provinces, 3,321 communes, no districts) and 'legacy' (63 provinces, 10,047 communes, before
 * the 1 July 2025 reform). Commune codes were reused with new meanings, so a code means nothing without its
 * catalogue: 00004 is Phường Trúc Bạch in 'legacy' and Phường Ba Đình in '2025-07-01'.
 *
 * Pure lookups over contracts/data/admin-units (built by build.ts there), read synchronously once at first use:
 * the current file on the first lookup of any kind, the legacy file on the first legacy lookup. Current units
 * are built at load; legacy units and mappings once per code, at its first lookup. Lookups are Map reads of
 * cached, frozen objects (shared between calls: do not mutate). Nothing here throws unless the shipped data
 * files are missing or corrupt.
 *
 * Legacy → current: an old commune went wholly into one new commune ('exact') or was split across several
 * ('ambiguous': all candidates are listed, none is chosen; the address decides). The mapping was built with
 * machine help and reviewed by hand upstream: a split is "one of these", not a certainty.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { invalid, valid, type Result } from './result';

export type Catalogue = '2025-07-01' | 'legacy';
export const CURRENT_CATALOGUE = '2025-07-01' as const;
const CATALOGUES: readonly Catalogue[] = [CURRENT_CATALOGUE, 'legacy'];

export interface Unit {
  code: string;
  /** Vietnamese name with its type word, e.g. 'Phường Ba Đình', 'Thành phố Hà Nội'. */
  name: string;
  /** English name, current catalogue only, e.g. 'Ba Dinh Ward'. */
  nameEn?: string;
  /** municipality | province | ward | commune | township (legacy) | special-zone | district (legacy islands) */
  type: string;
  /** For communes (and legacy island districts): the province in the same catalogue. */
  provinceCode?: string;
}

export type CommuneMapping =
  | { status: 'exact'; target: Unit }
  /** Never guess: every candidate is listed. Empty when the sources give no trustworthy successor (30622). */
  | { status: 'ambiguous'; candidates: Unit[] }
  | { status: 'unknown' };

export interface MergeSource {
  unit: Unit;
  /** 'full': the whole old unit went into this one; 'partial': only part of it (the rest went elsewhere). */
  type: 'full' | 'partial';
}

/** Where a legacy unit is now (province-only when the address has no commune). */
export type CurrentUnits =
  | {
      catalogue: '2025-07-01';
      status: 'exact';
      communeCode?: string;
      communeName?: string;
      provinceCode: string;
      provinceName: string;
    }
  | {
      catalogue: '2025-07-01';
      status: 'ambiguous';
      /** Set when every candidate lies in one province (always, with the current data). */
      provinceCode?: string;
      provinceName?: string;
      candidates: { communeCode: string; communeName: string }[];
    };

export interface AddressUnits {
  catalogue: Catalogue;
  communeCode?: string;
  communeName?: string;
  /** Derived from the commune when missing. */
  provinceCode?: string;
  provinceName?: string;
  legacyDistrictCode?: string;
  /** Only for legacy codes: where the unit is now. */
  current?: CurrentUnits;
}

type MergeType = MergeSource['type'];

interface DataFile {
  catalogue: string;
  provinceColumns: string[];
  communeColumns: unknown;
  provinces: string[][];
  /** Arrays in the current file; '|'-separated strings in the legacy file (faster to parse). */
  communes: unknown[];
  districts?: string[];
}

const DATA_DIR = path.join(__dirname, '..', 'data', 'admin-units');

function readData(
  file: string,
  catalogue: string,
  provinceColumns: string[],
  communeColumns: unknown,
): DataFile {
  const data = JSON.parse(readFileSync(path.join(DATA_DIR, file), 'utf8')) as DataFile;
  if (
    data.catalogue !== catalogue ||
    data.provinceColumns.join() !== provinceColumns.join() ||
    JSON.stringify(data.communeColumns) !== JSON.stringify(communeColumns)
  ) {
    throw new Error(`admin-units: ${file} does not have the expected layout; rebuild it with build.ts`);
  }
  return data;
}

function corrupt(what: string): never {
  throw new Error(`admin-units: inconsistent data (${what}); rebuild it with build.ts`);
}

const makeUnit = (
  code: string,
  name: string,
  nameEn: string | undefined,
  type: string,
  province?: string,
): Unit =>
  Object.freeze({
    code,
    name,
    ...(nameEn !== undefined && { nameEn }),
    type,
    ...(province !== undefined && { provinceCode: province }),
  });

interface CurrentTables {
  provinces: Map<string, Unit>;
  communes: Map<string, Unit>;
}

/** A legacy commune or island district, materialised on first use. */
interface LegacyEntry {
  unit: Unit;
  mapping: CommuneMapping;
  /** `current` of checkAddressUnits. */
  now: CurrentUnits;
}

type LegacyKind = 'communes' | 'districts';

interface LegacyTables {
  provinces: Map<string, Unit>;
  /** Legacy province → the current one, and checkAddressUnits' `current` for a province-only address. */
  provinceNow: Map<string, { unit: Unit; now: CurrentUnits }>;
  /** Rows by code, 'code|name|type|province' then '|currentCode|mergeType' per current unit it went into. */
  rows: Record<LegacyKind, Map<string, string>>;
  entries: Record<LegacyKind, Map<string, LegacyEntry>>;
  /** Current commune → the rows merged into it, built on the first mergedFrom(); then its result, per code. */
  mergeIndex?: Map<string, { kind: LegacyKind; code: string; type: MergeType }[]>;
  merged: Map<string, MergeSource[]>;
}

let currentTables: CurrentTables | undefined;
let legacyTables: LegacyTables | undefined;

/** The current catalogue: 3,355 units, built eagerly (this is the hot path). */
function current(): CurrentTables {
  if (currentTables) return currentTables;
  const data = readData(
    'current-2025-07-01.json',
    CURRENT_CATALOGUE,
    ['code', 'name', 'nameEn', 'type'],
    ['code', 'name', 'nameEn', 'type', 'provinceCode'],
  );
  const provinces = new Map<string, Unit>();
  for (const [code, name, nameEn, type] of data.provinces) {
    provinces.set(code, makeUnit(code, name, nameEn, type));
  }
  const communes = new Map<string, Unit>();
  for (const [code, name, nameEn, type, province] of data.communes as string[][]) {
    if (!provinces.has(province)) corrupt(`commune ${code}`);
    communes.set(code, makeUnit(code, name, nameEn, type, province));
  }
  return (currentTables = { provinces, communes });
}

/** The legacy catalogue: rows are indexed by code at load (build.ts checked them); entries are built on use. */
function legacy(): LegacyTables {
  if (legacyTables) return legacyTables;
  const now = current();
  const data = readData(
    'legacy-to-current.json',
    'legacy',
    ['code', 'name', 'type', 'currentProvinceCode'],
    'code|name|type|provinceCode|currentCode|mergeType|…',
  );
  const provinces = new Map<string, Unit>();
  const provinceNow = new Map<string, { unit: Unit; now: CurrentUnits }>();
  for (const [code, name, type, nowCode] of data.provinces) {
    const target = now.provinces.get(nowCode) ?? corrupt(`province ${code}`);
    provinces.set(code, makeUnit(code, name, undefined, type));
    provinceNow.set(code, {
      unit: target,
      now: Object.freeze({
        catalogue: CURRENT_CATALOGUE,
        status: 'exact',
        provinceCode: target.code,
        provinceName: target.name,
      }),
    });
  }
  const index = (rows: string[]): Map<string, string> =>
    new Map(rows.map((row) => [row.slice(0, row.indexOf('|')), row]));
  return (legacyTables = {
    provinces,
    provinceNow,
    rows: { communes: index(data.communes as string[]), districts: index(data.districts ?? []) },
    entries: { communes: new Map(), districts: new Map() },
    merged: new Map(),
  });
}

/** `current` for a legacy unit: exact, or every candidate with their common province (if they share one). */
function nowOf(targets: Unit[], provinceNow: Unit): CurrentUnits {
  const shared = new Set(targets.map((t) => t.provinceCode));
  const province =
    targets.length === 0
      ? provinceNow
      : shared.size === 1
        ? current().provinces.get(targets[0]!.provinceCode!)
        : undefined;
  if (targets.length === 1 && province) {
    return Object.freeze({
      catalogue: CURRENT_CATALOGUE,
      status: 'exact',
      communeCode: targets[0]!.code,
      communeName: targets[0]!.name,
      provinceCode: province.code,
      provinceName: province.name,
    });
  }
  const candidates = targets.map((t) => Object.freeze({ communeCode: t.code, communeName: t.name }));
  return Object.freeze({
    catalogue: CURRENT_CATALOGUE,
    status: 'ambiguous',
    ...(province && { provinceCode: province.code, provinceName: province.name }),
    candidates: Object.freeze(candidates) as (typeof candidates)[number][],
  });
}

function legacyEntry(kind: LegacyKind, code: string): LegacyEntry | undefined {
  const l = legacy();
  const cached = l.entries[kind].get(code);
  if (cached) return cached;
  const row = l.rows[kind].get(code);
  if (!row) return undefined;
  const [, name, type, province, ...pairs] = row.split('|');
  const targets: Unit[] = [];
  for (let i = 0; i < pairs.length; i += 2) targets.push(current().communes.get(pairs[i]) ?? corrupt(row));
  const provinceNow = l.provinceNow.get(province) ?? corrupt(row);
  const entry: LegacyEntry = {
    unit: makeUnit(code, name, undefined, type, province),
    mapping: Object.freeze(
      targets.length === 1
        ? { status: 'exact', target: targets[0]! }
        : { status: 'ambiguous', candidates: Object.freeze([...targets]) as Unit[] },
    ),
    now: nowOf(targets, provinceNow.unit),
  };
  l.entries[kind].set(code, entry);
  return entry;
}

export function lookupProvince(code: string, catalogue: Catalogue): Unit | undefined {
  if (catalogue === CURRENT_CATALOGUE) return current().provinces.get(code);
  return catalogue === 'legacy' ? legacy().provinces.get(code) : undefined;
}

export function lookupCommune(code: string, catalogue: Catalogue): Unit | undefined {
  if (catalogue === CURRENT_CATALOGUE) return current().communes.get(code);
  return catalogue === 'legacy' ? legacyEntry('communes', code)?.unit : undefined;
}

const UNKNOWN: CommuneMapping = Object.freeze({ status: 'unknown' });
const NONE = Object.freeze([]) as unknown as MergeSource[];

/** Where a legacy commune is now. 'unknown': not a legacy commune code. */
export function mapLegacyCommune(code: string): CommuneMapping {
  return legacyEntry('communes', code)?.mapping ?? UNKNOWN;
}

/** The current province a legacy province became (74 → 79, 77 → 79, 49 → 48…). */
export function mapLegacyProvince(code: string): Unit | undefined {
  return legacy().provinceNow.get(code)?.unit;
}

/** The legacy communes (or island district) a current commune came from, by code; [] for an unknown code. */
export function mergedFrom(currentCommuneCode: string): MergeSource[] {
  const l = legacy();
  const cached = l.merged.get(currentCommuneCode);
  if (cached) return cached;
  if (!l.mergeIndex) {
    l.mergeIndex = new Map();
    for (const kind of ['communes', 'districts'] as const) {
      for (const row of l.rows[kind].values()) {
        const [code, , , , ...pairs] = row.split('|');
        for (let i = 0; i < pairs.length; i += 2) {
          const list = l.mergeIndex.get(pairs[i]) ?? [];
          l.mergeIndex.set(pairs[i], list);
          list.push({ kind, code, type: pairs[i + 1] as MergeType });
        }
      }
    }
  }
  const sources = l.mergeIndex.get(currentCommuneCode);
  if (!sources) return NONE;
  const result = Object.freeze(
    sources.map((s) => Object.freeze({ unit: legacyEntry(s.kind, s.code)!.unit, type: s.type })),
  ) as MergeSource[];
  l.merged.set(currentCommuneCode, result);
  return result;
}

const FORMAT = { provinceCode: /^\d{2}$/, communeCode: /^\d{5}$/, legacyDistrictCode: /^\d{3}$/ } as const;

/** undefined and null both mean "not given". */
const given = (v: unknown): boolean => v !== undefined && v !== null;

/**
 * Validates the unit codes of an address and derives names and the mapping. Never throws.
 *
 * Errors, checked in this order: FIELD_NOT_IN_LIST {allowed} (catalogue), FIELD_FORMAT {field} (a code that is
 * not 2/3/5 digits), ADMIN_UNIT_CATALOGUE_REQUIRED (a code without catalogue), ADMIN_UNIT_DISTRICT_NOT_CURRENT,
 * ADMIN_UNIT_UNKNOWN {code, catalogue}, ADMIN_UNIT_PROVINCE_MISMATCH {commune, province}.
 * A legacy district code is checked for format only (the sources list no districts), except the five island
 * districts that had no communes: without a commune they give the province and the special zone they became.
 * Without any code the catalogue may be left out; it is then the current one. Idempotent: the output's code
 * fields and catalogue, fed back, give the same output.
 */
export function checkAddressUnits(a: {
  communeCode?: string;
  provinceCode?: string;
  catalogue?: string;
  legacyDistrictCode?: string;
}): Result<AddressUnits> {
  const input: Record<string, unknown> = a !== null && typeof a === 'object' ? a : {};
  const { catalogue } = input;
  if (given(catalogue) && !CATALOGUES.includes(catalogue as Catalogue)) {
    return invalid('FIELD_NOT_IN_LIST', { allowed: CATALOGUES.join(', ') });
  }
  const codes: { communeCode?: string; provinceCode?: string; legacyDistrictCode?: string } = {};
  for (const field of ['communeCode', 'provinceCode', 'legacyDistrictCode'] as const) {
    const v = input[field];
    if (!given(v)) continue;
    if (typeof v !== 'string' || !FORMAT[field].test(v)) return invalid('FIELD_FORMAT', { field });
    codes[field] = v;
  }
  const { communeCode, provinceCode, legacyDistrictCode } = codes;
  if (!given(catalogue)) {
    const anyCode =
      communeCode !== undefined || provinceCode !== undefined || legacyDistrictCode !== undefined;
    return anyCode ? invalid('ADMIN_UNIT_CATALOGUE_REQUIRED') : valid({ catalogue: CURRENT_CATALOGUE });
  }
  const cat = catalogue as Catalogue;
  if (legacyDistrictCode !== undefined && cat === CURRENT_CATALOGUE) {
    return invalid('ADMIN_UNIT_DISTRICT_NOT_CURRENT');
  }
  const isLegacy = cat === 'legacy';
  let commune: Unit | undefined;
  let now: CurrentUnits | undefined;
  if (communeCode !== undefined) {
    const entry = isLegacy ? legacyEntry('communes', communeCode) : undefined;
    commune = isLegacy ? entry?.unit : current().communes.get(communeCode);
    now = entry?.now;
    if (!commune) return invalid('ADMIN_UNIT_UNKNOWN', { code: communeCode, catalogue: cat });
  }
  const provinces = isLegacy ? legacy().provinces : current().provinces;
  const givenProvince = provinceCode === undefined ? undefined : provinces.get(provinceCode);
  if (provinceCode !== undefined && !givenProvince) {
    return invalid('ADMIN_UNIT_UNKNOWN', { code: provinceCode, catalogue: cat });
  }
  // An island district (no communes) stands in for the commune.
  const island =
    isLegacy && !commune && legacyDistrictCode ? legacyEntry('districts', legacyDistrictCode) : undefined;
  const inside = commune ?? island?.unit;
  if (inside && givenProvince && inside.provinceCode !== givenProvince.code) {
    return invalid('ADMIN_UNIT_PROVINCE_MISMATCH', { commune: inside.code, province: givenProvince.code });
  }
  const province = givenProvince ?? (inside && provinces.get(inside.provinceCode!));
  if (isLegacy) now ??= island?.now ?? (province && legacy().provinceNow.get(province.code)!.now);

  const out: AddressUnits = { catalogue: cat };
  if (commune) Object.assign(out, { communeCode: commune.code, communeName: commune.name });
  if (province) Object.assign(out, { provinceCode: province.code, provinceName: province.name });
  if (legacyDistrictCode !== undefined) out.legacyDistrictCode = legacyDistrictCode;
  if (now) out.current = now;
  return valid(out);
}
