/**
 * One deterministic synthetic population shared by every simulated agency (population database, civil status,
 * residence, land registry, tax, health insurance, the national portal, the legacy one-stop system), so that one
 * citizen's data agrees across agencies.
 *
 * Pure and deterministic: a seeded PRNG (mulberry32), a fixed reference date (REFERENCE_DATE, never the clock),
 * and the latest commune catalogue. getPopulation() memoizes per seed and returns a deeply frozen object:
 * simulators keep their own changes (a newborn, a death) on the side.
 *
 * Conventions:
 * - Personal ID prefix = the OLD province where the birth was registered: the old province of the household's
 *   commune for people born where they live (074 for a ward of TP.HCM that was in Bình Dương), another old
 *   province for migrants and many spouses. Births registered from 2025-07-01 use the current province code
 *   (every current code is also an old one).
 * - Civil-status records (births, marriages) carry the post-reform code of the registering commune, also for
 *   events before the reform; addresses carry a merged legacy commune for legacy systems.
 * - A household business's tax code is its owner's personal 10-digit tax code (Circular 105/2020 practice).
 * - Ê Đê families are matrilineal: children take the mother's clan name and the husband lives with the wife's
 *   family. Every other family is patrilineal.
 * - Codes without a public layout (household ids, facility codes, business registration numbers, certificate
 *   series) are synthetic but shaped like the real ones.
 */
import * as data from '../names';
import type { Ethnicity } from '../names';
import { Builder } from './builder';
import { ageAt } from './dates';
import { DEFAULT_SEED, Rng } from './random';
import type { Population, SynthParcel, SynthPerson } from './types';

// The module layout: types.ts (the shapes), random.ts and dates.ts (seeded draws, date arithmetic), sites.ts
// (communes, legacy units, health facilities), persons.ts → households.ts → builder.ts (the builder, in layers),
// and here the assembly and the per-seed cache. Everything public is re-exported here, under the same names.
export { DEFAULT_SEED, mulberry32 } from './random';
export { REFERENCE_DATE, ageAt } from './dates';
export { listCommunes } from './sites';
export { childCardEnd } from './builder';
export type {
  CatalogueCommune,
  Population,
  Relation,
  SynthAddress,
  SynthBirthRecord,
  SynthBusiness,
  SynthHealthCard,
  SynthHousehold,
  SynthMarriage,
  SynthParcel,
  SynthPerson,
} from './types';

const HOUSEHOLDS = 440;

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
