/** runAdapterSuite(spec): the conformance checks as jest tests, one `it` per check, one simulator per suite. */
// The jest globals are declared for the build too (tsconfig.build.json lists only node's types): this
// module runs inside the adapters' test files.
/// <reference types="jest" />
import { conformanceChecks, startConformanceEnv, type CheckEnv, type ConformanceSpec } from './checks';

export function runAdapterSuite(spec: ConformanceSpec): void {
  describe(`adapter ${spec.adapter.id}: conformance`, () => {
    let env: CheckEnv & { stop(): Promise<void> };
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);

    beforeAll(async () => {
      process.on('unhandledRejection', onUnhandled);
      env = await startConformanceEnv(spec);
    });
    afterAll(async () => {
      env.sim.resetFaults();
      await env.stop();
      process.off('unhandledRejection', onUnhandled);
    });
    beforeEach(() => env.sim.resetFaults());

    for (const check of conformanceChecks(spec)) {
      it(check.name, () => check.run(env));
    }
    it('leaves no unhandled promise rejection', async () => {
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
    });
  });
}
