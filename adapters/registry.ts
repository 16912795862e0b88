/**
 * The explicit list of adapters (CONVENTIONS §1: registered here, never discovered by scanning
 * folders), each with its simulator and its conformance spec.
 */
import type { ConformanceSpec } from './sdk/conformance/checks';
import type { Simulator, SimulatorOptions } from './sdk/simulator/server';
import type { AdapterDefinition } from './sdk/types';
import { adapter as nationalPopulation } from './national-population';
import { conformance as nationalPopulationConformance } from './national-population/conformance';
import { createPopulationSimulator } from './national-population/simulator';
import { adapter as nationalPortal } from './national-portal';
import { conformance as nationalPortalConformance } from './national-portal/conformance';
import { createPortalSimulator } from './national-portal/simulator';
import { adapter as notify } from './notify';
import { conformance as notifyConformance } from './notify/conformance';
import { createNotifySimulator } from './notify/simulator';
import { adapter as residence } from './residence';
import { conformance as residenceConformance } from './residence/conformance';
import { createResidenceSimulator } from './residence/simulator';
import { adapter as healthInsurance } from './health-insurance';
import { conformance as healthInsuranceConformance } from './health-insurance/conformance';
import { createHealthInsuranceSimulator } from './health-insurance/simulator';
import { adapter as civilStatus } from './civil-status';
import { conformance as civilStatusConformance } from './civil-status/conformance';
import { createCivilStatusSimulator } from './civil-status/simulator';
import { adapter as landRegistry } from './land-registry';
import { conformance as landRegistryConformance } from './land-registry/conformance';
import { createLandRegistrySimulator } from './land-registry/simulator';
import { adapter as tax } from './tax';
import { conformance as taxConformance } from './tax/conformance';
import { createTaxSimulator } from './tax/simulator';
import { adapter as oneStopLegacy } from './one-stop-legacy';
import { conformance as oneStopLegacyConformance } from './one-stop-legacy/conformance';
import { createOneStopLegacySimulator } from './one-stop-legacy/simulator';
import { adapter as businessRegistry } from './business-registry';
import { conformance as businessRegistryConformance } from './business-registry/conformance';
import { createBusinessRegistrySimulator } from './business-registry/simulator';

export interface RegisteredAdapter {
  adapter: AdapterDefinition;
  simulator(opts?: SimulatorOptions): Simulator;
  conformance(): ConformanceSpec;
}

export const ADAPTERS: RegisteredAdapter[] = [
  {
    adapter: nationalPopulation as AdapterDefinition,
    simulator: createPopulationSimulator,
    conformance: nationalPopulationConformance,
  },
  {
    adapter: nationalPortal as AdapterDefinition,
    simulator: createPortalSimulator,
    conformance: nationalPortalConformance,
  },
  { adapter: notify as AdapterDefinition, simulator: createNotifySimulator, conformance: notifyConformance },
  {
    adapter: residence as AdapterDefinition,
    simulator: createResidenceSimulator,
    conformance: residenceConformance,
  },
  {
    adapter: healthInsurance as AdapterDefinition,
    simulator: createHealthInsuranceSimulator,
    conformance: healthInsuranceConformance,
  },
  {
    adapter: civilStatus as AdapterDefinition,
    simulator: createCivilStatusSimulator,
    conformance: civilStatusConformance,
  },
  {
    adapter: landRegistry as AdapterDefinition,
    simulator: createLandRegistrySimulator,
    conformance: landRegistryConformance,
  },
  { adapter: tax as AdapterDefinition, simulator: createTaxSimulator, conformance: taxConformance },
  {
    adapter: oneStopLegacy as AdapterDefinition,
    simulator: createOneStopLegacySimulator,
    conformance: oneStopLegacyConformance,
  },
  {
    adapter: businessRegistry as AdapterDefinition,
    simulator: createBusinessRegistrySimulator,
    conformance: businessRegistryConformance,
  },
];

export function findAdapter(id: string): RegisteredAdapter | undefined {
  return ADAPTERS.find((a) => a.adapter.id === id);
}
