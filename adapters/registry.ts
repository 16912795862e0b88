/**
 * The explicit list of adapters (CONVENTIONS §1: registered here, never discovered by scanning
 * folders), each with its simulator and its conformance spec. Each entry is loaded only when asked for
 * (the `require` inside it), so that an adapter that does not load — half written, or broken — breaks
 * only what uses it: `lienthong adapter check <another>`, `adapter list` (which reports it) and a hub
 * whose configuration does not name it keep working. `lienthong adapter new` adds its entry above the
 * marker line at the end of the list.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- adapters load on demand, one by one */
import type { ConformanceSpec } from './sdk/conformance/checks';
import type { Simulator, SimulatorOptions } from './sdk/simulator/server';
import type { AdapterDefinition } from './sdk/types';

export interface RegisteredAdapter {
  adapter: AdapterDefinition;
  simulator(opts?: SimulatorOptions): Simulator;
  conformance(): ConformanceSpec;
}

export interface RegistryEntry {
  id: string;
  /** Loads the adapter (once); throws what loading it throws. */
  load(): RegisteredAdapter;
}

function entry(id: string, load: () => RegisteredAdapter): RegistryEntry {
  let loaded: RegisteredAdapter | undefined;
  return {
    id,
    load() {
      loaded ??= load();
      if (loaded.adapter.id !== id)
        throw new Error(`registry entry ${id} loads adapter ${loaded.adapter.id}`);
      return loaded;
    },
  };
}

export const REGISTRY: readonly RegistryEntry[] = [
  entry('national-population', () => ({
    adapter: (require('./national-population') as typeof import('./national-population'))
      .adapter as AdapterDefinition,
    simulator: (
      require('./national-population/simulator') as typeof import('./national-population/simulator')
    ).createPopulationSimulator,
    conformance: (
      require('./national-population/conformance') as typeof import('./national-population/conformance')
    ).conformance,
  })),
  entry('national-portal', () => ({
    adapter: (require('./national-portal') as typeof import('./national-portal'))
      .adapter as AdapterDefinition,
    simulator: (require('./national-portal/simulator') as typeof import('./national-portal/simulator'))
      .createPortalSimulator,
    conformance: (require('./national-portal/conformance') as typeof import('./national-portal/conformance'))
      .conformance,
  })),
  entry('notify', () => ({
    adapter: (require('./notify') as typeof import('./notify')).adapter as AdapterDefinition,
    simulator: (require('./notify/simulator') as typeof import('./notify/simulator')).createNotifySimulator,
    conformance: (require('./notify/conformance') as typeof import('./notify/conformance')).conformance,
  })),
  entry('residence', () => ({
    adapter: (require('./residence') as typeof import('./residence')).adapter as AdapterDefinition,
    simulator: (require('./residence/simulator') as typeof import('./residence/simulator'))
      .createResidenceSimulator,
    conformance: (require('./residence/conformance') as typeof import('./residence/conformance')).conformance,
  })),
  entry('health-insurance', () => ({
    adapter: (require('./health-insurance') as typeof import('./health-insurance'))
      .adapter as AdapterDefinition,
    simulator: (require('./health-insurance/simulator') as typeof import('./health-insurance/simulator'))
      .createHealthInsuranceSimulator,
    conformance: (
      require('./health-insurance/conformance') as typeof import('./health-insurance/conformance')
    ).conformance,
  })),
  entry('civil-status', () => ({
    adapter: (require('./civil-status') as typeof import('./civil-status')).adapter as AdapterDefinition,
    simulator: (require('./civil-status/simulator') as typeof import('./civil-status/simulator'))
      .createCivilStatusSimulator,
    conformance: (require('./civil-status/conformance') as typeof import('./civil-status/conformance'))
      .conformance,
  })),
  entry('land-registry', () => ({
    adapter: (require('./land-registry') as typeof import('./land-registry')).adapter as AdapterDefinition,
    simulator: (require('./land-registry/simulator') as typeof import('./land-registry/simulator'))
      .createLandRegistrySimulator,
    conformance: (require('./land-registry/conformance') as typeof import('./land-registry/conformance'))
      .conformance,
  })),
  entry('tax', () => ({
    adapter: (require('./tax') as typeof import('./tax')).adapter as AdapterDefinition,
    simulator: (require('./tax/simulator') as typeof import('./tax/simulator')).createTaxSimulator,
    conformance: (require('./tax/conformance') as typeof import('./tax/conformance')).conformance,
  })),
  entry('one-stop-legacy', () => ({
    adapter: (require('./one-stop-legacy') as typeof import('./one-stop-legacy'))
      .adapter as AdapterDefinition,
    simulator: (require('./one-stop-legacy/simulator') as typeof import('./one-stop-legacy/simulator'))
      .createOneStopLegacySimulator,
    conformance: (require('./one-stop-legacy/conformance') as typeof import('./one-stop-legacy/conformance'))
      .conformance,
  })),
  entry('business-registry', () => ({
    adapter: (require('./business-registry') as typeof import('./business-registry'))
      .adapter as AdapterDefinition,
    simulator: (require('./business-registry/simulator') as typeof import('./business-registry/simulator'))
      .createBusinessRegistrySimulator,
    conformance: (
      require('./business-registry/conformance') as typeof import('./business-registry/conformance')
    ).conformance,
  })),
  entry('payment-platform', () => ({
    adapter: (require('./payment-platform') as typeof import('./payment-platform'))
      .adapter as AdapterDefinition,
    simulator: (require('./payment-platform/simulator') as typeof import('./payment-platform/simulator'))
      .createPaymentPlatformSimulator,
    conformance: (
      require('./payment-platform/conformance') as typeof import('./payment-platform/conformance')
    ).conformance,
  })),
  entry('public-postal', () => ({
    adapter: (require('./public-postal') as typeof import('./public-postal')).adapter as AdapterDefinition,
    simulator: (require('./public-postal/simulator') as typeof import('./public-postal/simulator'))
      .createPublicPostalSimulator,
    conformance: (require('./public-postal/conformance') as typeof import('./public-postal/conformance'))
      .conformance,
  })),
  // lienthong adapter new: new entries go above this line
];

/** The ids of every registered adapter (nothing is loaded). */
export const adapterIds = (): string[] => REGISTRY.map((e) => e.id);

/** One adapter, loaded; undefined when none is registered under that id. */
export function findAdapter(id: string): RegisteredAdapter | undefined {
  return REGISTRY.find((e) => e.id === id)?.load();
}

/** The adapters with these ids (every registered one by default), loaded. Unknown ids are skipped. */
export function loadAdapters(ids?: readonly string[]): RegisteredAdapter[] {
  return REGISTRY.filter((e) => !ids || ids.includes(e.id)).map((e) => e.load());
}
