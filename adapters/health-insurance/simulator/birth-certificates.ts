/**
 * Which electronic birth certificates the health-insurance simulator holds from the start, and where the
 * facilities stand. Pure and deterministic (no clock): the birth scenario's certificate first, then one for
 * each of a few other young couples of the shared population; the dates are set by the book
 * (birth-certificate-book.ts) from its clock. Certificate numbers are synthetic: "GCS-" + the facility code +
 * "-" + a 7-digit serial of the facility.
 */
import { LATEST_CATALOGUE, lookupProvince } from '../../../contracts/validators/admin-units';
import { ageAt, listCommunes, type Population, type SynthPerson } from '../../sdk/simulator/population';
import { facilitiesOf } from './dialect';

/** A facility with the commune and province it stands in (latest catalogue). */
export interface FacilityPlace {
  code: string;
  name: string;
  communeCode: string;
  provinceCode: string;
  /** "<commune>, <province>" */
  text: string;
}

export interface PlannedCertificate {
  number: string;
  motherId: string;
  fatherId: string;
  facility: FacilityPlace;
  /** How many days before "today" the child was born: under 60, so the birth can be registered in time. */
  daysOld: number;
  /** HH:mm */
  timeOfBirth: string;
  sex: 'male' | 'female';
  weightGrams: number;
}

export const certificateNumber = (facilityCode: string, serial: number): string =>
  `GCS-${facilityCode}-${String(serial).padStart(7, '0')}`;

/**
 * Hospitals the population names without saying where they stand. Bệnh viện Phụ sản Hà Nội (the birth
 * scenario's maternity hospital, 01001) is on La Thành street in the former Phường Ngọc Khánh, which the 2025
 * reform split; the simulator places it in Phường Giảng Võ (00025). Unverified: a convention of the simulator.
 */
const HOSPITAL_COMMUNES: Readonly<Record<string, string>> = { '01001': '00025' };

/** Every facility whose place the simulator knows: commune health stations (by name) and HOSPITAL_COMMUNES. */
export function facilityPlaces(pop: Population): ReadonlyMap<string, FacilityPlace> {
  const places = new Map<string, FacilityPlace>();
  for (const [code, name] of facilitiesOf(pop)) {
    const provinceCode = code.slice(0, 2);
    const communeName = name.startsWith('Trạm Y tế ') ? name.slice('Trạm Y tế '.length) : undefined;
    const commune = listCommunes(provinceCode).find((c) =>
      communeName ? c.name === communeName : c.code === HOSPITAL_COMMUNES[code],
    );
    const province = lookupProvince(provinceCode, LATEST_CATALOGUE);
    if (!commune || !province) continue;
    const text = `${commune.name}, ${province.name}`;
    places.set(code, { code, name, communeCode: commune.code, provinceCode, text });
  }
  return places;
}

/** The commune health station of where a person lives, when the simulator knows it. */
export function stationOf(
  p: SynthPerson,
  places: ReadonlyMap<string, FacilityPlace>,
): FacilityPlace | undefined {
  const name = `Trạm Y tế ${p.permanentAddress.communeName}`;
  return [...places.values()].find(
    (f) => f.name === name && f.provinceCode === p.permanentAddress.provinceCode,
  );
}

/** Other couples with a certificate: married, living together, the mother 20–38, no child born since 2025. */
const OTHER_COUPLES = 5;

export function plannedBirthCertificates(pop: Population): PlannedCertificate[] {
  const places = facilityPlaces(pop);
  const { birth } = pop.scenarios;
  const serials = new Map<string, number>();
  const numberAt = (facility: string) => {
    const n = (serials.get(facility) ?? 0) + 1;
    serials.set(facility, n);
    return certificateNumber(facility, n);
  };
  const scenarioFacility = places.get(birth.healthFacility.code)!;
  const plan: PlannedCertificate[] = [
    {
      number: numberAt(scenarioFacility.code),
      motherId: birth.motherId,
      fatherId: birth.fatherId,
      facility: scenarioFacility,
      daysOld: 3,
      timeOfBirth: '08:45',
      sex: 'male',
      weightGrams: 3200,
    },
  ];
  const recentMothers = new Set(
    pop.persons.filter((p) => p.motherId && p.dateOfBirth >= '2025-01-01').map((p) => p.motherId),
  );
  for (const m of pop.marriages) {
    if (plan.length > OTHER_COUPLES) break;
    const [x, y] = m.spouseIds.map((id) => pop.person(id)!);
    const [mother, father] = x.sex === 'female' ? [x, y] : [y, x];
    const age = ageAt(mother.dateOfBirth);
    const facility = stationOf(mother, places);
    if (
      mother.personalId === birth.motherId ||
      mother.householdId !== father.householdId ||
      age < 20 ||
      age > 38 ||
      recentMothers.has(mother.personalId) ||
      !facility
    )
      continue;
    const k = plan.length;
    plan.push({
      number: numberAt(facility.code),
      motherId: mother.personalId,
      fatherId: father.personalId,
      facility,
      daysOld: 6 * k,
      timeOfBirth: `${String(5 + 3 * k).padStart(2, '0')}:${String((17 * k) % 60).padStart(2, '0')}`,
      sex: k % 2 ? 'female' : 'male',
      weightGrams: 2700 + 150 * k,
    });
  }
  return plan;
}
