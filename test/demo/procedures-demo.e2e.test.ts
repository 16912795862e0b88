/**
 * The demo's procedures part on a real Redis and the simulators, as `npm run demo` runs it: the three
 * dossiers return their result, the land transfer rides out the tax outage by retrying, the portal gets
 * every status in order, the applicants are notified, and the mother's access log names the procedure.
 */
import { runProceduresDemo, startDemoWorld, type ProceduresDemoResult } from '../../hub/demo/procedures-demo';
import { useRedis } from '../helpers/redis';

const redis = useRedis();
let result: ProceduresDemoResult;
const lines: string[] = [];

beforeAll(async () => {
  const demo = await startDemoWorld(redis.url);
  redis.beforeStop(() => demo.close());
  result = await runProceduresDemo(demo.world, (l) => lines.push(l), { taxDownAttempts: 2 });
}, 90_000);

describe('procedures demo', () => {
  it('returns the result of the birth, the land transfer and the death registration', () => {
    expect(result.dossiers.map((d) => [d.procedure, d.status, d.onTime])).toEqual([
      ['birth-registration', 10, true],
      ['land-transfer', 10, true],
      ['death-registration', 10, true],
    ]);
    for (const d of result.dossiers) expect(d.steps.every((s) => s.state === 'done')).toBe(true);
  });

  it('the land transfer retried the tax office while it was down, and showed each failed attempt', () => {
    const land = result.dossiers[1];
    expect(land.retries.length).toBeGreaterThanOrEqual(2);
    expect(land.retries.every((r) => r.startsWith('obligations: attempt'))).toBe(true);
    expect(land.steps.find((s) => s.id === 'obligations')!.attempts).toBeGreaterThan(1);
    const text = lines.join('\n');
    expect(text).toMatch(/obligations: attempt 1 failed — unavailable .*retrying with backoff/);
    expect(text).toMatch(/obligations → done after \d+ attempts/);
  });

  it('the portal accepted every status change of every dossier, in order', () => {
    const [birth, land, death] = result.dossiers.map((d) => result.portal[d.code]);
    expect(birth).toEqual([2, 4, 9, 10]);
    expect(land).toEqual([2, 4, 6, 4, 9, 10]);
    expect(death).toEqual([2, 4, 9, 10]);
  });

  it('notified the applicants on each change, and printed timelines with no personal ID or phone number in clear', () => {
    expect(result.notifications.sms).toBe(4 + 6 + 4);
    const text = lines.join('\n');
    for (const d of result.dossiers) expect(text).toContain(`Timeline of ${d.code}`);
    expect(text).toContain('Status updates the national public-service portal accepted');
    // Phone numbers are shown masked; personal IDs not at all.
    expect(text).not.toMatch(/\+84\d{9}/);
    expect(text).not.toMatch(/\b\d{12}\b/);
  });

  it("the mother's access log shows the reads made for the birth under the procedure's purpose", () => {
    const reads = result.accessLog.filter((e) => e.service.endsWith('/person-by-id/v1'));
    expect(reads.length).toBeGreaterThan(0);
    expect(
      reads.every((e) => e.purpose === 'ho-tich.khai-sinh' && e.procedure === 'birth-registration'),
    ).toBe(true);
    expect(result.accessLog.map((e) => e.service)).toContain('VN:GOV:00:BHXH/BHYT/birth-certificate/v1');
  });
});
