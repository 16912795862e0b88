/**
 * One deterministic synthetic population shared by every simulated agency (population database, civil status,
 * residence, land registry, tax, health insurance, the national portal, the legacy one-stop system), so that one
 * citizen's data agrees across agencies.
 *
 * Pure and deterministic: a seeded PRNG (mulberry32), a fixed reference date (REFERENCE_DATE, never the clock),
 * and the 2025-07-01 commune catalogue. getPopulation() memoizes per seed and returns a deeply frozen object:
 * simulators keep their own changes (a newborn, a death) on the side.
 *
 * Conventions:
 * - Personal ID prefix = the OLD province where the birth was registered: the old province of the household's
 *   commune for people born where they live (074 for a ward of TP.HCM that was in Bình Dương), another old
 *   province for migrants and many spouses. Births registered from 2025-07-01 use the current province code
 *   (every current code is also an old one).
 * - Civil-status records (births, marriages) carry the 2025-07-01 code of the registering commune, also for
 *   events before the reform; addresses carry a merged legacy commune for legacy systems.
 * - A household business's tax code is its owner's personal 10-digit tax code (Circular 105/2020 practice).
 * - Ê Đê families are matrilineal: children take the mother's clan name and the husband lives with the wife's
 *   family. Every other family is patrilineal.
 * - Codes without a public layout (household ids, facility codes, business registration numbers, certificate
 *   series) are synthetic but shaped like the real ones.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  CURRENT_CATALOGUE,
  lookupProvince,
  mapLegacyProvince,
  mergedFrom,
  type Unit,
} from '../../../contracts/validators/admin-units';
import { PROVINCE_PREFIXES } from '../../../contracts/validators/personal-id';
import { taxCheckDigit } from '../../../contracts/validators/tax-code';
import * as data from './names';
import type { Ethnicity, Region, Weighted } from './names';

export const DEFAULT_SEED = 20250701;
/** "Today" for the population: ages, card validity and "not born in the future" are relative to this date. */
export const REFERENCE_DATE = '2026-01-01';
const LAST_DAY = '2025-12-31';
const LAST_YEAR = 2025;
const FIRST_YEAR = 1935;
const HOUSEHOLDS = 440;

export interface SynthAddress {
  /** 2025-07-01 catalogue */
  communeCode: string;
  communeName: string;
  provinceCode: string;
  provinceName: string;
  /** '' only for farmland, which has no house number */
  houseNumber: string;
  street?: string;
  hamlet?: string;
  /** "12 Phố Hàng Bông, Phường Hoàn Kiếm, Thành phố Hà Nội" */
  text: string;
  /** A pre-2025 commune merged into this one (legacy catalogue), for legacy systems. */
  legacyCommuneCode?: string;
  legacyProvinceCode?: string;
}

export type Relation = 'self' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'other-relative';

export interface SynthPerson {
  personalId: string;
  fullName: string;
  sex: 'male' | 'female';
  /** YYYY-MM-DD */
  dateOfBirth: string;
  /** The 3-digit prefix of the ID: the OLD province of birth registration. */
  birthProvincePrefix: string;
  ethnicity: string;
  religion?: string;
  nationality: 'VN';
  householdId: string;
  relationToHead: Relation;
  fatherId?: string;
  motherId?: string;
  spouseId?: string;
  permanentAddress: SynthAddress;
  /** E.164 */
  phone?: string;
  /** The pre-2018 11-digit national form, for some of those whose prefix was converted. */
  legacyPhone?: string;
  email?: string;
  /** Older 10-digit personal tax code (valid check digit). */
  taxId?: string;
  /** 9-digit identity card of adults born before 1995 (history only). */
  legacyCmnd?: string;
  /** 10 digits, unique */
  socialInsuranceNumber: string;
  occupation?: string;
}

export interface SynthHousehold {
  id: string;
  headId: string;
  memberIds: string[];
  address: SynthAddress;
  registeredSince: string;
}

export interface SynthParcel {
  communeCode: string;
  mapSheetNumber: string;
  parcelNumber: string;
  address: SynthAddress;
  areaM2: number;
  usePurpose: 'ODT' | 'ONT' | 'CLN' | 'LUC' | 'BHK';
  /** 'long-term' or 'until YYYY-MM-DD' */
  term: 'long-term' | string;
  origin: string;
  /** serial e.g. "CX 123456"; registerNumber e.g. "CS 01234" */
  certificate: { serial: string; registerNumber: string; issuedAt: string };
  holderIds: string[];
  /** VND per m² */
  landPricePerM2: number;
}

export interface SynthBusiness {
  ownerId: string;
  businessName: string;
  address: SynthAddress;
  /** VSIC 2018, 4 or 5 digits */
  activityCodes: string[];
  /** VND */
  capital: number;
  employees: number;
  registrationNumber: string;
  /** 10 digits, valid check digit: the owner's taxId */
  taxCode: string;
  registeredAt: string;
}

export interface SynthHealthCard {
  /** group (2 letters) + level (1–5) + province (2 digits) + social-insurance number (10 digits) */
  number: string;
  holderId: string;
  /** TE under 6, HS pupil, SV student, DN employee, HC civil servant, HT pensioner, DT ethnic minority, BT social protection, GD household */
  group: string;
  level: number;
  /** 5 digits: province + 3 (synthetic) */
  facilityCode: string;
  facilityName: string;
  validFrom: string;
  validTo: string;
}

export interface SynthMarriage {
  spouseIds: [string, string];
  date: string;
  communeCode: string;
  /** "45/2019": entry number / year */
  registerNumber: string;
}

export interface SynthBirthRecord {
  childId: string;
  motherId?: string;
  fatherId?: string;
  /** Registration date: within 60 days of the birth (Luật Hộ tịch 2014 Art. 15); the birth date is on the person. */
  date: string;
  communeCode: string;
  registerNumber: string;
}

