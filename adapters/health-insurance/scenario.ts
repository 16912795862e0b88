/**
 * The documented data of the birth scenario at Vietnam Social Security, for the procedure tests and the demo:
 * the number of the electronic birth certificate the simulator holds for the scenario's couple
 * (getPopulation().scenarios.birth), "GCS-01001-0000001" — issued by the scenario's maternity hospital
 * (01001, Bệnh viện Phụ sản Hà Nội) for a boy born 3 days before the simulator's "today", at 08:45, 3,200 g.
 * Read it with birth-certificate/v1 and the scenario's motherId. A certificate can be registered only once:
 * tests that register births create fresh certificates with `POST /__sim/birth-certificates` (simulator.ts).
 */
import { getPopulation } from '../sdk/simulator/population';
import { plannedBirthCertificates } from './simulator/birth-certificates';

let cached: string | undefined;

export function scenarioBirthCertificateNumber(): string {
  cached ??= plannedBirthCertificates(getPopulation())[0].number;
  return cached;
}
