/**
 * The adapter conformance kit (CONVENTIONS §2): one list of checks every adapter must pass against its
 * simulator — outputs validate against their contracts, upstream faults map to UpstreamError codes,
 * deadlines and aborts are honoured, raw answers are redacted, writes apply once per idempotency key,
 * the breaker opens and recovers, health reports the truth, and nothing leaks an unhandled rejection.
 * `runConformance` runs the list and returns a report (the CLI); `runAdapterSuite` turns it into jest tests.
 */
import { Agent } from 'node:http';
import type { Schema } from 'joi';
import { contracts, validateWith } from '../../../contracts';
import { createAdapterInstance, serviceKey, type AdapterInstance } from '../define-adapter';
import { detectLegacyEncoding } from '../../../contracts/validators/legacy-encoding';
import type { MalformedKind } from '../simulator/faults';
import type { RunningSimulator, Simulator, SimulatorOptions } from '../simulator/server';
import type {
  AdapterConfig,
  AdapterDefinition,
  AdapterDeps,
  CallContext,
  Logger,
  ServiceDefinition,
} from '../types';
import { isUpstreamError, UpstreamError, type UpstreamErrorCode } from '../upstream-error';

export interface ConformanceSpec<Client = unknown> {
  adapter: AdapterDefinition<Client>;
  simulator: (opts?: SimulatorOptions) => Simulator;
  /**
   * Per service (`name/vN`): inputs that must succeed against a fresh simulator. Every service needs one.
   * A function is called for a fresh input each time (writes whose upstream refuses a repeat, e.g. the same
   * birth certificate twice, need new data per call).
   */
  examples: Record<string, (unknown | (() => unknown))[]>;
  /** Inputs the upstream must refuse. */
  refusals?: { service: string; input: unknown; notFound?: boolean }[];
  /** Adapter-specific config (`options`) for the instance under test. */
  config?: Partial<AdapterConfig>;
  /** What the hub would lend the adapter beyond the agent and logger (e.g. a signer for XML-DSig). */
  deps?: Partial<AdapterDeps>;
  /** The source speaks a legacy encoding the adapter converts (one-stop-legacy): TCVN3 may succeed, converted. */
  convertsLegacyText?: boolean;
}

export interface CheckEnv {
  sim: RunningSimulator;
  /** An instance with a relaxed breaker; each check starts with faults reset. */
  instance: AdapterInstance;
  config: AdapterConfig;
}

export interface Check {
  name: string;
  run(env: CheckEnv): Promise<void>;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  detail?: string;
  ms: number;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};

class CheckFailed extends Error {}
const materialise = (example: unknown): unknown =>
  typeof example === 'function' ? (example as () => unknown)() : example;
function expect(cond: unknown, message: string): asserts cond {
  if (!cond) throw new CheckFailed(message);
}

export function callContext(timeoutMs = 2000, extra: Partial<CallContext> = {}): CallContext {
  return {
    messageId: `conformance-${Math.random().toString(16).slice(2)}`,
    deadline: Date.now() + timeoutMs,
    signal: new AbortController().signal,
    logger: silentLogger,
    ...extra,
  };
}

function outputSchema(svc: ServiceDefinition): { id: string; validate(v: unknown): string[] } {
  if (typeof svc.output === 'string') {
    const def = contracts.get(svc.output);
    if (!def) throw new CheckFailed(`service ${svc.name} names unknown contract ${svc.output}`);
    return {
      id: def.id,
      validate: (v) => {
        const r = validateWith(def, v);
        return r.ok ? [] : (r.problem.errors ?? []).map((e) => `${e.path}: ${e.code}`);
      },
    };
  }
  const schema = svc.output as Schema;
  return {
    id: String((schema.describe().flags as { id?: string } | undefined)?.id ?? svc.name),
    validate: (v) => {
      const r = schema.validate(v, { abortEarly: false });
      return r.error ? r.error.details.map((d) => `${d.path.join('.')}: ${d.type}`) : [];
    },
  };
}

async function expectUpstreamError(
  p: Promise<unknown>,
  code: UpstreamErrorCode,
  retryable?: boolean,
): Promise<UpstreamError> {
  let err: unknown;
  try {
    const out = await p;
    throw new CheckFailed(
      `expected an UpstreamError ${code}, got data: ${JSON.stringify(out).slice(0, 200)}`,
    );
  } catch (e) {
    if (e instanceof CheckFailed) throw e;
    err = e;
  }
  expect(isUpstreamError(err), `expected an UpstreamError, got ${String(err)}`);
  expect(err.code === code, `expected code ${code}, got ${err.code} (${err.reason})`);
  if (retryable !== undefined) expect(err.retryable === retryable, `expected retryable=${retryable}`);
  return err;
}

