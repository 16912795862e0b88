/**
 * The demo's procedures part on a real Redis and the simulators, as `npm run demo` runs it: the three
 * dossiers return their result, the land transfer rides out the tax outage by retrying, the portal gets
 * every status in order, the applicants are notified in Vietnamese within one SMS segment, the mother
 * rates the service and each agency reads its KPIs, and her access log shows her record read once. The
 * land transfer's obligations are paid online; the household business pays its fee online and gets its
 * certificate by post (level-4 online service).
 * The display: Vietnamese step titles, each status after the steps that caused it, checks (not failed
 * attempts) for the payment, columns that never run into each other.
 */
import { runProceduresDemo, startDemoWorld, type ProceduresDemoResult } from '../../hub/demo/procedures-demo';
import { smsSegments } from '../../hub/procedures/sms';
import { useRedis } from '../helpers/redis';

const redis = useRedis();
let result: ProceduresDemoResult;
const lines: string[] = [];

beforeAll(async () => {
  const demo = await startDemoWorld(redis.url);
  redis.beforeStop(() => demo.close());
  result = await runProceduresDemo(demo.world, (l) => lines.push(l), { taxFailures: 3 });
}, 90_000);

describe('procedures demo', () => {
  it('returns the result of the birth, the land transfer, the death and the household business registration', () => {
    expect(result.dossiers.map((d) => [d.procedure, d.status, d.onTime])).toEqual([
      ['birth-registration', 10, true],
      ['land-transfer', 10, true],
      ['death-registration', 10, true],
      ['household-business', 10, true],
    ]);
    for (const d of result.dossiers)
      expect(d.steps.every((s) => s.state === 'done' || s.state === 'skipped')).toBe(true);
  });

  it('the land transfer’s obligations are paid online, not polled from the treasury', () => {
    const land = result.dossiers[1];
    expect(land.steps.filter((s) => s.id.startsWith('payment')).map((s) => `${s.id}:${s.state}`)).toEqual([
      'payment:skipped',
      'payment-request:done',
      'payment-online:done',
    ]);
    expect(lines.join('\n')).toMatch(/the applicant pays [\d.]+ đ by QR on the national payment platform/);
  });

  it('the household business fee is paid online and its certificate posted and delivered', () => {
    const business = result.dossiers[3];
    expect(business.steps.map((s) => `${s.id}:${s.state}`)).toEqual([
      'fee-request:done',
      'fee-paid:done',
      'register-business:done',
      'register-tax:done',
      'post-result:done',
      'delivery:done',
      'proof-of-delivery:done',
    ]);
    const text = lines.join('\n');
    expect(text).toMatch(/the post picks up item [A-Z]{2}\d{9}VN at the one-stop desk and delivers it/);
    expect(text).toContain(
      'status 10  Đã trả kết quả (result returned) — Kết quả đã được bưu điện phát đến người nhận',
    );
  });

  it('the land transfer retried the tax office while it was down, and showed each failed attempt', () => {
    const land = result.dossiers[1];
    expect(land.retries.length).toBe(3);
    expect(land.retries.every((r) => r.startsWith('obligations: attempt'))).toBe(true);
    expect(land.steps.find((s) => s.id === 'obligations')!.attempts).toBeGreaterThan(1);
    const text = lines.join('\n');
    expect(text).toMatch(
      /Xác định nghĩa vụ tài chính: attempt 1 failed — unavailable .*retrying with backoff/,
    );
    expect(text).toMatch(/Xác định nghĩa vụ tài chính → done \(after \d+ attempts\)/);
  });

  it('the portal accepted every status change of every dossier, in order', () => {
    const [birth, land, death] = result.dossiers.map((d) => result.portal[d.code]);
    expect(birth).toEqual([2, 4, 9, 10]);
    expect(land).toEqual([2, 4, 6, 4, 9, 10]);
    expect(death).toEqual([2, 4, 9, 10]);
    expect(result.portal[result.dossiers[3].code]).toEqual([2, 6, 4, 9, 10]);
  });

  it('notified the applicants on each change, and printed timelines with no personal ID or phone number in clear', () => {
    expect(result.notifications.sms).toBe(4 + 6 + 4 + 5);
    const text = lines.join('\n');
    for (const d of result.dossiers) expect(text).toContain(`Timeline of ${d.code}`);
    expect(text).toContain('Status updates the national public-service portal accepted');
    // Phone numbers are shown masked; personal IDs not at all.
    expect(text).not.toMatch(/\+84\d{9}/);
    expect(text).not.toMatch(/\b\d{12}\b/);
  });

  it("the mother's access log shows her record read once for the birth, under the procedure's purpose", () => {
    // Prefill, the applicant and the mother are one person: read once, reused for the dossier.
    const reads = result.accessLog.filter((e) => e.service.endsWith('/person-by-id/v1'));
    expect(reads).toHaveLength(1);
    expect(
      reads.every((e) => e.purpose === 'ho-tich.khai-sinh' && e.procedure === 'birth-registration'),
    ).toBe(true);
    expect(result.accessLog.map((e) => e.service)).toContain('VN:GOV:00:BHXH/BHYT/birth-certificate/v1');
  });
});

