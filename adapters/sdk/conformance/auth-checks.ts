/**
 * Authentication checks, for an adapter that declares how its upstream authenticates the hub: the
 * simulator refuses wrong credentials (a simulator that skips authentication fails here) and the adapter
 * reports it as `misconfigured`; missing credentials name the setting; revoked credentials fail at once,
 * not retried. For OAuth 2.0 client credentials also: concurrent calls share one token request, a token
 * the upstream stops honouring (401) is replaced once and the call succeeds, and a token is refreshed
 * before it expires, so that no call is ever sent with an expired one.
 */
import { serviceKey } from '../define-adapter';
import type { AuthCredentials } from '../auth/types';
import type { AdapterDefinition, ServiceDefinition } from '../types';
import { expectUpstreamError } from './meaning';
import {
  callContext,
  CheckFailed,
  expect,
  inputOf,
  isFresh,
  type Check,
  type CheckEnv,
  type ConformanceSpec,
} from './spec';

/** The credentials the simulator accepts, as adapter configuration. */
export const credentialsOf = (env: Pick<CheckEnv, 'sim'>): AuthCredentials => ({ ...env.sim.credentials });

/** Spoils every secret of a set of credentials. */
const spoiled = (c: AuthCredentials): AuthCredentials => ({
  ...c,
  ...(c.clientSecret ? { clientSecret: `${String(c.clientSecret)}-wrong` } : {}),
  ...(c.token ? { token: `${String(c.token)}-wrong` } : {}),
  ...(c.apiKey ? { apiKey: `${String(c.apiKey)}-wrong` } : {}),
  ...(c.password ? { password: `${String(c.password)}-wrong` } : {}),
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** First of all: the simulator checks the credentials the adapter declares (else nothing else can pass). */
export function simulatorAuthCheck(spec: ConformanceSpec): Check[] {
  const kind = spec.adapter.auth?.kind ?? 'none';
  if (kind === 'none') return [];
  return [
    {
      name: `auth (${kind}): the simulator checks the credentials its upstream requires`,
      async run({ sim }) {
        expect(
          sim.authStats()?.kind === kind,
          `the adapter declares ${kind} authentication, but its simulator checks ${sim.authStats()?.kind ?? 'no credentials'}: give createSimulator auth: { kind: '${kind}', … } so that it refuses calls as the upstream does`,
        );
      },
    },
  ];
}

export function authChecks(spec: ConformanceSpec): Check[] {
  const adapter = spec.adapter as AdapterDefinition;
  const kind = adapter.auth?.kind ?? 'none';
  if (kind === 'none') return [];
  // A read service's example (repeatable), else a fresh write example.
  const svc: ServiceDefinition | undefined =
    adapter.services.find((s) => s.kind === 'read' && (spec.examples[serviceKey(s)] ?? []).length) ??
    adapter.services.find((s) => isFresh(spec.examples[serviceKey(s)]?.[0]));
  if (!svc) return [];
  const input = () => svc.input.validate(inputOf(spec.examples[serviceKey(svc)][0])).value;
  const hint = `(${kind})`;
  const checks: Check[] = [
    {
      name: `auth ${hint}: the upstream refuses wrong credentials and the adapter says misconfigured`,
      async run(env) {
        const inst = env.newInstance({ auth: spoiled(credentialsOf(env)) });
        try {
          await expectUpstreamError(
            inst.call(svc, input(), callContext()),
            'misconfigured',
            false,
            'the simulator must check credentials as the upstream does (SimulatorSpec.auth), and the adapter must give deps.auth to its transport',
          );
        } finally {
          await inst.close();
        }
      },
    },
    {
      name: `auth ${hint}: missing credentials are a configuration error naming the setting`,
      async run(env) {
        const inst = env.newInstance({ auth: {} });
        try {
          const err = await expectUpstreamError(
            inst.call(svc, input(), callContext()),
            'misconfigured',
            false,
          );
          expect(/auth\.\w+/.test(err.reason), `the reason does not name the setting: ${err.reason}`);
        } finally {
          await inst.close();
        }
      },
    },
    {
      name: `auth ${hint}: revoked credentials → misconfigured at once, not retried`,
      async run(env) {
        const inst = env.newInstance();
        try {
          await inst.call(svc, input(), callContext());
          const before = env.sim.authStats()?.refused ?? 0;
          env.sim.setAuth({ revoked: true });
          await expectUpstreamError(inst.call(svc, input(), callContext()), 'misconfigured', false);
          const refused = (env.sim.authStats()?.refused ?? 0) - before;
          expect(refused <= 2, `the revoked credentials were tried ${refused} times in one call`);
        } finally {
          env.sim.setAuth({ revoked: false });
          await inst.close();
        }
      },
    },
  ];
  if (kind !== 'oauth2-client-credentials') return checks;

  checks.push(
    {
      name: 'auth (oauth2): concurrent calls on a cold cache share one token request',
      async run(env) {
        const inst = env.newInstance();
        try {
          const before = env.sim.authStats()!.tokensIssued;
          await Promise.all([0, 1, 2, 3, 4].map(() => inst.call(svc, input(), callContext(4000))));
          const issued = env.sim.authStats()!.tokensIssued - before;
          expect(issued === 1, `5 concurrent calls asked for ${issued} tokens (single flight expected)`);
        } finally {
          await inst.close();
        }
      },
    },
    {
      name: 'auth (oauth2): a token the upstream stops honouring (401) is replaced once and the call succeeds',
      async run(env) {
        const inst = env.newInstance();
        try {
          await inst.call(svc, input(), callContext());
          env.sim.setAuth({ expireTokens: true });
          const before = env.sim.authStats()!;
          await inst.call(svc, input(), callContext(4000)).catch((err: unknown) => {
            throw new CheckFailed(
              `after the upstream refused the token once, the call failed (${err instanceof Error ? err.message : String(err)}): on a 401 drop the token and get a new one (UpstreamAuth.refused), then try once more`,
            );
          });
          const after = env.sim.authStats()!;
          expect(
            after.refused - before.refused === 1,
            `expected one 401, saw ${after.refused - before.refused}`,
          );
          expect(
            after.tokensIssued - before.tokensIssued === 1,
            `expected one new token after the 401, got ${after.tokensIssued - before.tokensIssued}`,
          );
        } finally {
          await inst.close();
        }
      },
    },
    {
      name: 'auth (oauth2): a token is refreshed ahead of its expiry, never sent expired',
      async run(env) {
        const lifetimeSec = 4;
        const original = env.sim.authStats()?.tokenLifetimeSec ?? 3600;
        env.sim.setAuth({ tokenLifetimeSec: lifetimeSec });
        const inst = env.newInstance();
        try {
          const t0 = Date.now();
          await inst.call(svc, input(), callContext());
          const before = env.sim.authStats()!;
          // Past half the lifetime (the latest a refresh is due), well before expiry.
          await pause(Math.max(0, t0 + (lifetimeSec * 1000) / 2 + 300 - Date.now()));
          await inst.call(svc, input(), callContext());
          const mid = env.sim.authStats()!;
          expect(
            mid.tokensIssued - before.tokensIssued === 1,
            'no new token was asked for ahead of expiry (half the lifetime had passed)',
          );
          await pause(Math.max(0, t0 + lifetimeSec * 1000 + 300 - Date.now()));
          await inst.call(svc, input(), callContext());
          const after = env.sim.authStats()!;
          const expired = after.expiredTokensSent - before.expiredTokensSent;
          expect(expired === 0, `a token was sent after it expired (${expired} times)`);
        } finally {
          env.sim.setAuth({ tokenLifetimeSec: original });
          await inst.close();
        }
      },
    },
  );
  return checks;
}
