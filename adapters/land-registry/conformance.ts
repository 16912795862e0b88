/**
 * The conformance spec of land-registry: examples that must work against its simulator. The simulator starts
 * with dossiers awaiting their slip and dossiers awaiting payment (simulator/records.ts); the write examples
 * take the next one each time, because the registry refuses to slip or complete a dossier twice.
 */
import type { ConformanceSpec } from '../sdk/conformance';
import { getPopulation, type SynthPerson } from '../sdk/simulator/population';
import { keyOf, nextRegistration, partyOf, transferOf } from './examples';
import { adapter } from './index';
import { buyerFor, createLandRegistrySimulator, seedDossiers, seededDossierCodes } from './simulator';

let slips = 0;
let completions = 0;

export function conformance(): ConformanceSpec {
  const pop = getPopulation();
  const seeded = seededDossierCodes(pop);
  // The last dossier awaiting its slip keeps its parcel under a pending change all suite long.
  const pendingParcel = seedDossiers(pop).received.at(-1)!.parcel;
  const scenario = pop.scenarios.land.parcel;
  const farmland = pop.parcels.find((p) => p.usePurpose !== 'ODT' && p.usePurpose !== 'ONT')!;
  const stranger = pop.person(pop.scenarios.land.transfereeId) as SynthPerson;
  return {
    adapter: adapter as ConformanceSpec['adapter'],
    simulator: createLandRegistrySimulator,
    examples: {
      'parcel/v1': [keyOf(scenario), keyOf(farmland)],
      'register-transfer/v1': [() => nextRegistration(pop)],
      'issue-information-slip/v1': [
        () => ({ dossierCode: seeded.received[slips++ % seeded.received.length] }),
      ],
      'complete-transfer/v1': [
        () => ({
          dossierCode: seeded.slipped[completions++ % seeded.slipped.length],
          vouchers: [
            {
              noticeNumber: `000${completions}/TB-10100`,
              voucherNumber: `CT-KB-${completions}-${Date.now()}`,
              paidAt: '2025-12-28T10:15:00+07:00',
              amount: 70_000_000,
            },
          ],
        }),
      ],
    },
    refusals: [
      {
        service: 'parcel/v1',
        input: { communeCode: scenario.communeCode, mapSheetNumber: '999999', parcelNumber: '1' },
        notFound: true,
      },
      {
        // Someone who holds none of the parcel cannot transfer it.
        service: 'register-transfer/v1',
        input: { ...nextRegistration(pop, 'HS-STRANGER'), transferors: [partyOf(stranger)] },
      },
      {
        // A second change on a parcel with one pending, by its rightful holders.
        service: 'register-transfer/v1',
        input: transferOf(pop, pendingParcel, buyerFor(pendingParcel, pop, 3), 'HS-REFUSE-PENDING'),
      },
      { service: 'issue-information-slip/v1', input: { dossierCode: 'HS-KHONG-CO' }, notFound: true },
      {
        service: 'complete-transfer/v1',
        input: {
          dossierCode: 'HS-KHONG-CO',
          vouchers: [
            { noticeNumber: '1/TB', voucherNumber: 'CT-1', paidAt: '2025-12-28T10:15:00+07:00', amount: 1 },
          ],
        },
        notFound: true,
      },
    ],
  };
}
