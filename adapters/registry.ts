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
];

export function findAdapter(id: string): RegisteredAdapter | undefined {
  return ADAPTERS.find((a) => a.adapter.id === id);
}
