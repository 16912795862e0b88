/**
 * Checks of what an adapter answers: every service has an example; each example's input and output
 * satisfy their contracts and the output is the canonical answer the example states; a write applies
 * once per idempotency key; an upstream with its own duplicate detection gets the stable key in its
 * header and a repeat it calls "duplicate" yields the first receipt, on another worker too; refusals
 * are `rejected` and carry the upstream's own error code to the hub.
 */
import { isDeepStrictEqual } from 'node:util';
import { serviceKey } from '../define-adapter';
import { createMemoryReceiptStore } from '../idempotency/receipts';
import type { AdapterDefinition, ServiceDefinition } from '../types';
import { differences, expectUpstreamError, outputSchema } from './meaning';
import { callContext, Example, expect, expectedOf, inputOf, type Check, type ConformanceSpec } from './spec';

const total = (effects: Record<string, number>) => Object.values(effects).reduce((a, b) => a + b, 0);

export function exampleChecks(spec: ConformanceSpec): Check[] {
  const adapter = spec.adapter as AdapterDefinition;
  const checks: Check[] = [];
  for (const svc of adapter.services) {
    const key = serviceKey(svc);
    const examples = spec.examples[key] ?? [];
    checks.push({
      name: `${key} has at least one example`,
      async run() {
        expect(examples.length > 0, `no example for ${key}`);
      },
    });
    examples.forEach((ex, i) => {
      checks.push({
        name: `${key} example ${i + 1}: input and output satisfy their contracts${ex instanceof Example && ex.expected !== undefined ? ', and the answer is the stated one' : ''}`,
        async run({ instance }) {
          const input = inputOf(ex);
          const inErr = svc.input.validate(input, { abortEarly: false }).error;
          expect(!inErr, `example input breaks the request contract: ${inErr?.message}`);
          const out = await instance.call(svc, svc.input.validate(input).value, callContext());
          const o = outputSchema(svc);
          const errors = o.validate(out);
          expect(errors.length === 0, `output breaks ${o.id}: ${errors.slice(0, 5).join('; ')}`);
          const expected = expectedOf(ex, input);
          if (expected !== undefined) {
            const diff = differences(expected, out);
            expect(
              diff.length === 0,
              `the answer is not the stated canonical answer — ${diff.slice(0, 5).join('; ')}`,
            );
          }
        },
      });
    });
    if (svc.kind === 'write' && examples.length) checks.push(...writeChecks(spec, adapter, svc, examples[0]));
  }

  for (const r of spec.refusals ?? []) {
    const svc = adapter.services.find((s) => serviceKey(s) === r.service || s.name === r.service);
    checks.push({
      name: `${r.service} refusal: upstream refusal becomes 'rejected'${r.notFound ? ' (not found)' : ''} with the upstream's code${r.upstreamCode ? ` ${r.upstreamCode}` : ''}`,
      async run({ instance }) {
        expect(svc, `no service ${r.service}`);
        const err = await expectUpstreamError(instance.call(svc, r.input, callContext()), 'rejected', false);
        if (r.notFound) expect(err.notFound, 'expected notFound');
        expect(
          err.upstreamCode !== undefined,
          `the upstream's own error code did not reach the hub (UpstreamError.upstreamCode is empty, reason "${err.reason}"): read the dialect's error body (RestTransport's readError, the envelope's code)`,
        );
        if (r.upstreamCode)
          expect(
            err.upstreamCode === r.upstreamCode,
            `expected the upstream's code ${r.upstreamCode}, got ${err.upstreamCode}`,
          );
      },
    });
  }
  return checks;
}

function writeChecks(
  spec: ConformanceSpec,
  adapter: AdapterDefinition,
  svc: ServiceDefinition,
  first: unknown,
): Check[] {
  const key = serviceKey(svc);
  const input = () => svc.input.validate(inputOf(first)).value;
  const checks: Check[] = [
    {
      name: `${key} applies a repeated call with the same idempotency key once`,
      async run({ instance, sim }) {
        const before = total(sim.effects());
        const value = input();
        const idempotencyKey = `conformance-${key}-${Date.now()}`;
        const a = await instance.call(svc, value, callContext(2000, { idempotencyKey }));
        const b = await instance.call(svc, value, callContext(2000, { idempotencyKey }));
        expect(
          total(sim.effects()) - before === 1,
          `expected one applied effect, got ${total(sim.effects()) - before}`,
        );
        expect(isDeepStrictEqual(a, b), 'the repeated call answered differently');
      },
    },
  ];
  const decl = adapter.idempotency;
  if (!decl) return checks;
  const header = decl.header.toLowerCase();
  checks.push({
    name: `${key}: the stable key travels in ${decl.header}, and a repeat answered "duplicate" on another worker yields the first receipt`,
    async run({ sim, newInstance }) {
      const receipts = createMemoryReceiptStore();
      const a = newInstance({}, { receipts });
      const b = newInstance({}, { receipts });
      try {
        const before = total(sim.effects());
        const value = input();
        const idempotencyKey = `conformance-dup-${key}-${Date.now()}`;
        const seen = sim.requests().length;
        const first = await a.call(svc, value, callContext(2000, { idempotencyKey, messageId: 'attempt-1' }));
        const second = await b.call(
          svc,
          value,
          callContext(2000, { idempotencyKey, messageId: 'attempt-2' }),
        );
        const sent = sim
          .requests()
          .slice(seen)
          .filter((r) => r.method !== 'GET');
        expect(
          sent.length >= 2 && sent.every((r) => r.headers?.[header] === idempotencyKey),
          `the upstream did not get the stable key in ${decl.header} on each attempt (got ${sent.map((r) => r.headers?.[header]).join(', ')})`,
        );
        const applied = total(sim.effects()) - before;
        expect(
          applied === 1,
          `the upstream applied the write ${applied} times: its simulator must detect duplicates by ${decl.header}`,
        );
        expect(isDeepStrictEqual(first, second), 'the repeat did not yield the first receipt');
      } finally {
        await a.close();
        await b.close();
      }
    },
  });
  checks.push({
    name: `${key}: a repeat after the first answer was lost ${svc.recoverReceipt ? 'recovers the receipt from the upstream' : 'fails for good, saying why'}`,
    async run({ newInstance }) {
      const a = newInstance({}, { receipts: createMemoryReceiptStore() });
      const b = newInstance({}, { receipts: createMemoryReceiptStore() });
      try {
        const value = input();
        const idempotencyKey = `conformance-lost-${key}-${Date.now()}`;
        const first = await a.call(svc, value, callContext(2000, { idempotencyKey }));
        if (svc.recoverReceipt) {
          const again = await b.call(svc, value, callContext(2000, { idempotencyKey }));
          const diff = differences(first, again);
          expect(diff.length === 0, `the recovered receipt differs: ${diff.slice(0, 3).join('; ')}`);
        } else {
          const err = await expectUpstreamError(
            b.call(svc, value, callContext(2000, { idempotencyKey })),
            'rejected',
            false,
            `the upstream must answer a repeat of ${decl.header} as a duplicate`,
          );
          expect(/duplicate/.test(err.reason), `the reason does not say it was a duplicate: ${err.reason}`);
        }
      } finally {
        await a.close();
        await b.close();
      }
    },
  });
  void spec;
  return checks;
}
