/** The conformance spec of national-population: examples that must work against its simulator. */
import type { ConformanceSpec } from '../sdk/conformance';
import { getPopulation } from '../sdk/simulator/population';
import { adapter } from './index';
import { createPopulationSimulator } from './simulator';

let certificates = 0;

export function conformance(): ConformanceSpec {
  const pop = getPopulation();
  const { motherId, fatherId } = pop.scenarios.birth;
  const someone = pop.persons[17];
  return {
    adapter: adapter as ConformanceSpec['adapter'],
    simulator: createPopulationSimulator,
    examples: {
      'person-by-id/v1': [{ personalId: motherId }, { personalId: someone.personalId }],
      'identity-check/v1': [
        { personalId: someone.personalId, fullName: someone.fullName, dateOfBirth: someone.dateOfBirth },
        { personalId: someone.personalId, fullName: 'Người Khác', dateOfBirth: someone.dateOfBirth },
      ],
      'issue-personal-id/v1': [
        () => ({
          fullName: 'Phạm Lê Minh An',
          dateOfBirth: '2025-12-20',
          sex: 'male',
          birthProvinceCode: '01',
          motherId,
          fatherId,
          birthCertificateNumber: `GCS-CONF-${++certificates}-${Date.now()}`,
        }),
      ],
    },
    refusals: [{ service: 'person-by-id/v1', input: { personalId: '001099999999' }, notFound: true }],
  };
}
