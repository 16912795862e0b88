/**
 * Canonical example inputs built from the shared synthetic population, for the conformance spec and the tests:
 * parties as the hub would send them, and fresh registrations on parcels the simulator has no dossier for.
 */
import type { Population, SynthParcel, SynthPerson } from '../sdk/simulator/population';
import type { RegisterTransferInput } from './mapping-transfer';
import type { Party } from './mapping';
import { buyerFor, freeParcels } from './simulator/records';

/** A citizen as a party to a transfer (partySchema): ID, name, date of birth and residence. */
export function partyOf(p: SynthPerson): Party {
  return {
    kind: 'individual',
    fullName: p.fullName,
    personalId: p.personalId,
    dateOfBirth: p.dateOfBirth,
    address: { text: p.permanentAddress.text },
  };
}

export const keyOf = (p: SynthParcel) => ({
  communeCode: p.communeCode,
  mapSheetNumber: p.mapSheetNumber,
  parcelNumber: p.parcelNumber,
});

/** A transfer of `parcel` from its holders to `buyer`, declared at the table price rounded to millions. */
export function transferOf(
  pop: Population,
  parcel: SynthParcel,
  buyer: SynthPerson,
  dossierCode: string,
): RegisterTransferInput {
  return {
    dossierCode,
    kind: 'transfer',
    parcel: keyOf(parcel),
    transferors: parcel.holderIds.map((id) => partyOf(pop.person(id) as SynthPerson)),
    transferees: [partyOf(buyer)],
    contract: {
      number: `${dossierCode}/HĐCN`,
      notarisedAt: '2025-12-10',
      notary: 'Văn phòng công chứng Hà Thành',
    },
    declaredPrice: Math.round((parcel.areaM2 * parcel.landPricePerM2) / 1_000_000) * 1_000_000,
  };
}

let registrations = 0;

/**
 * A registration on the next parcel without a dossier. The simulator refuses a second pending change on a
 * parcel, so each call takes another parcel (in a fresh simulator, the first hundreds are all free).
 */
export function nextRegistration(pop: Population, prefix = 'HS-CONF'): RegisterTransferInput {
  const free = freeParcels(pop);
  const n = registrations++;
  const parcel = free[n % free.length];
  return transferOf(pop, parcel, buyerFor(parcel, pop, n), `${prefix}-${n + 1}-${Date.now()}`);
}
