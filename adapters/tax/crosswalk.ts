/**
 * The crosswalk between GSO province codes (2 digits, after the 2025 reform) and the tax authority's own
 * location codes (mã địa bàn, 3 digits per province; districts add 2 digits and wards 2 more, e.g. 701 → 70111).
 * The tax authority does not use GSO codes, so every address and every parcel crosses here. Pure.
 *
 * Where the values come from (each entry of tax-locations.json carries its `source`):
 * - 79 ↔ 701 (TP.HCM) is SOURCED: a published tax-registration XML (form 05-ĐK-TCT) gives ct7d_maTinh 701 for
 *   Hồ Chí Minh, with district codes 70109 / 70111 below it.
 * - Every other pair is MADE UP BUT PLAUSIBLE (unverified): the Ministry of Finance's regional numbering as we
 *   understand it (1xx Red River delta … 8xx Mekong delta); for a province merged on 1 July 2025, the code of the
 *   old province whose GSO code the new one kept. Replace them with the tax authority's catalogue when available.
 *
 * A province missing from the crosswalk fails with a CrosswalkError naming it; nothing is guessed.
 */
import {
  LATEST_CATALOGUE,
  lookupProvince,
  mapLegacyProvince,
  checkAddressUnits,
} from '../../contracts/validators/admin-units';
import data from './tax-locations.json';

export interface TaxLocation {
  /** GSO province code, post-reform */
  gso: string;
  /** the tax authority's province location code */
  tax: string;
  name: string;
  /** 'sample' when seen in a published document, 'unverified' when made up */
  source: 'sample' | 'unverified';
}

export class CrosswalkError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CrosswalkError';
  }
}

const entries: readonly TaxLocation[] = Object.freeze(
  data.provinces.map((p) => Object.freeze({ ...p, source: p.source === 'sample' ? 'sample' : 'unverified' })),
);
const byGso = new Map(entries.map((e) => [e.gso, e]));
const byTax = new Map(entries.map((e) => [e.tax, e]));

// The data file must be a one-to-one map over current provinces: a broken file stops the adapter at load.
for (const e of entries) {
  if (!/^\d{3}$/.test(e.tax) || !lookupProvince(e.gso, LATEST_CATALOGUE)) {
    throw new Error(`tax-locations.json: bad entry ${e.gso} ↔ ${e.tax}`);
  }
}
if (byGso.size !== entries.length || byTax.size !== entries.length) {
  throw new Error('tax-locations.json: a code appears twice');
}

/** Every pair of the crosswalk. */
export const taxLocations = (): readonly TaxLocation[] => entries;

/** The tax location of a post-reform GSO province. Throws CrosswalkError for anything else. */
export function taxLocationOf(gsoProvince: string): TaxLocation {
  const hit = byGso.get(gsoProvince);
  if (hit) return hit;
  const now = mapLegacyProvince(gsoProvince);
  if (now && now.code !== gsoProvince) {
    throw new CrosswalkError(
      'TINH_CU',
      `province ${gsoProvince} is a pre-2025 code (now ${now.code}, ${now.name}); the tax crosswalk takes post-reform codes`,
    );
  }
  throw new CrosswalkError('KHONG_CO_MA_DIA_BAN', `no tax location code for province ${gsoProvince}`);
}

/** The post-reform GSO province of a tax location code. Throws CrosswalkError when the code is unknown. */
export function gsoProvinceOf(taxLocation: string): TaxLocation {
  const hit = byTax.get(taxLocation);
  if (!hit)
    throw new CrosswalkError('MA_DIA_BAN_LA', `tax location code ${taxLocation} is not in the crosswalk`);
  return hit;
}

/**
 * The current (post-reform) GSO province of a canonical address: its province, or its commune's; a legacy code
 * is carried to the province it is in now. Throws CrosswalkError when the address names no province.
 */
export function currentProvinceOf(a: {
  communeCode?: string;
  provinceCode?: string;
  catalogue?: string;
}): string {
  const units = checkAddressUnits({
    communeCode: a.communeCode,
    provinceCode: a.provinceCode,
    catalogue: a.catalogue ?? (a.communeCode || a.provinceCode ? LATEST_CATALOGUE : undefined),
  });
  const province = units.ok
    ? units.value.catalogue === 'legacy'
      ? units.value.current?.provinceCode
      : units.value.provinceCode
    : undefined;
  if (!province)
    throw new CrosswalkError('KHONG_RO_TINH', 'the address names no province the crosswalk can use');
  return province;
}
