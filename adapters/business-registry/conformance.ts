/** The conformance spec of business-registry: examples that must work against its simulator, and refusals. */
import type { ConformanceSpec } from '../sdk/conformance';
import { compact } from '../sdk';
import { ageAt, getPopulation, type SynthAddress, type SynthPerson } from '../sdk/simulator/population';
import { adapter } from './index';
import { createBusinessRegistrySimulator } from './simulator';
import { LATEST_CATALOGUE } from '../../contracts/validators/admin-units';

/** An address of the population as a canonical address@1 (latest catalogue). */
export function canonicalAddress(a: SynthAddress): Record<string, unknown> {
  return compact({
    text: a.text,
    houseNumber: a.houseNumber || undefined,
    street: a.street,
    hamlet: a.hamlet,
    communeCode: a.communeCode,
    provinceCode: a.provinceCode,
    catalogue: LATEST_CATALOGUE,
  });
}

/** A registration request for `owner`, trading at home. */
export function registration(owner: SynthPerson, businessName: string): Record<string, unknown> {
  return compact({
    owner: { personalId: owner.personalId, fullName: owner.fullName },
    businessName,
    address: canonicalAddress(owner.permanentAddress),
    activityCodes: ['4711', '5630'],
    capital: 150_000_000,
    employees: 2,
    phone: owner.phone,
  });
}

let registrations = 0;

export function conformance(): ConformanceSpec {
  const pop = getPopulation();
  const owners = new Set(pop.businesses.map((b) => b.ownerId));
  // Writes the registry refuses to repeat (one business per owner) need a fresh adult per call. Aged 20 or
  // more on the population's reference date, so they stay adults whenever the suite runs; the business
  // scenario's owner is kept for the demo.
  const free = pop.persons.filter(
    (p) =>
      ageAt(p.dateOfBirth) >= 20 &&
      !owners.has(p.personalId) &&
      p.personalId !== pop.scenarios.business.ownerId,
  );
  const fresh = () => {
    const n = ++registrations;
    return registration(free[n % (free.length - 10)], `Hộ kinh doanh Tạp hóa Thử Nghiệm ${n}`);
  };
  const spare = free.slice(-10);
  const minor = pop.persons.find((p) => ageAt(p.dateOfBirth) < 15)!;
  // A registered name in its commune, written with the other tone placement: the same name to the registry.
  const taken = pop.businesses.find((b) => /hoá/.test(b.businessName)) ?? pop.businesses[0];
  const sameNameElsewhere = {
    ...registration(spare[0], taken.businessName.replace('hoá', 'hóa')),
    address: canonicalAddress(taken.address),
  };
  const existing = pop.businesses[3];

  return {
    adapter: adapter as ConformanceSpec['adapter'],
    simulator: createBusinessRegistrySimulator,
    examples: {
      'household-business/v1': [
        { registrationNumber: pop.businesses[0].registrationNumber },
        { ownerPersonalId: pop.businesses[7].ownerId },
      ],
      'register-household-business/v1': [fresh],
    },
    refusals: [
      { service: 'household-business/v1', input: { registrationNumber: '00004-8-999999' }, notFound: true },
      { service: 'household-business/v1', input: { ownerPersonalId: spare[1].personalId }, notFound: true },
      // TRUNG_TEN
      { service: 'register-household-business/v1', input: sameNameElsewhere },
      // CHU_HO_DA_CO_HO_KINH_DOANH
      {
        service: 'register-household-business/v1',
        input: registration(pop.person(existing.ownerId)!, 'Hộ kinh doanh Quán Mới'),
      },
      // CHU_HO_CHUA_DU_18_TUOI
      { service: 'register-household-business/v1', input: registration(minor, 'Hộ kinh doanh Tuổi Nhỏ') },
      // MA_NGANH_KHONG_HOP_LE
      {
        service: 'register-household-business/v1',
        input: { ...registration(spare[2], 'Hộ kinh doanh Ngành Lạ'), activityCodes: ['9999'] },
      },
    ],
  };
}
