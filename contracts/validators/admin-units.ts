/**
 * Vietnamese administrative units (GSO codes: province 2 digits, district 3, commune 5) in three catalogues,
 * each labelled by the date it reflects (admin-unit-catalogues.ts): '2026-04-30' (the latest shipped),
 * '2025-07-01' (the reform as enacted; same codes as 2026-04-30) and 'legacy' (63 provinces, 10,047 communes,
 * before the 1 July 2025 reform). Commune codes were reused with new meanings at the reform, so a code means
 * nothing without its catalogue: 00004 is Phường Trúc Bạch in 'legacy' and Phường Ba Đình after it.
 *
 * Pure lookups over contracts/data/admin-units (built by build.ts there), each file read synchronously once,
 * at the first lookup in its catalogue; the legacy one maps old units to LATEST_CATALOGUE
 * (admin-units-legacy.ts). Lookups are Map reads of cached, frozen objects (shared between calls: do not
 * mutate). Nothing here throws unless the shipped data files are missing or corrupt.
 */
import {
  CATALOGUES,
  LATEST_CATALOGUE,
  isCatalogue,
  isUnitCatalogue,
  unitTables,
  type Catalogue,
  type Unit,
} from './admin-unit-catalogues';
import { legacy, legacyEntry, type CurrentUnits } from './admin-units-legacy';
import { invalid, valid, type Result } from './result';

export {
  CATALOGUES,
  CATALOGUE_INFO,
  LATEST_CATALOGUE,
  UNIT_CATALOGUES,
  isCatalogue,
  isUnitCatalogue,
  type Catalogue,
  type CatalogueInfo,
  type Unit,
  type UnitCatalogue,
} from './admin-unit-catalogues';
export {
  mapLegacyCommune,
  mapLegacyProvince,
  mergedFrom,
  type CommuneMapping,
  type CurrentUnits,
  type MergeSource,
} from './admin-units-legacy';

export interface AddressUnits {
  catalogue: Catalogue;
  communeCode?: string;
  communeName?: string;
  /** Derived from the commune when missing. */
  provinceCode?: string;
  provinceName?: string;
  legacyDistrictCode?: string;
  /** Only for legacy codes: where the unit is now (LATEST_CATALOGUE). */
  current?: CurrentUnits;
}

/** A province by code in a catalogue; undefined for an unknown code or catalogue. */
export function lookupProvince(code: string, catalogue: Catalogue): Unit | undefined {
  if (isUnitCatalogue(catalogue)) return unitTables(catalogue).provinces.get(code);
  return catalogue === 'legacy' ? legacy().provinces.get(code) : undefined;
}

/** A commune (ward, special zone…) by code in a catalogue; undefined for an unknown code or catalogue. */
export function lookupCommune(code: string, catalogue: Catalogue): Unit | undefined {
  if (isUnitCatalogue(catalogue)) return unitTables(catalogue).communes.get(code);
  return catalogue === 'legacy' ? legacyEntry('communes', code)?.unit : undefined;
}

/** The communes of a province in a post-reform catalogue, in code order; [] for an unknown province. */
export function communesOf(provinceCode: string, catalogue: Catalogue): readonly Unit[] {
  return (isUnitCatalogue(catalogue) && unitTables(catalogue).byProvince.get(provinceCode)) || NO_UNITS;
}

const NO_UNITS: readonly Unit[] = Object.freeze([]);

/** The catalogues, as error messages list them. */
const ALLOWED = CATALOGUES.join(', ');

const FORMAT = { provinceCode: /^\d{2}$/, communeCode: /^\d{5}$/, legacyDistrictCode: /^\d{3}$/ } as const;

/** undefined and null both mean "not given". */
const given = (v: unknown): boolean => v !== undefined && v !== null;

/**
 * Validates the unit codes of an address and derives names and the mapping. Never throws.
 *
 * Errors, checked in this order: FIELD_NOT_IN_LIST {allowed} (catalogue), FIELD_FORMAT {field} (a code that is
 * not 2/3/5 digits), ADMIN_UNIT_CATALOGUE_REQUIRED {allowed} (a code without catalogue), ADMIN_UNIT_DISTRICT_NOT_CURRENT,
 * ADMIN_UNIT_UNKNOWN {code, catalogue}, ADMIN_UNIT_PROVINCE_MISMATCH {commune, province}.
 * A legacy district code is checked for format only (the sources list no districts), except the five island
 * districts that had no communes: without a commune they give the province and the special zone they became.
 * Without any code the catalogue may be left out; it is then LATEST_CATALOGUE. A post-reform catalogue's
 * address gets no `current`: its codes are those of LATEST_CATALOGUE too. Idempotent: the output's code fields
 * and catalogue, fed back, give the same output.
 */
export function checkAddressUnits(a: {
  communeCode?: string;
  provinceCode?: string;
  catalogue?: string;
  legacyDistrictCode?: string;
}): Result<AddressUnits> {
  const input: Record<string, unknown> = a !== null && typeof a === 'object' ? a : {};
  const { catalogue } = input;
  if (given(catalogue) && !isCatalogue(catalogue)) return invalid('FIELD_NOT_IN_LIST', { allowed: ALLOWED });
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
    return anyCode
      ? invalid('ADMIN_UNIT_CATALOGUE_REQUIRED', { allowed: ALLOWED })
      : valid({ catalogue: LATEST_CATALOGUE });
  }
  const cat = catalogue as Catalogue;
  const isLegacy = cat === 'legacy';
  if (legacyDistrictCode !== undefined && !isLegacy) return invalid('ADMIN_UNIT_DISTRICT_NOT_CURRENT');
  const tables = isLegacy ? undefined : unitTables(cat);
  let commune: Unit | undefined;
  let now: CurrentUnits | undefined;
  if (communeCode !== undefined) {
    const entry = isLegacy ? legacyEntry('communes', communeCode) : undefined;
    commune = tables ? tables.communes.get(communeCode) : entry?.unit;
    now = entry?.now;
    if (!commune) return invalid('ADMIN_UNIT_UNKNOWN', { code: communeCode, catalogue: cat });
  }
  const provinces = tables ? tables.provinces : legacy().provinces;
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
