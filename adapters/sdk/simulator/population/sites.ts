/**
 * Where the synthetic population lives: the communes of the latest administrative-unit catalogue, the legacy
 * communes merged into each, and the selection of communes ("sites") per configured province, each with its
 * commune health station, the province's general hospitals and its maternity hospital (synthetic facility
 * codes).
 */
import {
  LATEST_CATALOGUE,
  communesOf,
  lookupProvince,
  mapLegacyProvince,
  mergedFrom,
  type Unit,
} from '../../../../contracts/validators/admin-units';
import { PROVINCE_PREFIXES } from '../../../../contracts/validators/personal-id';
import * as data from '../names';
import type { Rng } from './random';
import type { CatalogueCommune } from './types';

const communesByProvince = new Map<string, readonly CatalogueCommune[]>();

/** The communes of a province in the latest catalogue, in catalogue order (cached per province). */
export function listCommunes(provinceCode: string): readonly CatalogueCommune[] {
  let list = communesByProvince.get(provinceCode);
  if (!list) {
    list = communesOf(provinceCode, LATEST_CATALOGUE).map((u) => ({
      code: u.code,
      name: u.name,
      type: u.type,
      provinceCode: u.provinceCode!,
    }));
    communesByProvince.set(provinceCode, list);
  }
  return list;
}

export interface Facility {
  code: string;
  name: string;
}

/** A commune the population lives in. */
export interface Site {
  province: data.ProvinceConfig;
  provinceName: string;
  commune: CatalogueCommune;
  urban: boolean;
  /** legacy communes merged (fully or partly) into this one */
  legacy: Unit[];
  /** primary care: the commune health station and the general hospitals of the province */
  station: Facility;
  hospitals: Facility[];
  maternity: Facility;
  minority: boolean;
}

interface Candidate {
  commune: CatalogueCommune;
  /** legacy communes merged (fully or partly) into it; never empty */
  legacy: Unit[];
}

const legacyByCommune = new Map<string, Unit[]>();

/** The legacy communes merged into a current commune (island districts left out), cached. */
function legacyOf(code: string): Unit[] {
  let units = legacyByCommune.get(code);
  if (!units) {
    units = mergedFrom(code)
      .map((s) => s.unit)
      .filter((u) => /^\d{5}$/.test(u.code));
    legacyByCommune.set(code, units);
  }
  return units;
}

/** The old provinces (2 digits) merged into a current one: 79 ← 74, 77, 79. */
const oldProvincesOf = (code: string): string[] =>
  [...PROVINCE_PREFIXES].map((p) => p.slice(1)).filter((old) => mapLegacyProvince(old)?.code === code);

/**
 * Picks the communes of a province: one per old province merged into it, two rural communes in the heartland
 * of its minority, then wards and rural communes up to the configured number and share. Merge sources are
 * looked up lazily, for the communes the selection looks at only.
 */
export function selectSites(r: Rng, cfg: data.ProvinceConfig): Site[] {
  const provinceName = lookupProvince(cfg.code, LATEST_CATALOGUE)!.name;
  const [maternity, ...general] = hospitals(cfg.code, provinceName);
  const pool = r.shuffle(listCommunes(cfg.code).filter((c) => c.type === 'ward' || c.type === 'commune'));
  const chosen = new Map<string, Candidate>();
  const minority = new Set<string>();
  /** The first candidate of the pool (with merge sources) that passes `ok` and is not chosen yet. */
  const next = (ok: (c: Candidate) => boolean): Candidate | undefined => {
    for (const commune of pool) {
      if (chosen.has(commune.code)) continue;
      const legacy = legacyOf(commune.code);
      if (legacy.length > 0 && ok({ commune, legacy })) return { commune, legacy };
    }
    return undefined;
  };
  const add = (c: Candidate | undefined) => c && chosen.set(c.commune.code, c);
  const oldProvince = (c: Candidate) => c.legacy[0].provinceCode!;
  for (const old of oldProvincesOf(cfg.code)) add(next((c) => oldProvince(c) === old));
  if (cfg.minority) {
    const heartland = cfg.minority.heartland;
    for (let i = 0; i < 2; i++) {
      const c = next((c) => c.commune.type === 'commune' && heartland.includes(oldProvince(c)));
      if (c) minority.add(c.commune.code);
      add(c);
    }
  }
  const wards = Math.round(cfg.communes * cfg.wardShare);
  const isWard = (c: Candidate) => c.commune.type === 'ward';
  const nWards = () => [...chosen.values()].filter(isWard).length;
  while (chosen.size < cfg.communes) {
    const c = next((c) => (isWard(c) ? nWards() < wards : chosen.size - nWards() < cfg.communes - wards));
    if (!c) break;
    add(c);
  }
  return [...chosen.values()]
    .sort((a, b) => (a.commune.code < b.commune.code ? -1 : 1))
    .map((x, i) => ({
      province: cfg,
      provinceName,
      commune: x.commune,
      urban: isWard(x),
      legacy: x.legacy,
      station: { code: `${cfg.code}${100 + i}`, name: `Trạm Y tế ${x.commune.name}` },
      hospitals: general,
      maternity,
      minority: minority.has(x.commune.code),
    }));
}

/** Hospitals of a province: the maternity hospital first (code …001), then general hospitals. */
function hospitals(code: string, provinceName: string): Facility[] {
  const short = provinceName.replace(/^(Tỉnh|Thành phố) /, '');
  const known = data.HOSPITALS[code];
  const names = known
    ? [known.maternity, ...known.general]
    : [`Bệnh viện Sản - Nhi tỉnh ${short}`, `Bệnh viện Đa khoa tỉnh ${short}`];
  return names.map((name, i) => ({ code: `${code}${String(i + 1).padStart(3, '0')}`, name }));
}
