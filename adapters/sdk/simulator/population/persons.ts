/**
 * The first layer of the population builder: the generator's state and its unique-value and register-number
 * helpers, the sites (chosen in the constructor, the first draws of a seed), homes and their addresses, and
 * people: names by ethnicity, era and region, personal IDs, birth records, occupations, phones, e-mail
 * addresses, tax codes and legacy identity cards. Families and households build on it (households.ts), land,
 * businesses and health cards on those (builder.ts).
 */
import { PROVINCE_PREFIXES } from '../../../../contracts/validators/personal-id';
import { taxCheckDigit } from '../../../../contracts/validators/tax-code';
import * as data from '../names';
import type { Ethnicity, Region } from '../names';
import { LAST_DAY, addDays, ageAt, between, minDate, yearOf } from './dates';
import { Rng } from './random';
import { selectSites, type Site } from './sites';
import type { Relation, SynthAddress, SynthBirthRecord, SynthPerson } from './types';

export type Sex = 'male' | 'female';

export interface PersonSpec {
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

export interface Home {
  id: string;
  site: Site;
  address: SynthAddress;
  ethnicity: Ethnicity;
  religion?: string;
  members: SynthPerson[];
  since: string;
}

export interface Meta {
  family: string;
  given: string;
  home: Home;
}

const TONE = new Map(Object.entries(data.OLD_TONE_PLACEMENT));
/** A drawn 9-digit mobile moved into the allocated part of its prefix (no extra draw: other values stay put). */
function allocated(nsn: string): string {
  const allowed = data.PARTIAL_MOBILE_PREFIX[nsn.slice(0, 2)];
  return allowed ? nsn.slice(0, 2) + allowed[Number(nsn[2]) % allowed.length] + nsn.slice(3) : nsn;
}

export const HIGHLAND: ReadonlySet<string> = new Set(['Ê Đê', 'Mông']);

/** People and their homes: the base of the population builder (see households.ts and builder.ts). */
export class PersonBuilder {
  protected readonly r: Rng;
  readonly persons: SynthPerson[] = [];
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
  protected unique(ns: string, make: () => string): string {
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
  protected count(key: string): number {
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
    const subscriber = this.unique('phone', () =>
      allocated(`${r.weighted(data.MOBILE_PREFIXES)}${r.digits(7)}`),
    );
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
