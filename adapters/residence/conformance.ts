/** The conformance spec of residence: examples that must work against its simulator, and refusals. */
import type { ConformanceSpec } from '../sdk/conformance';
import { getPopulation, type SynthPerson } from '../sdk/simulator/population';
import { adapter } from './index';
import { createResidenceSimulator } from './simulator';

export function conformance(): ConformanceSpec {
  const pop = getPopulation();
  const { birth, death } = pop.scenarios;
  const birthHome = pop.household(birth.householdId)!;
  const scenarioHomes = new Set([birth.householdId, death.householdId]);
  // Writes the upstream refuses to repeat need fresh data per call: newborn IDs (2025, male, Hà Nội, a
  // serial range the population database simulator does not use) and members of ordinary households.
  let newborns = 0;
  const removable: SynthPerson[] = pop.persons.filter(
    (p) => p.relationToHead !== 'self' && !scenarioHomes.has(p.householdId),
  );
  let removals = 0;
  const nextMember = () => removable[removals++ % removable.length];

  return {
    adapter: adapter as ConformanceSpec['adapter'],
    simulator: createResidenceSimulator,
    examples: {
      'household/v1': [{ householdId: birth.householdId }, { personalId: death.declarantId }],
      'register-permanent-residence/v1': [
        () => ({
          householdId: birth.householdId,
          personalId: `0012258${String(++newborns).padStart(5, '0')}`,
          fullName: 'Phạm Lê Minh An',
          dateOfBirth: '2025-12-20',
          relationToHead: 'child',
          headConsent: { personalId: birthHome.headId, confirmedAt: new Date().toISOString() },
        }),
      ],
      'remove-permanent-residence/v1': [
        () => ({ personalId: nextMember().personalId, reason: 'moved' }),
        () => ({
          personalId: nextMember().personalId,
          reason: 'death',
          deathRegisterNumber: '15/2026',
        }),
      ],
    },
    refusals: [
      { service: 'household/v1', input: { householdId: 'HK0100000000' }, notFound: true },
      { service: 'household/v1', input: { personalId: '001099999999' }, notFound: true },
      {
        service: 'register-permanent-residence/v1',
        input: {
          householdId: 'HK0100000000',
          personalId: '001225700001',
          fullName: 'Phạm Minh Khang',
          dateOfBirth: '2025-12-01',
          relationToHead: 'child',
          headConsent: { personalId: birthHome.headId, confirmedAt: '2025-12-05T09:00:00+07:00' },
        },
        notFound: true,
      },
      {
        // Consent given by the mother, who is not the head of household.
        service: 'register-permanent-residence/v1',
        input: {
          householdId: birth.householdId,
          personalId: '001225700002',
          fullName: 'Phạm Minh Khang',
          dateOfBirth: '2025-12-01',
          relationToHead: 'child',
          headConsent: { personalId: birth.motherId, confirmedAt: '2025-12-05T09:00:00+07:00' },
        },
      },
      {
        // The mother is already registered in her own household (DA_DANG_KY_THUONG_TRU).
        service: 'register-permanent-residence/v1',
        input: {
          householdId: death.householdId,
          personalId: birth.motherId,
          fullName: pop.person(birth.motherId)!.fullName,
          dateOfBirth: pop.person(birth.motherId)!.dateOfBirth,
          relationToHead: 'other',
          headConsent: { personalId: death.deceasedId, confirmedAt: '2025-12-05T09:00:00+07:00' },
        },
      },
      {
        service: 'remove-permanent-residence/v1',
        input: { personalId: '001099999999', reason: 'other' },
        notFound: true,
      },
    ],
  };
}
