/**
 * The `legacy` catalogue (63 provinces, 10,047 communes and 5 island districts without communes, before the
 * 1 July 2025 reform) and where each of its units went.
 *
 * The mapping (contracts/data/admin-units/legacy-to-2025-07-01.json) gives the 2025-07-01 unit(s) each old one
 * went into. Those codes are unchanged in the later catalogues, so what it answers — a `Unit`, or the `current`
 * of an address — is given in LATEST_CATALOGUE: where the unit is now, as far as the shipped data knows.
 *
 * An old commune went wholly into one new commune ('exact') or was split across several ('ambiguous': all
 * candidates are listed, none is chosen; the address decides). The mapping was built with machine help and
 * reviewed by hand upstream: a split is "one of these", not a certainty.
 *
 * Read once at the first legacy lookup; rows are indexed by code at load (build.ts checked them) and
 * materialised per code at first use, as frozen objects shared between calls (do not mutate).
 */
import {
  LATEST_CATALOGUE,
  corrupt,
  makeUnit,
  readData,
  unitTables,
  type Unit,
} from './admin-unit-catalogues';

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

/** Where a legacy unit is now (province-only when the address has no commune), in LATEST_CATALOGUE. */
export type CurrentUnits =
  | {
      catalogue: typeof LATEST_CATALOGUE;
      status: 'exact';
      communeCode?: string;
      communeName?: string;
      provinceCode: string;
      provinceName: string;
    }
  | {
      catalogue: typeof LATEST_CATALOGUE;
      status: 'ambiguous';
      /** Set when every candidate lies in one province (always, with the current data). */
      provinceCode?: string;
      provinceName?: string;
      candidates: { communeCode: string; communeName: string }[];
    };

type MergeType = MergeSource['type'];

/** A legacy commune or island district, materialised on first use. */
export interface LegacyEntry {
  unit: Unit;
  mapping: CommuneMapping;
  /** `current` of checkAddressUnits. */
  now: CurrentUnits;
}

export type LegacyKind = 'communes' | 'districts';

interface LegacyTables {
  provinces: Map<string, Unit>;
  /** Legacy province → the province it is in now, and checkAddressUnits' `current` for a province-only address. */
  provinceNow: Map<string, { unit: Unit; now: CurrentUnits }>;
  /** Rows by code, 'code|name|type|province' then '|targetCode|mergeType' per 2025-07-01 unit it went into. */
  rows: Record<LegacyKind, Map<string, string>>;
  entries: Record<LegacyKind, Map<string, LegacyEntry>>;
  /** Post-reform commune → the rows merged into it, built on the first mergedFrom(); then its result, per code. */
  mergeIndex?: Map<string, { kind: LegacyKind; code: string; type: MergeType }[]>;
  merged: Map<string, MergeSource[]>;
}

let legacyTables: LegacyTables | undefined;

const latest = () => unitTables(LATEST_CATALOGUE);

export function legacy(): LegacyTables {
  if (legacyTables) return legacyTables;
  const now = latest();
  const data = readData(
    'legacy-to-2025-07-01.json',
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
        catalogue: LATEST_CATALOGUE,
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
        ? latest().provinces.get(targets[0]!.provinceCode!)
        : undefined;
  if (targets.length === 1 && province) {
    return Object.freeze({
      catalogue: LATEST_CATALOGUE,
      status: 'exact',
      communeCode: targets[0]!.code,
      communeName: targets[0]!.name,
      provinceCode: province.code,
      provinceName: province.name,
    });
  }
  const candidates = targets.map((t) => Object.freeze({ communeCode: t.code, communeName: t.name }));
  return Object.freeze({
    catalogue: LATEST_CATALOGUE,
    status: 'ambiguous',
    ...(province && { provinceCode: province.code, provinceName: province.name }),
    candidates: Object.freeze(candidates) as (typeof candidates)[number][],
  });
}

/** A legacy commune or island district by code; undefined when there is none. */
export function legacyEntry(kind: LegacyKind, code: string): LegacyEntry | undefined {
  const l = legacy();
  const cached = l.entries[kind].get(code);
  if (cached) return cached;
  const row = l.rows[kind].get(code);
  if (!row) return undefined;
  const [, name, type, province, ...pairs] = row.split('|');
  const targets: Unit[] = [];
  for (let i = 0; i < pairs.length; i += 2) targets.push(latest().communes.get(pairs[i]) ?? corrupt(row));
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

const UNKNOWN: CommuneMapping = Object.freeze({ status: 'unknown' });
const NONE = Object.freeze([]) as unknown as MergeSource[];

/** Where a legacy commune is now (units of LATEST_CATALOGUE). 'unknown': not a legacy commune code. */
export function mapLegacyCommune(code: string): CommuneMapping {
  return legacyEntry('communes', code)?.mapping ?? UNKNOWN;
}

/** The province (of LATEST_CATALOGUE) a legacy province became (74 → 79, 77 → 79, 49 → 48…). */
export function mapLegacyProvince(code: string): Unit | undefined {
  return legacy().provinceNow.get(code)?.unit;
}

/**
 * The legacy communes (or island district) a post-reform commune came from, by code (the same in every
 * post-reform catalogue); [] for an unknown code.
 */
export function mergedFrom(communeCode: string): MergeSource[] {
  const l = legacy();
  const cached = l.merged.get(communeCode);
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
  const sources = l.mergeIndex.get(communeCode);
  if (!sources) return NONE;
  const result = Object.freeze(
    sources.map((s) => Object.freeze({ unit: legacyEntry(s.kind, s.code)!.unit, type: s.type })),
  ) as MergeSource[];
  l.merged.set(communeCode, result);
  return result;
}
