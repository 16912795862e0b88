/**
 * The administrative-unit catalogues, each labelled by the date it reflects, and the post-reform ones' tables.
 *
 * - `2026-04-30` (LATEST_CATALOGUE): the units in force from 30 April 2026 — 34 provinces (7 municipalities,
 *   Đồng Nai one of them) and 3,321 communes (2,611 communes, 697 wards, 13 special zones). It is the latest the
 *   shipped data holds, not necessarily today's: changes that took effect after the snapshot it comes from are
 *   not in it.
 * - `2025-07-01`: the same 3,321 codes in the same provinces as the reform created them on 1 July 2025
 *   (6 municipalities, Đồng Nai a province; 2,621 communes, 687 wards, 13 special zones). Names as the reform
 *   resolutions spell them (old tone placement, `Hòa`).
 * - `legacy`: the 63 provinces and 10,047 communes before the reform (see admin-units-legacy.ts).
 *
 * The two post-reform catalogues share every code (contracts/data/admin-units/build.ts proves it): a code of
 * one names the same unit in the other; only the type and type word of the units retyped between them differ.
 * Tables are read from contracts/data/admin-units once, at the first lookup in their catalogue, and are Maps
 * of frozen, shared objects (do not mutate). Nothing here throws unless a shipped data file is missing or
 * corrupt.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The catalogues after the reform: provinces (2 digits) and communes (5 digits), no districts. */
export type UnitCatalogue = '2026-04-30' | '2025-07-01';
export type Catalogue = UnitCatalogue | 'legacy';

/** The latest catalogue the shipped data holds: the one a code read from a system today is in. */
export const LATEST_CATALOGUE = '2026-04-30' as const satisfies UnitCatalogue;
/** Post-reform catalogues, newest first. */
export const UNIT_CATALOGUES: readonly UnitCatalogue[] = Object.freeze([LATEST_CATALOGUE, '2025-07-01']);
/** Every catalogue, newest first. */
export const CATALOGUES: readonly Catalogue[] = Object.freeze([...UNIT_CATALOGUES, 'legacy']);

export interface CatalogueInfo {
  catalogue: Catalogue;
  /** The first day it is in force (ISO date); undefined for `legacy` (in force until 2025-06-30). */
  from?: string;
  /** The last day it is in force, when a later catalogue is shipped. */
  until?: string;
  description: string;
}

/** Which catalogues exist and the days each reflects, newest first. */
export const CATALOGUE_INFO: readonly CatalogueInfo[] = Object.freeze(
  [
    {
      catalogue: '2026-04-30',
      from: '2026-04-30',
      description:
        'From 30 April 2026: Đồng Nai a centrally-governed city and 10 of its communes wards (Resolutions ' +
        '30/2026/QH16 and 237/NQ-UBTVQH16). The latest the hub holds.',
    },
    {
      catalogue: '2025-07-01',
      from: '2025-07-01',
      until: '2026-04-29',
      description:
        'The 34 provinces and 3,321 communes created by the 1 July 2025 reform, as on that day (same codes ' +
        'as 2026-04-30).',
    },
    {
      catalogue: 'legacy',
      until: '2025-06-30',
      description: 'Before the 1 July 2025 reform: 63 provinces, districts, 10,047 communes.',
    },
  ].map((i) => Object.freeze(i as CatalogueInfo)),
);

export const isCatalogue = (v: unknown): v is Catalogue => CATALOGUES.includes(v as Catalogue);
export const isUnitCatalogue = (v: unknown): v is UnitCatalogue =>
  UNIT_CATALOGUES.includes(v as UnitCatalogue);

export interface Unit {
  code: string;
  /** Vietnamese name with its type word, e.g. 'Phường Ba Đình', 'Thành phố Hà Nội'. */
  name: string;
  /** English name, post-reform catalogues only, e.g. 'Ba Dinh Ward'. */
  nameEn?: string;
  /** municipality | province | ward | commune | township (legacy) | special-zone | district (legacy islands) */
  type: string;
  /** For communes (and legacy island districts): the province in the same catalogue. */
  provinceCode?: string;
}

export interface UnitTables {
  provinces: Map<string, Unit>;
  communes: Map<string, Unit>;
  /** Communes by province, in code order. */
  byProvince: Map<string, readonly Unit[]>;
}

export const DATA_DIR = path.join(__dirname, '..', 'data', 'admin-units');

interface DataFile {
  catalogue: string;
  provinceColumns: string[];
  communeColumns: unknown;
  provinces: string[][];
  /** Arrays in the post-reform files; '|'-separated strings in the legacy file (faster to parse). */
  communes: unknown[];
  districts?: string[];
}

/** Reads a data file and checks its label and layout. */
export function readData(
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

export function corrupt(what: string): never {
  throw new Error(`admin-units: inconsistent data (${what}); rebuild it with build.ts`);
}

export const makeUnit = (
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

const tables = new Map<UnitCatalogue, UnitTables>();

/** The tables of a post-reform catalogue (3,355 units), read and built at the first call for it. */
export function unitTables(catalogue: UnitCatalogue): UnitTables {
  const cached = tables.get(catalogue);
  if (cached) return cached;
  const data = readData(
    `units-${catalogue}.json`,
    catalogue,
    ['code', 'name', 'nameEn', 'type'],
    ['code', 'name', 'nameEn', 'type', 'provinceCode'],
  );
  const provinces = new Map<string, Unit>();
  for (const [code, name, nameEn, type] of data.provinces) {
    provinces.set(code, makeUnit(code, name, nameEn, type));
  }
  const communes = new Map<string, Unit>();
  const byProvince = new Map<string, Unit[]>();
  for (const [code, name, nameEn, type, province] of data.communes as string[][]) {
    if (!provinces.has(province)) corrupt(`commune ${code}`);
    const unit = makeUnit(code, name, nameEn, type, province);
    communes.set(code, unit);
    const list = byProvince.get(province) ?? [];
    byProvince.set(province, list);
    list.push(unit);
  }
  for (const list of byProvince.values()) Object.freeze(list);
  const built: UnitTables = { provinces, communes, byProvince };
  tables.set(catalogue, built);
  return built;
}
