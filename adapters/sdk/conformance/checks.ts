/**
 * The adapter conformance kit (CONVENTIONS §2): one list of checks every adapter must pass against its
 * simulator — what it answers means what the examples say (example-checks), the upstream's refusals and
 * duplicate detection reach the hub, authentication works as the upstream requires (auth-checks), the
 * simulator and the adapter keep to the pinned OpenAPI document, and every fault maps to the right
 * UpstreamError (fault-checks). `runConformance` runs the list and returns a report (the CLI);
 * `runAdapterSuite` turns it into jest tests.
 */
import { Agent } from 'node:http';
import { createAdapterInstance } from '../define-adapter';
import type { AdapterConfig, AdapterDefinition, AdapterDeps } from '../types';
import { authChecks, credentialsOf, simulatorAuthCheck } from './auth-checks';
import { exampleChecks } from './example-checks';
import { faultChecks } from './fault-checks';
import {
  expect,
  silentLogger,
  type Check,
  type CheckEnv,
  type CheckResult,
  type ConformanceSpec,
} from './spec';

export * from './spec';
export { differences, hasVietnameseText } from './meaning';

/** The pinned OpenAPI document: every exchange the checks before it made conforms to it. */
function specCheck(spec: ConformanceSpec): Check[] {
  if (spec.adapter.protocol !== 'rest') return [];
  return [
    {
      name: `the exchanges conform to the pinned ${spec.adapter.spec}`,
      async run({ sim }) {
        expect(
          sim.validatesSpec,
          `the simulator does not check its exchanges against ${spec.adapter.spec}: give createSimulator its path (openapi: join(__dirname, '${spec.adapter.spec}'))`,
        );
        const found = sim.specViolations();
        expect(
          found.length === 0,
          `the simulator or the adapter strays from ${spec.adapter.spec}: ${found.slice(0, 5).join(' | ')}`,
        );
      },
    },
  ];
}

/** Builds the list of checks for an adapter, in the order they run. */
export function conformanceChecks(spec: ConformanceSpec): Check[] {
  // Authentication last: its knobs (expired tokens, a revoked client) must not colour the other checks.
  return [
    ...simulatorAuthCheck(spec),
    ...exampleChecks(spec),
    ...specCheck(spec),
    ...faultChecks(spec),
    ...authChecks(spec),
  ];
}

/** Starts the simulator and an instance for a run of checks. */
export async function startConformanceEnv(
  spec: ConformanceSpec,
): Promise<CheckEnv & { stop(): Promise<void> }> {
  const sim = await spec.simulator({ validateSpec: true }).start();
  const config: AdapterConfig = {
    baseUrl: sim.url,
    timeoutMs: 2000,
    ...spec.config,
    auth: { ...credentialsOf({ sim }), ...spec.config?.auth },
  };
  const agent = new Agent({ keepAlive: true });
  const extra: ReturnType<typeof createAdapterInstance>[] = [];
  const newInstance = (change: Partial<AdapterConfig> = {}, deps: Partial<AdapterDeps> = {}) => {
    const inst = createAdapterInstance(
      spec.adapter as AdapterDefinition,
      { ...config, breaker: { volumeThreshold: 1000 }, ...change },
      { agent, logger: silentLogger, ...spec.deps, ...deps },
    );
    extra.push(inst);
    return inst;
  };
  const instance = newInstance();
  return {
    sim,
    instance,
    config,
    newInstance,
    async stop() {
      await Promise.all(extra.map((i) => i.close()));
      agent.destroy();
      await sim.close();
    },
  };
}

/** Runs every check against a fresh simulator; the CLI's `adapter check`. */
export async function runConformance(
  spec: ConformanceSpec,
  opts: { /** Only the checks whose names match. */ only?: RegExp } = {},
): Promise<{ adapter: string; ok: boolean; results: CheckResult[] }> {
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  const env = await startConformanceEnv(spec);
  const results: CheckResult[] = [];
  try {
    for (const check of conformanceChecks(spec).filter((c) => !opts.only || opts.only.test(c.name))) {
      env.sim.resetFaults();
      const started = Date.now();
      try {
        await check.run(env);
        results.push({ name: check.name, ok: true, ms: Date.now() - started });
      } catch (e) {
        results.push({
          name: check.name,
          ok: false,
          detail: e instanceof Error ? e.message : String(e),
          ms: Date.now() - started,
        });
      }
    }
  } finally {
    env.sim.resetFaults();
    await env.stop();
    await new Promise((r) => setTimeout(r, 50));
    process.off('unhandledRejection', onUnhandled);
  }
  results.push({
    name: 'no unhandled promise rejections',
    ok: unhandled.length === 0,
    detail: unhandled.length ? String(unhandled[0]) : undefined,
    ms: 0,
  });
  return { adapter: spec.adapter.id, ok: results.every((r) => r.ok), results };
}
