/**
 * The second layer of the population builder: families and households. Marriages (with their register
 * entries), children (patrilineal, or matrilineal for Ê Đê families), couples, three-generation households,
 * elderly and single-person households, and the household record itself with its head and members.
 */
import * as data from '../names';
import type { Ethnicity, Weighted } from '../names';
import { FIRST_YEAR, LAST_DAY, LAST_YEAR, addYears, between, minDate, yearOf } from './dates';
import { PersonBuilder, type Home, type Sex } from './persons';
import type { Site } from './sites';
import type { Relation, SynthHousehold, SynthMarriage, SynthPerson } from './types';

/** Ranges (age at the end of 2025) and choices that the scenario households pin down. */
export interface Shape {
  head?: [number, number];
  spouse?: [number, number];
  link?: [number, number];
  kids?: Weighted<number>;
  marriedFrom?: number;
  bothElders?: boolean;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(Math.max(x, lo), hi);

/** Families and households over people (persons.ts); land, businesses and health cards come on top (builder.ts). */
export class HouseholdBuilder extends PersonBuilder {
  readonly households: SynthHousehold[] = [];
  readonly marriages: SynthMarriage[] = [];

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
}
