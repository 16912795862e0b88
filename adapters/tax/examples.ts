/**
 * Canonical example inputs built from the shared synthetic population, for the conformance spec and the tests:
 * registrations of people the authority does not know yet, and Mẫu 15 slips as the land office sends them.
 */
import { LATEST_CATALOGUE, lookupProvince } from '../../contracts/validators/admin-units';
import type { Population, SynthAddress, SynthParcel, SynthPerson } from '../sdk/simulator/population';
import type { CanonicalAddress, Party, RegisterTaxpayerInput } from './mapping';
import type { InformationSlip } from './mapping-obligations';

export const addressOf = (a: SynthAddress): CanonicalAddress => ({
  text: a.text,
  houseNumber: a.houseNumber || undefined,
  street: a.street,
  hamlet: a.hamlet,
  communeCode: a.communeCode,
  provinceCode: a.provinceCode,
  catalogue: LATEST_CATALOGUE,
});

export const partyOf = (p: SynthPerson): Party => ({
  kind: 'individual',
  fullName: p.fullName,
  personalId: p.personalId,
  dateOfBirth: p.dateOfBirth,
});

/** Adults the authority has no record of (no older tax code, no business), the business scenario aside. */
export function unregistered(pop: Population): SynthPerson[] {
  const owners = new Set(pop.businesses.map((b) => b.ownerId));
  return pop.persons.filter(
    (p) =>
      !p.taxId &&
      !owners.has(p.personalId) &&
      p.personalId !== pop.scenarios.business.ownerId &&
      p.dateOfBirth < '2007-01-01',
  );
}

let registrations = 0;

/** The next unknown person's registration: as an individual, or (business = true) as a household business. */
export function nextRegistration(pop: Population, business: boolean): RegisterTaxpayerInput {
  const pool = unregistered(pop);
  const p = pool[registrations++ % pool.length];
  const base = { taxpayer: partyOf(p), address: addressOf(p.permanentAddress) };
  if (!business) return base;
  const given = p.fullName.split(' ').pop();
  return {
    ...base,
    businessName: `Hộ kinh doanh Tạp hoá ${given}`,
    activityCodes: ['4711', '4722'],
    capital: 80_000_000,
  };
}

/** The Mẫu 15 slip for a transfer of `parcel` from its holders to `buyer`. */
export function slipFor(
  pop: Population,
  parcel: SynthParcel,
  buyer: SynthPerson,
  n: number,
): InformationSlip {
  const province = parcel.address.provinceCode;
  const name = lookupProvince(province, LATEST_CATALOGUE)!.name;
  return {
    slipNumber: `${String(n).padStart(6, '0')}/PCTT-VPDK${province}`,
    issuedAt: '2025-12-22T09:00:00+07:00',
    landOffice: { code: `VPDKDD-${province}`, name: `Văn phòng Đăng ký đất đai ${name}` },
    parcel: {
      communeCode: parcel.communeCode,
      mapSheetNumber: parcel.mapSheetNumber,
      parcelNumber: parcel.parcelNumber,
    },
    address: addressOf(parcel.address),
    areaM2: parcel.areaM2,
    usePurpose: parcel.usePurpose,
    transferors: parcel.holderIds.map((id) => partyOf(pop.person(id)!)),
    transferees: [partyOf(buyer)],
    // Declared at 90% of the table value, rounded to millions: the table value then decides.
    declaredPrice: Math.round((parcel.areaM2 * parcel.landPricePerM2 * 0.9) / 1e6) * 1e6,
    landPricePerM2: parcel.landPricePerM2,
  };
}

let slips = 0;

/** A slip for the next parcel, under a fresh dossier code (the authority notifies a dossier once). */
export function nextObligationsRequest(pop: Population): {
  dossierCode: string;
  informationSlip: InformationSlip;
} {
  const n = slips++;
  const parcel = pop.parcels[(n * 13) % pop.parcels.length];
  const buyer = pop.persons.find(
    (x) =>
      x.permanentAddress.provinceCode === parcel.address.provinceCode &&
      !parcel.holderIds.includes(x.personalId),
  )!;
  return {
    dossierCode: `HS-CONF-${n + 1}-${Date.now()}`,
    informationSlip: slipFor(pop, parcel, buyer, n + 1),
  };
}