function findLegacyText(value: unknown): string | undefined {
  if (typeof value === 'string') return detectLegacyEncoding(value) !== 'unicode' ? value : undefined;
  if (Array.isArray(value)) return value.map(findLegacyText).find(Boolean);
  if (value && typeof value === 'object') return Object.values(value).map(findLegacyText).find(Boolean);
  return undefined;
}

const PERSONAL_ID_IN_CLEAR = /(?<!\d)0\d{11}(?!\d)/;

/** Builds the list of checks for an adapter. */
export function conformanceChecks(spec: ConformanceSpec): Check[] {
  const adapter = spec.adapter as AdapterDefinition;
  const checks: Check[] = [];
  const firstService = adapter.services.find((s) => (spec.examples[serviceKey(s)] ?? []).length > 0);

  for (const svc of adapter.services) {
    const key = serviceKey(svc);
    const examples = spec.examples[key] ?? [];
    checks.push({
      name: `${key} has at least one example`,
      async run() {
        expect(examples.length > 0, `no example for ${key}`);
      },
    });
    examples.forEach((example, i) => {
      checks.push({
        name: `${key} example ${i + 1}: input and output satisfy their contracts`,
        async run({ instance }) {
          const input = materialise(example);
          const inErr = svc.input.validate(input, { abortEarly: false }).error;
          expect(!inErr, `example input breaks the request contract: ${inErr?.message}`);
          const out = await instance.call(svc, svc.input.validate(input).value, callContext());
          const o = outputSchema(svc);
          const errors = o.validate(out);
          expect(errors.length === 0, `output breaks ${o.id}: ${errors.slice(0, 5).join('; ')}`);
        },
      });
    });
    if (svc.kind === 'write' && examples.length) {
      checks.push({
        name: `${key} applies a repeated call with the same idempotency key once`,
        async run({ instance, sim }) {
          const before = Object.values(sim.effects()).reduce((a, b) => a + b, 0);
          const input = svc.input.validate(materialise(examples[0])).value;
          const idempotencyKey = `conformance-${key}-${Date.now()}`;
          const first = await instance.call(svc, input, callContext(2000, { idempotencyKey }));
          const second = await instance.call(svc, input, callContext(2000, { idempotencyKey }));
          const after = Object.values(sim.effects()).reduce((a, b) => a + b, 0);
          expect(after - before === 1, `expected one applied effect, got ${after - before}`);
          expect(JSON.stringify(first) === JSON.stringify(second), 'the repeated call answered differently');
        },
      });
    }
  }

  for (const r of spec.refusals ?? []) {
    const svc = adapter.services.find((s) => serviceKey(s) === r.service || s.name === r.service);
    checks.push({
      name: `${r.service} refusal: upstream refusal becomes 'rejected'${r.notFound ? ' (not found)' : ''}`,
      async run({ instance }) {
        expect(svc, `no service ${r.service}`);
        const err = await expectUpstreamError(instance.call(svc, r.input, callContext()), 'rejected', false);
        if (r.notFound) expect(err.notFound, 'expected notFound');
      },
    });
  }

  if (!firstService) return checks;
  const svc = firstService;
  const input = () => svc.input.validate(materialise(spec.examples[serviceKey(svc)][0])).value;
  const call = (env: CheckEnv, timeoutMs = 600, extra: Partial<CallContext> = {}) =>
    env.instance.call(svc, input(), callContext(timeoutMs, extra));

  const fault = (name: string, run: (env: CheckEnv) => Promise<void>): void => {
    checks.push({ name: `fault: ${name}`, run });
  };
  fault('HTTP 503 → unavailable, retryable', async (env) => {
    env.sim.setFaults({ failNext: 1, errorStatus: 503 });
    await expectUpstreamError(call(env), 'unavailable', true);
  });
  fault('HTTP 400 → rejected, not retryable', async (env) => {
    env.sim.setFaults({ failNext: 1, errorStatus: 400 });
    await expectUpstreamError(call(env), 'rejected', false);
  });
  fault('connection reset (agency down) → unavailable, retryable', async (env) => {
    env.sim.setFaults({ down: true });
    await expectUpstreamError(call(env), 'unavailable', true);
  });
  fault('latency past the deadline → timeout, honoured within 300 ms', async (env) => {
    env.sim.setFaults({ latencyMs: 3000 });
    const started = Date.now();
    await expectUpstreamError(call(env, 400), 'timeout', true);
    expect(Date.now() - started < 700, `took ${Date.now() - started} ms for a 400 ms deadline`);
  });
  fault('hung connection → timeout', async (env) => {
    env.sim.setFaults({ hang: true });
    await expectUpstreamError(call(env, 400), 'timeout', true);
  });
  fault('slow drip past the deadline → timeout', async (env) => {
    env.sim.setFaults({ slowDripMs: 200 });
    await expectUpstreamError(call(env, 500), 'timeout', true);
  });
  fault('caller abort → rejects at once as timeout', async (env) => {
    env.sim.setFaults({ latencyMs: 3000 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    await expectUpstreamError(call(env, 5000, { signal: controller.signal }), 'timeout');
    expect(Date.now() - started < 600, 'abort was not honoured promptly');
  });

  const kinds: MalformedKind[] =
    adapter.protocol === 'soap'
      ? [
          'html',
          'wrong-types',
          'missing-fields',
          'truncated',
          'doctype',
          'entity-bomb',
          'huge',
          'invalid-utf8',
          'tcvn3',
        ]
      : ['html', 'wrong-types', 'missing-fields', 'truncated', 'doctype', 'huge', 'invalid-utf8', 'tcvn3'];
  for (const kind of kinds) {
    fault(`malformed answer (${kind}) → malformed, redacted, nothing leaks`, async (env) => {
      env.sim.setFaults({ malformed: kind });
      let out: unknown;
      let err: unknown;
      try {
        out = await call(env, 3000);
      } catch (e) {
        err = e;
      }
      if (err === undefined) {
        // Only acceptable where dropping fields leaves a valid record, or legacy text is converted.
        expect(
          kind === 'missing-fields' || (kind === 'tcvn3' && spec.convertsLegacyText),
          `a ${kind} answer was accepted`,
        );
        const errors = outputSchema(svc).validate(out);
        expect(errors.length === 0, `a ${kind} answer leaked invalid data: ${errors.slice(0, 3).join('; ')}`);
        expect(!findLegacyText(out), `legacy-encoded text leaked: ${findLegacyText(out)}`);
        return;
      }
      expect(isUpstreamError(err), `expected an UpstreamError, got ${String(err)}`);
      expect(err.code === 'malformed', `expected malformed, got ${err.code} (${err.reason})`);
      expect(
        !err.raw || !PERSONAL_ID_IN_CLEAR.test(err.raw),
        'the kept raw answer holds a personal ID in clear',
      );
    });
  }

  checks.push({
    name: 'health: up when the upstream answers, down when it does not',
    async run(env) {
      const up = await env.instance.health(1000);
      expect(up.status === 'up', `expected up, got ${up.status} (${up.reason})`);
      env.sim.setFaults({ down: true });
      const down = await env.instance.health(500);
      expect(down.status === 'down', `expected down, got ${down.status}`);
    },
  });
  checks.push({
    name: 'breaker: opens after repeated failures, fails fast, closes after recovery',
    async run(env) {
      const inst = createAdapterInstance(
        adapter,
        { ...env.config, breaker: { volumeThreshold: 3, resetTimeoutMs: 300 } },
        {
          agent: new Agent({ keepAlive: true }),
          logger: silentLogger,
          ...spec.deps,
        },
      );
      try {
        env.sim.setFaults({ down: true });
        for (let i = 0; i < 4; i++) await inst.call(svc, input(), callContext(500)).catch(() => undefined);
        expect(inst.breakerState() === 'open', `breaker is ${inst.breakerState()} after 4 failures`);
        const started = Date.now();
        const err = await expectUpstreamError(
          inst.call(svc, input(), callContext(2000)),
          'unavailable',
          true,
        );
        expect(Date.now() - started < 50 && /circuit/.test(err.reason), 'an open breaker did not fail fast');
        env.sim.resetFaults();
        await new Promise((r) => setTimeout(r, 400));
        await inst.call(svc, input(), callContext(2000));
        expect(inst.breakerState() === 'closed', `breaker is ${inst.breakerState()} after recovery`);
      } finally {
        await inst.close();
      }
    },
  });
  return checks;
}

/** Starts the simulator and an instance for a run of checks. */
export async function startConformanceEnv(
  spec: ConformanceSpec,
): Promise<CheckEnv & { stop(): Promise<void> }> {
  const sim = await spec.simulator().start();
  const config: AdapterConfig = { baseUrl: sim.url, timeoutMs: 2000, ...spec.config };
  const agent = new Agent({ keepAlive: true });
  const instance = createAdapterInstance(
    spec.adapter as AdapterDefinition,
    { ...config, breaker: { volumeThreshold: 1000 } },
    {
      agent,
      logger: silentLogger,
      ...spec.deps,
    },
  );
  return {
    sim,
    instance,
    config,
    async stop() {
      await instance.close();
      agent.destroy();
      await sim.close();
    },
  };
}

/** Runs every check against a fresh simulator; the CLI's `adapter check`. */
export async function runConformance(
  spec: ConformanceSpec,
): Promise<{ adapter: string; ok: boolean; results: CheckResult[] }> {
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  const env = await startConformanceEnv(spec);
  const results: CheckResult[] = [];
  try {
    for (const check of conformanceChecks(spec)) {
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