export interface Population {
  seed: number;
  persons: SynthPerson[];
  households: SynthHousehold[];
  parcels: SynthParcel[];
  businesses: SynthBusiness[];
  healthCards: SynthHealthCard[];
  marriages: SynthMarriage[];
  births: SynthBirthRecord[];
  person(id: string): SynthPerson | undefined;
  household(id: string): SynthHousehold | undefined;
  /** Fixed, documented citizens for the demo and end-to-end tests. */
  scenarios: {
    /** A young married couple living together in Hà Nội, no child under 1 yet. */
    birth: {
      motherId: string;
      fatherId: string;
      householdId: string;
      healthFacility: { code: string; name: string };
    };
    /** An elderly father (head of household, TP.HCM) living with his adult child, the declarant. */
    death: { deceasedId: string; declarantId: string; householdId: string };
    /** A residential parcel in Hà Nội held by a married couple; the buyer lives in another Hà Nội household. */
    land: { parcel: SynthParcel; transferorIds: string[]; transfereeId: string };
    /** An adult in TP.HCM with a phone and an email and no business yet. */
    business: { ownerId: string };
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Randomness and dates

/** mulberry32: a 32-bit seeded PRNG, small and good enough for test data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  weighted<T>(xs: Weighted<T>): T {
    let r = this.next() * xs.reduce((s, [, w]) => s + w, 0);
    for (const [x, w] of xs) if ((r -= w) < 0) return x;
    return xs[xs.length - 1][0];
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
  shuffle<T>(xs: readonly T[]): T[] {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
/** Days since 1970-01-01 of an ISO date (proleptic Gregorian; arithmetic, no Date objects). */
function toDays(iso: string): number {
  const m = +iso.slice(5, 7);
  const y = +iso.slice(0, 4) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + +iso.slice(8, 10) - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}
/** The ISO date of a day count since 1970-01-01 (inverse of toDays). */
function fromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return `${yoe + era * 400 + (m <= 2 ? 1 : 0)}-${pad2(m)}-${pad2(d)}`;
}
const addDays = (iso: string, n: number): string => fromDays(toDays(iso) + n);
const minDate = (a: string, b: string): string => (a < b ? a : b);
const maxDate = (a: string, b: string): string => (a > b ? a : b);
const yearOf = (iso: string): number => +iso.slice(0, 4);
/** The same day n years later (29 February → 28 February). */
const addYears = (iso: string, n: number): string =>
  `${yearOf(iso) + n}${iso.slice(4) === '-02-29' ? '-02-28' : iso.slice(4)}`;
/** Completed years at REFERENCE_DATE. */
export const ageAt = (dob: string, ref = REFERENCE_DATE): number =>
  yearOf(ref) - yearOf(dob) - (dob.slice(5) > ref.slice(5) ? 1 : 0);
const between = (r: Rng, from: string, to: string): string => fromDays(r.int(toDays(from), toDays(to)));

// ---------------------------------------------------------------------------------------------------------------
// Places

export interface CatalogueCommune {
  code: string;
  name: string;
  /** ward | commune | special-zone */
  type: string;
  provinceCode: string;
}

let communesByProvince: Map<string, CatalogueCommune[]> | undefined;

/**
 * The communes of a province in the 2025-07-01 catalogue, in catalogue order. admin-units.ts has no listing, so
 * the same data file is read here (once).
 */
export function listCommunes(provinceCode: string): readonly CatalogueCommune[] {
  if (!communesByProvince) {
    const file = path.join(__dirname, '../../../contracts/data/admin-units/current-2025-07-01.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as { communeColumns: string[]; communes: string[][] };
    if (json.communeColumns.join() !== 'code,name,nameEn,type,provinceCode') {
      throw new Error('population: unexpected layout of current-2025-07-01.json');
    }
    communesByProvince = new Map();
    for (const [code, name, , type, provinceCode] of json.communes) {
      const list = communesByProvince.get(provinceCode) ?? [];
      communesByProvince.set(provinceCode, list);
      list.push({ code, name, type, provinceCode });
    }
  }
  return communesByProvince.get(provinceCode) ?? [];
}

interface Facility {
  code: string;
  name: string;
}

/** A commune the population lives in. */
interface Site {
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
function selectSites(r: Rng, cfg: data.ProvinceConfig): Site[] {
  const provinceName = lookupProvince(cfg.code, CURRENT_CATALOGUE)!.name;
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

// ---------------------------------------------------------------------------------------------------------------
// The builder

type Sex = 'male' | 'female';

/** Ranges (age at the end of 2025) and choices that the scenario households pin down. */
interface Shape {
  head?: [number, number];
  spouse?: [number, number];
  link?: [number, number];
  kids?: Weighted<number>;
  marriedFrom?: number;
  bothElders?: boolean;
}

interface PersonSpec {
  sex: Sex;
  year: number;
  relation: Relation;
  /** family (clan) name to carry; a fresh one otherwise */
  family?: string;
  /** a family name the person must not have (Ê Đê clans marry out) */
  notFamily?: string;
  father?: SynthPerson;
  mother?: SynthPerson;
  /** born where the household lives (else a migrant) */
  local: boolean;
}

interface Home {
  id: string;
  site: Site;
  address: SynthAddress;
  ethnicity: Ethnicity;
  religion?: string;
  members: SynthPerson[];
  since: string;
}

interface Meta {
  family: string;
  given: string;
  home: Home;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(Math.max(x, lo), hi);
const TONE = new Map(Object.entries(data.OLD_TONE_PLACEMENT));
const HIGHLAND: ReadonlySet<string> = new Set(['Ê Đê', 'Mông']);

class Builder {
  private readonly r: Rng;
  readonly persons: SynthPerson[] = [];
  readonly households: SynthHousehold[] = [];
  readonly parcels: SynthParcel[] = [];
  readonly businesses: SynthBusiness[] = [];
  readonly healthCards: SynthHealthCard[] = [];
  readonly marriages: SynthMarriage[] = [];
  readonly births: SynthBirthRecord[] = [];
  readonly homes: Home[] = [];
  readonly meta = new Map<string, Meta>();
  readonly sites: Site[];
  private readonly used = new Map<string, Set<string>>();
  private readonly counters = new Map<string, number>();

  constructor(seed: number) {
    this.r = new Rng(seed);
    this.sites = data.PROVINCES.flatMap((p) => selectSites(this.r, p));
  }

  /** A value not produced before in namespace ns. */
  private unique(ns: string, make: () => string): string {
    let seen = this.used.get(ns);
    if (!seen) this.used.set(ns, (seen = new Set()));
    for (;;) {
      const v = make();
      if (!seen.has(v)) {
        seen.add(v);
        return v;
      }
    }
  }

  /** Next entry number in a register (per commune and year). */
  private count(key: string): number {
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    return n;
  }

  family(p: SynthPerson): string {
    return this.meta.get(p.personalId)!.family;
  }

  // --- places --------------------------------------------------------------------------------------------------

  newHome(site: Site, ethnicity: Ethnicity): Home {
    const r = this.r;
    const code = site.province.code;
    const religions = HIGHLAND.has(ethnicity)
      ? data.RELIGIONS.highlands
      : code === '92'
        ? data.RELIGIONS.mekong
        : site.province.region === 'south'
          ? data.RELIGIONS.kinhSouth
          : data.RELIGIONS.kinh;
    const religion = r.weighted(religions);
    const home: Home = {
      id: this.unique('hh', () => `HK${code}${r.digits(8)}`),
      site,
      address: this.address(site, ethnicity),
      ethnicity,
      ...(religion && { religion }),
      members: [],
      since: LAST_DAY,
    };
    this.homes.push(home);
    return home;
  }

  /** A unique house address in the site (street in wards, hamlet in rural communes), or a farmland location. */
  address(site: Site, ethnicity: Ethnicity, farmland = false): SynthAddress {
    const r = this.r;
    const { commune, provinceName } = site;
    const legacy = r.pick(site.legacy);
    const base = {
      communeCode: commune.code,
      communeName: commune.name,
      provinceCode: site.province.code,
      provinceName,
    };
    const tail = `${commune.name}, ${provinceName}`;
    const legacyPart = { legacyCommuneCode: legacy.code, legacyProvinceCode: legacy.provinceCode! };
    if (site.urban && !farmland) {
      const streets = data.STREETS[site.province.code] ?? data.COMMON_STREETS;
      const [houseNumber, street] = this.unique(`addr:${commune.code}`, () => {
        const n = String(r.int(1, 320));
        const house = site.province.code === '79' && r.chance(0.3) ? `${n}/${r.int(1, 40)}` : n;
        return `${house}${r.chance(0.12) ? r.pick(['A', 'B', 'C']) : ''}|${r.pick(streets)}`;
      }).split('|');
      return { ...base, houseNumber, street, text: `${houseNumber} ${street}, ${tail}`, ...legacyPart };
    }
    const hamlets =
      ethnicity === 'Ê Đê' || ethnicity === 'Mông' || ethnicity === 'Tày'
        ? data.HAMLETS[ethnicity]
        : data.HAMLETS[site.province.region];
    const hamlet = r.pick(hamlets);
    if (farmland) {
      const text = `${r.pick(data.FIELDS)}, ${hamlet}, ${tail}`;
      return { ...base, houseNumber: '', hamlet, text, ...legacyPart };
    }
    const houseNumber = this.unique(`addr:${commune.code}:${hamlet}`, () => String(r.int(1, 250)));
    return { ...base, houseNumber, hamlet, text: `Số ${houseNumber}, ${hamlet}, ${tail}`, ...legacyPart };
  }

  // --- people --------------------------------------------------------------------------------------------------

  private name(eth: Ethnicity, sex: Sex, year: number, region: Region, family?: string) {
    const r = this.r;
    const male = sex === 'male';
    if (eth === 'Ê Đê') {
      const clan = family ?? r.pick(data.EDE.clans);
      const given = r.pick(male ? data.EDE.male : data.EDE.female);
      return { family: clan, given, fullName: male ? `Y ${given} ${clan}` : `H'${given} ${clan}` };
    }
    if (eth === 'Mông') {
      const clan = family ?? r.pick(data.MONG.clans);
      const middle = male ? r.weighted(data.MONG.maleMiddle) : 'Thị';
      const given = r.pick(male ? data.MONG.male : data.MONG.female);
      return { family: clan, given, fullName: `${clan} ${middle} ${given}` };
    }
    if (eth === 'Hoa') {
      const fam = family ?? r.pick(data.HOA.families);
      const middle = r.pick(male ? data.HOA.maleMiddle : data.HOA.femaleMiddle);
      const given = r.pick((male ? data.HOA.male : data.HOA.female).filter((g) => g !== middle));
      return { family: fam, given, fullName: `${fam} ${middle} ${given}` };
    }
    const era = year < 1975 ? 'old' : year < 2000 ? 'mid' : 'new';
    const fam = family ?? (eth === 'Tày' ? r.pick(data.TAY_FAMILIES) : this.kinhFamily(region));
    let middle = r.weighted(data.MIDDLE_NAMES[sex][era]);
    if (!male && era !== 'old' && r.chance(0.15)) {
      middle += ` ${r.pick(data.FEMALE_SECOND_MIDDLE.filter((m) => m !== middle))}`;
    }
    const middles = middle.split(' ');
    const given = r.pick(data.GIVEN_NAMES[sex][era].filter((g) => !middles.includes(g)));
    // About a third of the names are written with the old tone placement (Hoà, Thuỷ).
    const oldStyle = r.chance(0.35);
    const words = `${fam} ${middle} ${given}`.split(' ').map((w) => (oldStyle ? (TONE.get(w) ?? w) : w));
    return { family: fam, given: words[words.length - 1], fullName: words.join(' ') };
  }

  /** Hoàng and Vũ are mostly Huỳnh and Võ in the south. */
  private kinhFamily(region: Region): string {
    const f = this.r.weighted(data.FAMILY_NAMES);
    const southern = data.SOUTHERN_FAMILY[f];
    const share = region === 'south' ? 0.85 : region === 'central' ? 0.5 : 0.03;
    return southern && this.r.chance(share) ? southern : f;
  }

  /** A family name for someone outside the population (an absent father). */
  freshFamily(home: Home): string {
    return this.name(home.ethnicity, 'male', 1980, home.site.province.region).family;
  }

  /** Old province (2 digits) for a migrant: anywhere but where the household lives. */
  private origin(home: Home): string {
    const table = data.MIGRANT_ORIGINS[home.site.province.code] ?? data.MIGRANT_ORIGINS.other;
    for (;;) {
      const p = this.r.weighted(table);
      if (p !== home.address.legacyProvinceCode) return p;
    }
  }

  person(home: Home, spec: PersonSpec): SynthPerson {
    const r = this.r;
    const { sex, year } = spec;
    const dob = between(r, `${year}-01-01`, `${year}-12-31`);
    const oldProvince = !spec.local
      ? this.origin(home)
      : dob >= '2025-07-01'
        ? home.site.province.code
        : home.address.legacyProvinceCode!;
    const prefix = `0${oldProvince}`;
    if (!PROVINCE_PREFIXES.has(prefix)) throw new Error(`population: no personal-ID prefix ${prefix}`);
    const g = 2 * Math.floor((year - 1900) / 100) + (sex === 'female' ? 1 : 0);
    const serial = this.unique('serial', () => r.digits(6));
    const taken = new Set(home.members.map((m) => m.fullName));
    let name = this.name(home.ethnicity, sex, year, home.site.province.region, spec.family);
    for (let i = 0; i < 20 && (taken.has(name.fullName) || name.family === spec.notFamily); i++) {
      name = this.name(home.ethnicity, sex, year, home.site.province.region, spec.family);
    }
    const p: SynthPerson = {
      personalId: `${prefix}${g}${String(year % 100).padStart(2, '0')}${serial}`,
      fullName: name.fullName,
      sex,
      dateOfBirth: dob,
      birthProvincePrefix: prefix,
      ethnicity: home.ethnicity,
      ...(home.religion && { religion: home.religion }),
      nationality: 'VN',
      householdId: home.id,
      relationToHead: spec.relation,
      ...(spec.father && { fatherId: spec.father.personalId }),
      ...(spec.mother && { motherId: spec.mother.personalId }),
      permanentAddress: home.address,
      socialInsuranceNumber: this.unique('si', () => `${home.site.province.code}${r.digits(8)}`),
    };
    this.meta.set(p.personalId, { family: name.family, given: name.given, home });
    this.details(p, home);
    this.persons.push(p);
    home.members.push(p);
    if (spec.local && (spec.father || spec.mother)) {
      const date = minDate(addDays(dob, r.int(3, 60)), LAST_DAY);
      this.births.push({
        childId: p.personalId,
        ...(spec.mother && { motherId: spec.mother.personalId }),
        ...(spec.father && { fatherId: spec.father.personalId }),
        date,
        communeCode: home.site.commune.code,
        registerNumber: `${this.count(`birth:${home.site.commune.code}:${yearOf(date)}`)}/${yearOf(date)}`,
      });
    }
    return p;
  }

  /** Occupation, phone, email, tax code and legacy identity card, by age and place. */
  private details(p: SynthPerson, home: Home): void {
    const r = this.r;
    const age = ageAt(p.dateOfBirth);
    const urban = home.site.urban;
    let occupation: string | undefined;
    if (age >= 6 && age < 18) occupation = 'Học sinh';
    else if (age >= 18 && age <= 22 && r.chance(urban ? 0.6 : 0.3)) occupation = 'Sinh viên';
    else if (age >= 60 && r.chance(urban ? 0.55 : 0.25)) occupation = 'Hưu trí';
    else if (age >= 18 && age < 75) {
      occupation =
        HIGHLAND.has(home.ethnicity) && r.chance(0.8)
          ? 'Nông dân'
          : r.weighted(data.OCCUPATIONS[urban ? 'urban' : 'rural']);
    }
    if (occupation) p.occupation = occupation;
    if (age >= 15 && r.chance(age < 18 ? 0.4 : age < 75 ? 0.9 : 0.55)) this.givePhone(p);
    if (age >= 16 && age <= 65 && r.chance(age < 40 ? 0.55 : 0.3)) this.giveEmail(p);
    const salaried =
      occupation !== undefined &&
      (data.DN_OCCUPATIONS.has(occupation) || data.HC_OCCUPATIONS.has(occupation));
    if (salaried && age >= 22 && age <= 65 && r.chance(0.7)) this.giveTaxId(p);
    if (yearOf(p.dateOfBirth) <= 1994 && r.chance(0.8)) {
      const cmnd = data.CMND_PREFIX[home.address.legacyProvinceCode!] ?? '01';
      p.legacyCmnd = this.unique('cmnd', () => `${cmnd}${r.digits(7)}`);
    }
  }

  /** A unique mobile number; some old enough to have had one before 2018 keep the 11-digit form. */
  givePhone(p: SynthPerson): void {
    const r = this.r;
    const subscriber = this.unique('phone', () => `${r.weighted(data.MOBILE_PREFIXES)}${r.digits(7)}`);
    p.phone = `+84${subscriber}`;
    const old = data.OLD_MOBILE_PREFIX[subscriber.slice(0, 2)];
    if (old && yearOf(p.dateOfBirth) <= 2002 && r.chance(0.4))
      p.legacyPhone = `0${old}${subscriber.slice(2)}`;
  }

  giveEmail(p: SynthPerson): void {
    const r = this.r;
    const { given, family } = this.meta.get(p.personalId)!;
    const domain = r.weighted(data.EMAIL_DOMAINS);
    const yy = p.dateOfBirth.slice(2, 4);
    const local = `${ascii(given)}.${ascii(family)}${yy}`;
    p.email = this.unique('email', () => `${local}${r.chance(0.6) ? '' : r.int(1, 99)}@${domain}`);
  }

  /** An older 10-digit personal tax code: 8x…, valid check digit. */
  giveTaxId(p: SynthPerson): void {
    const r = this.r;
    p.taxId = this.unique('tax', () => {
      for (;;) {
        const body = `80${r.digits(7)}`;
        const check = taxCheckDigit(body);
        if (check !== undefined && body.slice(2) !== '0000000') return `${body}${check}`;
      }
    });
  }

  // --- families ------------------------------------------------------------------------------------------------

  /** Links two spouses and registers the marriage, in a year from `from` (once both are of age) to `to`. */
  marry(home: Home, husband: SynthPerson, wife: SynthPerson, from?: number, to?: number): number {
    const r = this.r;
    const earliest = Math.max(yearOf(husband.dateOfBirth) + 21, yearOf(wife.dateOfBirth) + 19);
    const lo = clamp(Math.max(earliest, from ?? earliest), earliest, LAST_YEAR);
    const hi = clamp(to ?? lo + 6, lo, LAST_YEAR);
    const year = r.int(lo, hi);
    const date = between(r, `${year}-01-01`, year === LAST_YEAR ? '2025-11-30' : `${year}-12-31`);
    husband.spouseId = wife.personalId;
    wife.spouseId = husband.personalId;
    const commune = home.site.commune.code;
    this.marriages.push({
      spouseIds: [husband.personalId, wife.personalId],
      date,
      communeCode: commune,
      registerNumber: `${this.count(`marriage:${commune}:${year}`)}/${year}`,
    });
    home.since = minDate(home.since, date);
    return year;
  }

  /** Children born from year `from` on, every 1–6 years, while the parents present are at most 44. */
  children(
    home: Home,
    father: SynthPerson | undefined,
    mother: SynthPerson | undefined,
    from: number,
    count: number,
    relation: Relation,
  ): void {
    const r = this.r;
    const parents = [father, mother].filter((p): p is SynthPerson => !!p);
    const limit = Math.min(LAST_YEAR, ...parents.map((p) => yearOf(p.dateOfBirth) + 44));
    const lineage = this.matrilineal(home) ? mother : father;
    const family = lineage ? this.family(lineage) : this.freshFamily(home);
    for (let i = 0, y = from; i < count && y <= limit; i++, y += r.int(1, 6)) {
      const sex: Sex = r.chance(0.51) ? 'male' : 'female';
      this.person(home, { sex, year: y, relation, family, father, mother, local: true });
    }
  }

  private spouseYear(husbandYear: number): number {
    return clamp(husbandYear + this.r.weighted(data.SPOUSE_GAP), FIRST_YEAR, 2006);
  }

  private matrilineal(home: Home): boolean {
    return home.ethnicity === 'Ê Đê';
  }

  /** A wife for a husband already in the household (Ê Đê: from another clan). */
  private wife(
    home: Home,
    husband: SynthPerson,
    year: number,
    relation: Relation,
    local: boolean,
  ): SynthPerson {
    const notFamily = this.matrilineal(home) ? this.family(husband) : undefined;
    return this.person(home, { sex: 'female', year, relation, notFamily, local });
  }

  /** A couple heading the household, with children (and now and then a younger sibling of the husband). */
  private couple(home: Home, shape: Shape, kids: Weighted<number>, marriedFrom?: number): void {
    const r = this.r;
    const [lo, hi] = shape.head ?? [26, 58];
    const hy = LAST_YEAR - r.int(lo, hi);
    const wy = shape.spouse ? LAST_YEAR - r.int(...shape.spouse) : this.spouseYear(hy);
    const wifeHeads = r.chance(this.matrilineal(home) ? 0.7 : 0.15);
    const h = this.person(home, {
      sex: 'male',
      year: hy,
      relation: wifeHeads ? 'spouse' : 'self',
      local: r.chance(0.7),
    });
    const w = this.wife(home, h, wy, wifeHeads ? 'self' : 'spouse', r.chance(0.6));
    const married = this.marry(home, h, w, shape.marriedFrom ?? marriedFrom);
    this.children(home, h, w, married + 1 + r.int(0, 2), r.weighted(shape.kids ?? kids), 'child');
    if (!this.matrilineal(home) && hy < 2003 && r.chance(0.05)) {
      const sex: Sex = r.chance(0.5) ? 'male' : 'female';
      const year = Math.min(hy + r.int(2, 15), 2007);
      this.person(home, {
        sex,
        year,
        relation: 'other-relative',
        family: this.family(h),
        local: r.chance(0.7),
      });
    }
  }

  /** Elderly parent(s), their adult child (the link), the child's spouse and the grandchildren. */
  private threeGenerations(home: Home, elderHead: boolean, shape: Shape): void {
    const r = this.r;
    const matri = this.matrilineal(home);
    const ly = LAST_YEAR - r.int(...(shape.link ?? (elderHead ? [30, 55] : [28, 50])));
    const fy = Math.max(FIRST_YEAR, ly - r.int(22, 38));
    const my = clamp(fy + r.weighted(data.SPOUSE_GAP), Math.max(FIRST_YEAR, ly - 44), ly - 20);
    const which = shape.bothElders ? 'both' : r.weighted(data.ELDERS);
    const headSex: Sex = which === 'mother' || (which === 'both' && matri) ? 'female' : 'male';
    const elderRel = (sex: Sex): Relation => (!elderHead ? 'parent' : sex === headSex ? 'self' : 'spouse');
    const father =
      which === 'mother'
        ? undefined
        : this.person(home, { sex: 'male', year: fy, relation: elderRel('male'), local: r.chance(0.8) });
    const mother =
      which === 'father'
        ? undefined
        : father
          ? this.wife(home, father, my, elderRel('female'), r.chance(0.7))
          : this.person(home, {
              sex: 'female',
              year: my,
              relation: elderRel('female'),
              local: r.chance(0.7),
            });
    if (father && mother) this.marry(home, father, mother, undefined, ly - 1);
    const lineage = matri ? mother : father;
    const family = lineage ? this.family(lineage) : this.freshFamily(home);
    const linkSex: Sex = matri || r.chance(0.1) ? 'female' : 'male';
    const relation = elderHead ? 'child' : 'self';
    const link = this.person(home, { sex: linkSex, year: ly, relation, family, father, mother, local: true });
    const spouseRel: Relation = elderHead ? 'other-relative' : 'spouse';
    const local = r.chance(0.6);
    const [h, w] =
      linkSex === 'male'
        ? [link, this.wife(home, link, this.spouseYear(ly), spouseRel, local)]
        : [
            this.person(home, {
              sex: 'male',
              year: clamp(ly - r.weighted(data.SPOUSE_GAP), FIRST_YEAR, 2004),
              relation: spouseRel,
              notFamily: matri ? family : undefined,
              local,
            }),
            link,
          ];
    const married = this.marry(home, h, w);
    const kids = r.weighted(shape.kids ?? data.KID_COUNTS.grandchildren);
    this.children(home, h, w, married + 1 + r.int(0, 2), kids, elderHead ? 'grandchild' : 'child');
  }

  household(kind: data.Kind, site: Site, ethnicity: Ethnicity, shape: Shape = {}): Home {
    const r = this.r;
    const home = this.newHome(site, ethnicity);
    const yearIn = (range: [number, number]) => LAST_YEAR - r.int(range[0], range[1]);
    switch (kind) {
      case 'young-couple':
        this.couple(home, { head: [23, 34], ...shape }, [[0, 1]], 2016);
        break;
      case 'family':
        this.couple(home, shape, data.KID_COUNTS.family);
        break;
      case 'three-gen':
      case 'three-gen-elder-head':
        this.threeGenerations(home, kind === 'three-gen-elder-head', shape);
        break;
      case 'elderly-couple': {
        const hy = yearIn(shape.head ?? [62, 90]);
        const h = this.person(home, { sex: 'male', year: hy, relation: 'self', local: r.chance(0.7) });
        this.marry(home, h, this.wife(home, h, this.spouseYear(hy), 'spouse', r.chance(0.6)));
        break;
      }
      case 'single-elderly':
      case 'single': {
        const sex: Sex = r.chance(kind === 'single-elderly' ? 0.7 : 0.5) ? 'female' : 'male';
        const year = yearIn(shape.head ?? (kind === 'single' ? [22, 55] : [65, 90]));
        this.person(home, { sex, year, relation: 'self', local: r.chance(0.6) });
        break;
      }
      case 'single-parent': {
        const sex: Sex = r.chance(0.75) ? 'female' : 'male';
        const year = yearIn(shape.head ?? [28, 50]);
        const parent = this.person(home, { sex, year, relation: 'self', local: r.chance(0.6) });
        const count = r.weighted(data.KID_COUNTS.singleParent);
        const [father, mother] = sex === 'male' ? [parent, undefined] : [undefined, parent];
        this.children(home, father, mother, year + r.int(21, 30), count, 'child');
        break;
      }
    }
    const head = home.members.find((m) => m.relationToHead === 'self')!;
    if (home.since === LAST_DAY) home.since = minDate(addYears(head.dateOfBirth, 20), LAST_DAY);
    this.households.push({
      id: home.id,
      headId: head.personalId,
      memberIds: [head, ...home.members.filter((m) => m !== head)].map((m) => m.personalId),
      address: home.address,
      registeredSince: home.since,
    });
    return home;
  }

  // --- land, businesses, health insurance ----------------------------------------------------------------------

  /** The couple (husband first) or the single head holding the household's land. */
  holders(home: Home): SynthPerson[] {
    const head = home.members.find((m) => m.relationToHead === 'self')!;
    const spouse = home.members.find((m) => m.personalId === head.spouseId);
    return !spouse ? [head] : head.sex === 'male' ? [head, spouse] : [spouse, head];
  }

  parcel(home: Home, farmland: boolean): SynthParcel {
    const r = this.r;
    const { site } = home;
    const code = site.province.code;
    const usePurpose: SynthParcel['usePurpose'] = farmland
      ? r.weighted(data.FARMLAND[site.province.region === 'south' ? 'south' : 'other'])
      : site.urban
        ? 'ODT'
        : 'ONT';
    const [mapSheetNumber, parcelNumber] = this.unique(
      `parcel:${site.commune.code}`,
      () => `${r.int(1, 60)}|${r.int(1, 999)}`,
    ).split('|');
    const big = code === '01' || code === '79';
    const areaM2 = farmland
      ? r.int(300, 3000)
      : site.urban
        ? r.int(big ? 30 : 50, big ? 120 : 200)
        : r.int(100, 500);
    const [ulo, uhi, rlo, rhi] = data.LAND_PRICE[code] ?? data.DEFAULT_LAND_PRICE;
    const millions = farmland
      ? 0.08 + r.int(0, 52) / 100
      : site.urban
        ? r.int(ulo, uhi)
        : rlo + r.int(0, Math.round((rhi - rlo) * 10)) / 10;
    const issuedAt = between(r, maxDate('1995-01-01', minDate(home.since, '2025-06-30')), '2025-06-30');
    const issuedYear = yearOf(issuedAt);
    const series = data.CERTIFICATE_SERIES.find(([until]) => issuedYear <= until)![1];
    const entry = String(this.count(`gcn:${site.commune.code}`)).padStart(5, '0');
    const parcel: SynthParcel = {
      communeCode: site.commune.code,
      mapSheetNumber,
      parcelNumber,
      address: farmland ? this.address(site, home.ethnicity, true) : home.address,
      areaM2,
      usePurpose,
      term: !farmland
        ? 'long-term'
        : issuedYear < 2014
          ? 'until 2063-10-15'
          : `until ${addYears(issuedAt, 50)}`,
      origin: r.pick(farmland ? data.LAND_ORIGINS.agricultural : data.LAND_ORIGINS.residential),
      certificate: {
        serial: this.unique('gcn', () => `${r.pick(series)} ${r.digits(6)}`),
        registerNumber: `${issuedYear < 2015 ? 'CH' : 'CS'} ${entry}`,
        issuedAt,
      },
      holderIds: this.holders(home).map((h) => h.personalId),
      landPricePerM2: Math.round(millions * 1000) * 1000,
    };
    this.parcels.push(parcel);
    return parcel;
  }

  /** A household business run by `owner`, at home or in a shop in the same commune. */
  business(owner: SynthPerson): void {
    const r = this.r;
    const { home, given } = this.meta.get(owner.personalId)!;
    const kind = r.pick(data.BUSINESS_KINDS);
    const codes = [r.pick(kind.codes)];
    const extra = r.pick(data.BUSINESS_KINDS).codes[0];
    if (r.chance(0.25) && !codes.some((c) => c.startsWith(extra) || extra.startsWith(c))) codes.push(extra);
    if (!owner.taxId) this.giveTaxId(owner);
    owner.occupation = 'Kinh doanh tự do';
    const adult = maxDate(addYears(owner.dateOfBirth, 18), '2008-01-01');
    const code = home.site.province.code;
    this.businesses.push({
      ownerId: owner.personalId,
      businessName: `Hộ kinh doanh ${r.pick(kind.signs).replace('{}', given)}`,
      address: home.site.urban && r.chance(0.4) ? this.address(home.site, home.ethnicity) : home.address,
      activityCodes: codes,
      capital: r.int(kind.capital[0], kind.capital[1]) * 1_000_000,
      employees: r.weighted(data.EMPLOYEES),
      registrationNumber: this.unique('hkd', () => `${code}${r.pick([...'ABCDEGHKLM'])}8${r.digits(6)}`),
      taxCode: owner.taxId!,
      registeredAt: between(r, minDate(adult, '2025-06-30'), '2025-06-30'),
    });
  }

  /** The card in force at REFERENCE_DATE: group by age, occupation and place; TE until the 6th year (childCardEnd). */
  healthCard(p: SynthPerson): void {
    const r = this.r;
    const { home } = this.meta.get(p.personalId)!;
    const age = ageAt(p.dateOfBirth);
    const occ = p.occupation ?? '';
    const group =
      age < 6
        ? 'TE'
        : occ === 'Học sinh'
          ? 'HS'
          : occ === 'Sinh viên'
            ? 'SV'
            : home.site.minority && HIGHLAND.has(home.ethnicity)
              ? 'DT'
              : occ === 'Hưu trí'
                ? 'HT'
                : data.DN_OCCUPATIONS.has(occ)
                  ? 'DN'
                  : data.HC_OCCUPATIONS.has(occ)
                    ? 'HC'
                    : age >= 80
                      ? 'BT'
                      : 'GD';
    let validFrom = '2025-10-01';
    let validTo = '2026-09-30';
    if (group === 'TE') [validFrom, validTo] = [p.dateOfBirth, childCardEnd(p.dateOfBirth)];
    else if (group !== 'HS' && group !== 'SV') {
      const month = String(r.int(2, 12)).padStart(2, '0');
      [validFrom, validTo] = [`2025-${month}-01`, addDays(`2026-${month}-01`, -1)];
    }
    const facility = r.chance(0.6) ? home.site.station : r.pick(home.site.hospitals);
    const level = data.CARD_LEVEL[group];
    this.healthCards.push({
      number: `${group}${level}${home.site.province.code}${p.socialInsuranceNumber}`,
      holderId: p.personalId,
      group,
      level,
      facilityCode: facility.code,
      facilityName: facility.name,
      validFrom,
      validTo,
    });
  }
}

/**
 * End of a child's TE card (Decree 146/2018 Art. 13(2)): born on or before 30 September → 30 September of
 * the year the child turns 6; born later → the last day of the month the child turns 6.
 */
export function childCardEnd(dateOfBirth: string): string {
  const y = Number(dateOfBirth.slice(0, 4)) + 6;
  const m = Number(dateOfBirth.slice(5, 7));
  if (m <= 9) return `${y}-09-30`;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${String(m).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/** Lower-case ASCII letters only (for e-mail addresses): no diacritics, đ → d. */
function ascii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

// ---------------------------------------------------------------------------------------------------------------
// Assembly

/** Generates the population for a seed (not memoized, not frozen: use getPopulation). */
export function generatePopulation(seed: number = DEFAULT_SEED): Population {
  const b = new Builder(seed);
  const r = new Rng(seed ^ 0x5eed);
  const inProvince = (code: string) => b.sites.filter((s) => s.province.code === code && !s.minority);
  const hanoiWards = inProvince('01').filter((s) => s.urban);

  // Scenario households first, so that they exist for every seed.
  const birthHome = b.household('young-couple', hanoiWards[0], 'Kinh', {
    head: [28, 34],
    spouse: [25, 31],
    marriedFrom: 2022,
  });
  const deathHome = b.household('three-gen-elder-head', inProvince('79')[0], 'Kinh', {
    link: [52, 58],
    bothElders: true,
    kids: data.KID_COUNTS.singleParent, // one or two grandchildren
  });
  const landHome = b.household('family', hanoiWards[1] ?? hanoiWards[0], 'Kinh', { head: [45, 55] });

  for (let i = b.homes.length; i < HOUSEHOLDS; i++) {
    const cfg = r.weighted(data.PROVINCES.map((p) => [p, p.weight] as const));
    const minority = cfg.minority && r.chance(cfg.minority.share) ? cfg.minority.ethnicity : undefined;
    const sites = b.sites.filter((s) => s.province === cfg && (minority ? s.minority : true));
    const ethnicity: Ethnicity = minority ?? (cfg.code === '79' && r.chance(0.05) ? 'Hoa' : 'Kinh');
    b.household(r.weighted(data.KINDS), r.pick(sites), ethnicity);
  }

  const reserved = new Set(
    [...birthHome.members, ...deathHome.members, ...landHome.members].map((p) => p.personalId),
  );
  const adult = (p: SynthPerson, lo: number, hi: number) =>
    ageAt(p.dateOfBirth) >= lo && ageAt(p.dateOfBirth) <= hi;

  // Land: one home parcel for most households, farmland for some rural ones.
  let landParcel: SynthParcel | undefined;
  for (const home of b.homes) {
    if (home === landHome) landParcel = b.parcel(home, false);
    else if (r.chance(0.88)) b.parcel(home, false);
    if (!home.site.urban && r.chance(0.45)) b.parcel(home, true);
  }

  // Household businesses: not for civil servants, teachers, doctors, pupils or students.
  const mayOwn = (p: SynthPerson) =>
    adult(p, 25, 62) &&
    !reserved.has(p.personalId) &&
    !data.HC_OCCUPATIONS.has(p.occupation ?? '') &&
    p.occupation !== 'Sinh viên';
  const owners = new Set<string>();
  for (const pass of [0.18, 1]) {
    for (const home of b.homes) {
      if (owners.size >= 72) break;
      const candidate = home.members.find((m) => mayOwn(m) && !owners.has(m.personalId));
      if (candidate && (pass === 1 ? owners.size < 64 : r.chance(pass))) {
        owners.add(candidate.personalId);
        b.business(candidate);
      }
    }
  }

  // Scenario citizens outside the scenario households: the buyer and the future business owner.
  const find = (province: string, ok: (p: SynthPerson) => boolean) =>
    b.persons.find(
      (p) => p.permanentAddress.provinceCode === province && !reserved.has(p.personalId) && ok(p),
    )!;
  const transferee = find('01', (p) => adult(p, 28, 50) && p.ethnicity === 'Kinh');
  reserved.add(transferee.personalId);
  const owner = find(
    '79',
    (p) => adult(p, 28, 45) && !owners.has(p.personalId) && p.occupation !== 'Sinh viên',
  );
  const [father, mother] = b.holders(birthHome);
  const [deceased] = b.holders(deathHome);
  const declarant = deathHome.members.find((m) => m.relationToHead === 'child')!;
  for (const p of [father, mother, declarant, transferee, owner, ...b.holders(landHome)])
    if (!p.phone) b.givePhone(p);
  for (const p of [mother, owner]) if (!p.email) b.giveEmail(p);

  // The deceased of the death scenario drew a pension: insured, so the funeral grant is due (BHXH pays it).
  deceased.occupation = 'Hưu trí';
  for (const p of b.persons) b.healthCard(p);

  return assemble(seed, b, {
    birth: {
      motherId: mother.personalId,
      fatherId: father.personalId,
      householdId: birthHome.id,
      healthFacility: { ...birthHome.site.maternity },
    },
    death: { deceasedId: deceased.personalId, declarantId: declarant.personalId, householdId: deathHome.id },
    land: {
      parcel: landParcel!,
      transferorIds: [...landParcel!.holderIds],
      transfereeId: transferee.personalId,
    },
    business: { ownerId: owner.personalId },
  });
}

function assemble(seed: number, b: Builder, scenarios: Population['scenarios']): Population {
  const persons = new Map(b.persons.map((p) => [p.personalId, p]));
  const households = new Map(b.households.map((h) => [h.id, h]));
  return {
    seed,
    persons: b.persons,
    households: b.households,
    parcels: b.parcels,
    businesses: b.businesses,
    healthCards: b.healthCards,
    marriages: b.marriages,
    births: b.births,
    person: (id) => persons.get(id),
    household: (id) => households.get(id),
    scenarios,
  };
}

function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

const cache = new Map<number, Population>();

/** The population for a seed, generated once per process and deeply frozen. */
export function getPopulation(seed: number = DEFAULT_SEED): Population {
  let pop = cache.get(seed);
  if (!pop) {
    pop = deepFreeze(generatePopulation(seed));
    cache.set(seed, pop);
  }
  return pop;
}
