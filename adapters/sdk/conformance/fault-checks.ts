/**
 * Fault checks: every upstream fault the simulator can inject maps to the right UpstreamError, deadlines
 * and aborts are honoured, malformed answers never leak. They run on one example: the one the spec names,
 * or the first read example whose answer holds Vietnamese text — an answer in plain ASCII looks the same
 * in TCVN3 and Unicode, so the legacy-encoding check could prove nothing on it, and says so.
 */
import { serviceKey } from '../define-adapter';
import type { MalformedKind } from '../simulator/faults';
import type { AdapterDefinition, CallContext, ServiceDefinition } from '../types';
import { isUpstreamError } from '../upstream-error';
import { expectUpstreamError, findLegacyText, hasVietnameseText, outputSchema } from './meaning';
import {
  callContext,
  expect,
  inputOf,
  isFresh,
  type Check,
  type CheckEnv,
  type ConformanceSpec,
} from './spec';

const PERSONAL_ID_IN_CLEAR = /(?<!\d)0\d{11}(?!\d)/;

interface FaultTarget {
  svc: ServiceDefinition;
  input(): unknown;
  label: string;
  vietnamese: boolean;
  /** Why no example could be seen to answer with Vietnamese text, when calls failed. */
  failed?: string;
}

/** The service and example the fault checks use (chosen once per run). */
async function chooseTarget(spec: ConformanceSpec, env: CheckEnv): Promise<FaultTarget | undefined> {
  const adapter = spec.adapter as AdapterDefinition;
  const target = (svc: ServiceDefinition, i: number, vietnamese: boolean): FaultTarget => {
    const ex = spec.examples[serviceKey(svc)][i];
    return {
      svc,
      input: () => svc.input.validate(inputOf(ex)).value,
      label: `${serviceKey(svc)} example ${i + 1}`,
      vietnamese,
    };
  };
  if (spec.faultExample) {
    const svc = adapter.services.find((s) => serviceKey(s) === spec.faultExample!.service);
    const i = spec.faultExample.index ?? 0;
    if (!svc || !spec.examples[serviceKey(svc)]?.[i]) return undefined;
    const out = await env.instance
      .call(svc, target(svc, i, false).input(), callContext())
      .catch(() => undefined);
    return target(svc, i, hasVietnameseText(out));
  }
  const ordered = [...adapter.services].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'read' ? -1 : 1));
  let fallback: FaultTarget | undefined;
  for (const svc of ordered) {
    const examples = spec.examples[serviceKey(svc)] ?? [];
    for (let i = 0; i < examples.length; i++) {
      // A write example given as a value would be refused when repeated: only fresh inputs qualify.
      if (svc.kind === 'write' && !isFresh(examples[i])) continue;
      fallback ??= target(svc, i, false);
      const out = await env.instance
        .call(svc, target(svc, i, false).input(), callContext())
        .catch(() => undefined);
      if (hasVietnameseText(out)) return target(svc, i, true);
    }
  }
  if (fallback) return fallback;
  const svc = ordered.find((s) => (spec.examples[serviceKey(s)] ?? []).length > 0);
  return svc ? target(svc, 0, false) : undefined;
}