describe('procedures demo display', () => {
  const text = () => lines.join('\n');
  const block = (code: string) => {
    const start = lines.findIndex((l) => l.includes(`submitted → dossier ${code}`));
    const end = lines.findIndex((l, i) => i > start && l.includes(`Timeline of ${code}`));
    return lines.slice(start, end);
  };

  it('shows Vietnamese step titles, not step ids', () => {
    expect(text()).toContain('Cấp số định danh cá nhân cho trẻ → done');
    for (const id of [
      'issue-id',
      'register-birth',
      'register-transfer',
      'complete-transfer',
      'register-death',
    ])
      expect(text()).not.toMatch(new RegExp(`step\\s+${id}\\b|^\\s{2}${id}\\s`, 'm'));
  });

  it('prints statuses 9 and 10 after the steps that produced them', () => {
    for (const d of result.dossiers.slice(0, 3)) {
      const b = block(d.code);
      const lastStep = b.map((l, i) => (/ step /.test(l) ? i : -1)).reduce((a, x) => Math.max(a, x), -1);
      const nine = b.findIndex((l) => /status {2}9/.test(l));
      expect(nine).toBeGreaterThan(lastStep);
      expect(b.findIndex((l) => /status 10/.test(l))).toBeGreaterThan(nine);
    }
  });

  it('prints 9 when the result is handed to the post, and 10 on its delivery', () => {
    const b = block(result.dossiers[3].code);
    const at = (re: RegExp) => b.findIndex((l) => re.test(l));
    const nine = at(/status {2}9/);
    expect(nine).toBeGreaterThan(at(/Đăng ký thuế cho hộ kinh doanh → done/));
    expect(nine).toBeLessThan(at(/Chuyển kết quả qua bưu chính công ích → (queued|done)/));
    expect(at(/status 10/)).toBeGreaterThan(at(/Bằng chứng phát → done/));
  });

  it('prints the wait for payment (6) between the obligations and the payment, and 4 after the payment', () => {
    const b = block(result.dossiers[1].code);
    const at = (re: RegExp) => b.findIndex((l) => re.test(l));
    const obligationsDone = at(/Xác định nghĩa vụ tài chính → done/);
    const six = at(/status {2}6/);
    // The request may be made between two looks at the timeline: shown queued, or done at once.
    const paymentQueued = at(/Yêu cầu nộp nghĩa vụ tài chính trực tuyến → (queued|done)/);
    const paymentDone = at(/Nộp thuế, lệ phí trực tuyến → done/);
    const fourAgain = b.findIndex((l, i) => i > six && /status {2}4/.test(l));
    expect(obligationsDone).toBeLessThan(six);
    expect(six).toBeLessThan(paymentQueued);
    expect(paymentDone).toBeLessThan(fourAgain);
  });

  it('shows the payment as checks that confirmed it, not as failed attempts', () => {
    expect(text()).toMatch(
      /Nộp thuế, lệ phí trực tuyến → done \(confirmed (by the platform's signed notification, )?after \d+ checks?\)/,
    );
    expect(text()).not.toMatch(/Nộp thuế, lệ phí.*attempts/);
  });

  it('keeps at least one space between table columns, a cut agency name included', () => {
    const rows = lines.filter((l) => /… (done|queued|failed)/.test(l) || /…(done|queued|failed)/.test(l));
    expect(rows.length).toBeGreaterThan(0); // long agency names are cut …
    for (const r of rows) expect(r).not.toMatch(/…(done|queued|failed)/); // … and never run into the state
  });

  it('notifies in Vietnamese, one SMS segment each', () => {
    expect(result.smsTexts.length).toBe(19);
    for (const t of result.smsTexts) {
      expect(smsSegments(t).segments).toBe(1);
      expect(t).not.toMatch(/\b(the|was|returned|electronic)\b|\s\/\s/);
    }
  });

  it('the mother rates the service, the portal receives it, and each agency reads its KPIs', () => {
    expect(result.satisfaction.ratingAtPortal).toBe(true);
    expect(Object.keys(result.satisfaction.kpis).sort()).toEqual([
      'UBND-HUNGLONG',
      'UBND-NGOCHA',
      'UBND-TANHIEP',
      'VPDKDD-HN',
    ]);
    expect(result.satisfaction.kpis['UBND-NGOCHA']).toMatchObject({
      received: 1,
      rated: 1,
      participationRate: 1,
    });
    expect(result.satisfaction.kpis['VPDKDD-HN']).toMatchObject({ received: 1, onTimeRate: 1, rated: 0 });
  });

  it('shows working-day due dates, at the close of a working day', () => {
    const dues = [...text().matchAll(/due (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) \(working days/g)].map((m) => m[1]);
    expect(dues).toHaveLength(4);
    for (const d of dues) expect(d.endsWith('17:00')).toBe(true);
  });
});
