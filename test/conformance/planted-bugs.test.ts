/**
 * The conformance kit checks meaning (issue 13): each bug an integrator's adapter was found to have —
 * and that passed the old kit 28/28 — is planted in the sample registry adapter, and the kit must fail
 * on it, with a message that says what is wrong. The clean adapter passes the whole kit.
 */
import { runConformance } from '../../adapters/sdk/conformance/checks';
import { sampleRegistryConformance, type SpecBugs } from './sample-registry/conformance';

const failures = async (bugs: SpecBugs, only: RegExp) => {
  const report = await runConformance(sampleRegistryConformance(bugs), { only });
  expect(report.results.length).toBeGreaterThan(1);
  return report.results.filter((r) => !r.ok).map((r) => `${r.name} :: ${r.detail}`);
};

describe('the conformance kit fails on each planted bug', () => {
  it('passes the clean sample adapter, every check', async () => {
    const report = await runConformance(sampleRegistryConformance());
    expect(report.results.filter((r) => !r.ok)).toEqual([]);
    expect(report.results.length).toBeGreaterThan(30);
  }, 60_000);

  const cases: [string, SpecBugs, RegExp, RegExp][] = [
    [
      'sex codes swapped (male sent as 2)',
      { swapSex: true },
      /example/,
      /sex: expected "male", got "female"/,
    ],
    [
      'day and month swapped in incoming dates (day ≤ 12 too)',
      { swapDayMonth: true },
      /example/,
      /dateOfBirth: expected "1999-03-05", got "1999-05-03"/,
    ],
    [
      'no token refresh on 401',
      { noRefreshOn401: true },
      /auth/,
      /\(401\) is replaced once.*drop the token and get a new one/,
    ],
    [
      'no token refresh before expiry',
      { noRefreshAhead: true },
      /auth/,
      /refreshed ahead of its expiry, never sent expired :: no new token/,
    ],
    [
      "the upstream's error code dropped",
      { dropUpstreamCode: true },
      /refusal/,
      /upstream's own error code did not reach the hub/,
    ],
    [
      'a simulator that skips authentication',
      { skipAuth: true },
      /auth/,
      /simulator checks the credentials.*checks no credentials/,
    ],
    [
      'a simulator whose answers break the pinned spec',
      { breakSpec: true },
      /example|conform/,
      /strays from openapi.yaml: GET \/api\/cong-dan\/\{so_dinh_danh\}: answer 200 \(root\) must NOT have additional properties/,
    ],
    [
      'fault checks on an answer without Vietnamese text',
      { asciiExamplesOnly: true },
      /tcvn3/,
      /has no Vietnamese letters, so a TCVN3-encoded answer would look the same/,
    ],
  ];
  it.each(cases)(
    '%s',
    async (_name, bugs, only, message) => {
      const failed = await failures(bugs, only);
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.join('\n')).toMatch(message);
    },
    60_000,
  );
});