export function faultChecks(spec: ConformanceSpec): Check[] {
  const adapter = spec.adapter as AdapterDefinition;
  if (!adapter.services.some((s) => (spec.examples[serviceKey(s)] ?? []).length > 0)) return [];
  let chosen: Promise<FaultTarget | undefined> | undefined;
  let chosenFor: CheckEnv | undefined;
  const targetOf = async (env: CheckEnv): Promise<FaultTarget> => {
    if (!chosen || chosenFor !== env) {
      chosenFor = env;
      chosen = chooseTarget(spec, env);
    }
    const t = await chosen;
    expect(t, `faultExample names no example (${JSON.stringify(spec.faultExample)})`);
    return t;
  };
  const call = async (env: CheckEnv, timeoutMs = 600, extra: Partial<CallContext> = {}) => {
    const t = await targetOf(env);
    return env.instance.call(t.svc, t.input(), callContext(timeoutMs, extra));
  };
  const checks: Check[] = [];
  const fault = (name: string, run: (env: CheckEnv) => Promise<void>): void => {
    checks.push({
      name: `fault: ${name}`,
      async run(env) {
        await targetOf(env); // chosen before any fault is set
        await run(env);
      },
    });
  };

  fault('HTTP 503 → unavailable, retryable', async (env) => {
    env.sim.setFaults({ failNext: 1, errorStatus: 503 });
    await expectUpstreamError(call(env), 'unavailable', true, 'a 503 is the upstream unwell: worth retrying');
  });
  fault('HTTP 400 → rejected, not retryable', async (env) => {
    env.sim.setFaults({ failNext: 1, errorStatus: 400 });
    await expectUpstreamError(call(env), 'rejected', false, 'a 400 is our request refused: final');
  });
  fault('connection reset (agency down) → unavailable, retryable', async (env) => {
    env.sim.setFaults({ down: true });
    await expectUpstreamError(call(env), 'unavailable', true);
  });
  fault('latency past the deadline → timeout, honoured within 300 ms', async (env) => {
    env.sim.setFaults({ latencyMs: 3000 });
    const started = Date.now();
    // A timer due at the deadline measures how late this process itself was scheduled (a busy machine
    // stalls the event loop): that lateness is not the adapter's, and is not held against it.
    let timerAt = 0;
    const probe = setTimeout(() => (timerAt = Date.now()), 400);
    await expectUpstreamError(call(env, 400), 'timeout', true);
    clearTimeout(probe);
    const took = Date.now() - started;
    const stall = timerAt ? Math.max(0, timerAt - started - 400) : 0;
    expect(took - stall < 700, `took ${took} ms for a 400 ms deadline (the event loop was ${stall} ms late)`);
  });
  fault('hung connection → timeout', async (env) => {
    env.sim.setFaults({ hang: true });
    await expectUpstreamError(call(env, 400), 'timeout', true);
  });
  fault('slow drip past the deadline → timeout', async (env) => {
    // 16 bytes every 400 ms: any answer over 32 bytes takes past the 500 ms deadline.
    env.sim.setFaults({ slowDripMs: 400 });
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

  const kinds: MalformedKind[] = ['html', 'wrong-types', 'missing-fields', 'truncated', 'doctype'];
  if (adapter.protocol === 'soap') kinds.push('entity-bomb');
  kinds.push('huge', 'invalid-utf8', 'tcvn3');
  const why: Partial<Record<MalformedKind, string>> = {
    html: 'an HTML error page must not pass for data: check the content type and parse strictly',
    'wrong-types':
      'values of the wrong type must be refused: read answers with readUpstream(upstream, dialectSchema, data)',
    truncated: 'a cut-off answer must not parse as data',
    huge: 'an answer over the size limit must be refused (maxBodyBytes)',
    'invalid-utf8': 'bytes that are not UTF-8 must be refused',
    tcvn3:
      'a TCVN3-encoded answer was accepted as if it were Unicode: read answers with readUpstream(…) (it refuses legacy encodings), or convert them and say so (convertsLegacyText)',
  };
  for (const kind of kinds) {
    fault(`malformed answer (${kind}) → malformed, redacted, nothing leaks`, async (env) => {
      const target = await targetOf(env);
      if (kind === 'tcvn3' && !spec.answersHoldNoText)
        expect(
          target.vietnamese,
          target.failed
            ? `no example could be called to find one whose answer holds Vietnamese text (${target.failed})`
            : `${target.label}'s answer has no Vietnamese letters, so a TCVN3-encoded answer would look the same as a Unicode one and this check proves nothing: add an example whose answer holds Vietnamese text (a name, an address), or name one in faultExample`,
        );
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
          kind === 'missing-fields' ||
            (kind === 'tcvn3' && (spec.convertsLegacyText || (spec.answersHoldNoText && !target.vietnamese))),
          `a ${kind} answer was accepted (on ${target.label})${why[kind] ? `: ${why[kind]}` : ''}`,
        );
        const errors = outputSchema(target.svc).validate(out);
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
      const t = await targetOf(env);
      const inst = env.newInstance({ breaker: { volumeThreshold: 3, resetTimeoutMs: 300 } });
      try {
        env.sim.setFaults({ down: true });
        for (let i = 0; i < 4; i++)
          await inst.call(t.svc, t.input(), callContext(500)).catch(() => undefined);
        expect(inst.breakerState() === 'open', `breaker is ${inst.breakerState()} after 4 failures`);
        const started = Date.now();
        const err = await expectUpstreamError(
          inst.call(t.svc, t.input(), callContext(2000)),
          'unavailable',
          true,
        );
        expect(Date.now() - started < 50 && /circuit/.test(err.reason), 'an open breaker did not fail fast');
        env.sim.resetFaults();
        await new Promise((r) => setTimeout(r, 400));
        await inst.call(t.svc, t.input(), callContext(2000));
        expect(inst.breakerState() === 'closed', `breaker is ${inst.breakerState()} after recovery`);
      } finally {
        await inst.close();
      }
    },
  });
  return checks;
}
