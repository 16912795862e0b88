/**
 * The population builder, complete: households (households.ts) and people (persons.ts) plus what they own or
 * hold: land parcels with their certificates, household businesses (registered under the owner's tax code) and
 * the health-insurance card in force at the reference date, with the end date of a child's card.
 */
import * as data from '../names';
import { addDays, addYears, ageAt, between, maxDate, minDate, yearOf } from './dates';
import { HouseholdBuilder } from './households';
import { HIGHLAND, type Home } from './persons';
import type { SynthBusiness, SynthHealthCard, SynthParcel, SynthPerson } from './types';

/** Builds the whole population, household by household; generatePopulation (index.ts) drives it. */
export class Builder extends HouseholdBuilder {
  readonly parcels: SynthParcel[] = [];
  readonly businesses: SynthBusiness[] = [];
  readonly healthCards: SynthHealthCard[] = [];

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
