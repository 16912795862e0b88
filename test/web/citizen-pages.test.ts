/**
 * The citizen's pages in a real browser (headless Chromium, test/helpers/browser.ts) against a running
 * world (hub, worker, simulators, Redis), after a birth dossier went through:
 *
 * - /tra-cuu: the mother looks her dossier up with its code and her phone's last four digits; a stolen
 *   code without the digits gets the same "not found" page as an unknown code, and no data;
 * - /du-lieu-cua-toi: she signs in with the code the SMS simulator received and sees who read her data,
 *   in words; a wrong, expired or reused code gets a clear page and no data; her session never shows
 *   another citizen's log; a form without its CSRF token does nothing.
 * Each page passes axe-core without serious violations; screenshots go to test-output/web/.
 */
import { scenarioBirthCertificateNumber } from '../../adapters/health-insurance';
import { getPopulation } from '../../adapters/sdk/simulator/population';
import type { Page } from 'playwright-core';
import { seriousViolations, shotPath } from '../helpers/axe';
import { useBrowser } from '../helpers/browser';
import { useRedis } from '../helpers/redis';
import { startProcedureWorld, waitForStatus, type ProcedureWorld } from '../procedures/helpers';

const redis = useRedis();
const browser = useBrowser();
let pw: ProcedureWorld;
const pop = getPopulation();
const { motherId } = pop.scenarios.birth;
const mother = pop.persons.find((p) => p.personalId === motherId)!;
const other = pop.persons.find((p) => p.phone && p.personalId !== motherId)!;
const PURPOSE = 'ho-tich.khai-sinh';
let code: string;

beforeAll(async () => {
  pw = await startProcedureWorld(redis);
  const ward = pw.world.client('VN:GOV:01:UBND-NGOCHA', 'MOTCUA');
  const res = await ward.request('POST', '/v1/procedures/birth-registration/dossiers', {
    purpose: PURPOSE,
    body: {
      applicant: { personalId: motherId },
      form: {
        birthCertificateNumber: scenarioBirthCertificateNumber(),
        childFullName: 'Phạm Lê Minh An',
        residence: 'mother',
        healthFacilityCode: '01001',
      },
    },
  });
  expect(res.status).toBe(202);
  code = (res.body as { dossierCode: string }).dossierCode;
  await waitForStatus(ward, code, PURPOSE, [10, 5, 8]);
}, 120_000);

const url = (path: string) => `${pw.world.hub.url}${path}`;

/** The latest SMS the notify simulator received for a phone. */
async function lastSmsTo(phone: string): Promise<string | undefined> {
  const state = (await (await fetch(`${pw.world.simulators.notify.url}/__admin/state`)).json()) as {
    messages: { to: string; text: string; channel?: string }[];
  };
  return state.messages.filter((m) => m.to === phone).pop()?.text;
}

async function askCode(page: Page, personalId: string): Promise<void> {
  await page.goto(url('/du-lieu-cua-toi'));
  await page.getByLabel('Số định danh cá nhân').fill(personalId);
  await page.getByRole('button', { name: 'Gửi mã' }).click();
  await page.getByLabel('Mã xác thực (6 số)').waitFor();
}

const codeIn = (text: string | undefined) => /\b(\d{6})\b/.exec(text ?? '')?.[1];

describe('dossier lookup (/tra-cuu)', () => {
  it('shows the dossier to the applicant with its code and her phone digits, within the policy', async () => {
    const { page, problems } = await browser.open();
    await page.goto(url('/tra-cuu'));
    await page.getByLabel('Mã hồ sơ').fill(code);
    await page.getByLabel('4 số cuối điện thoại của người nộp hồ sơ').fill(mother.phone!.slice(-4));
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByTestId('status').waitFor();
    expect(await page.getByTestId('status').textContent()).toBe('Đã trả kết quả');
    const html = await page.content();
    expect(html).toContain('Bộ Tư pháp'); // agencies by name
    expect(html).not.toContain('VN:GOV:');
    expect(html).not.toContain(motherId);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: shotPath('tra-cuu'), fullPage: true });

    // The result is returned: she rates the service on the page (the rating link's code keeps it).
    for (const criterion of [
      'Việc tiếp nhận hồ sơ',
      'Thời gian giải quyết hồ sơ',
      'Kết quả giải quyết hồ sơ',
    ])
      await page.getByRole('group', { name: criterion }).getByLabel('Rất hài lòng', { exact: true }).check();
    for (const criterion of ['Thông tin về thủ tục', 'Thái độ, cách ứng xử'])
      await page.getByRole('group', { name: criterion }).getByLabel('Hài lòng', { exact: true }).check();
    await page.getByLabel('Góp ý (không bắt buộc)').fill('Nhanh, không phải đi lại.');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Cảm ơn ông/bà đã đánh giá.').waitFor();
    expect(await page.getByRole('button', { name: 'Gửi đánh giá' }).count()).toBe(0);
    const rated = (await pw.world.hub.runtime.deps.procedureStore!.get(code))!.rating!;
    expect(rated.ratedAt).toBeDefined();
    expect(rated.comment).toBe('Nhanh, không phải đi lại.');
    expect(rated.answers).toContainEqual({ criterion: 'reception', level: 'very-satisfied' });
    expect(rated.answers).toContainEqual({ criterion: 'staff-conduct', level: 'satisfied' });
    expect(problems).toEqual({ console: [], failedRequests: [], pageErrors: [] });
  });

  it('answers a stolen code without the right digits exactly as an unknown code: not found, no data', async () => {
    const { page } = await browser.open();
    const tries: [string, string][] = [
      [code, String((Number(mother.phone!.slice(-4)) + 1) % 10000).padStart(4, '0')],
      ['HS-KHONG-CO', '1234'],
    ];
    const pages: string[] = [];
    for (const [c, digits] of tries) {
      await page.goto(url('/tra-cuu'));
      await page.getByLabel('Mã hồ sơ').fill(c);
      await page.getByLabel('4 số cuối điện thoại của người nộp hồ sơ').fill(digits);
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Tra cứu' }).click(),
      ]);
      expect(res.status()).toBe(404);
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain('Không tìm thấy hồ sơ');
      expect(text).not.toContain('Đã trả kết quả');
      pages.push(text.replace(c, ''));
    }
    expect(pages[0]).toEqual(pages[1]);
  });

  it('refuses a form without its CSRF token, with a page and no data', async () => {
    const res = await fetch(url('/tra-cuu'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ code, phone4: mother.phone!.slice(-4) }).toString(),
    });
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('Biểu mẫu đã hết hạn');
    expect(html).not.toContain('Đã trả kết quả');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'none'");
  });

  // Last of this block: it spends the lookups of this address and of this code.
  it('limits lookups: past 10 an hour even the right code and digits get the "too many" page, no data', async () => {
    const form = await fetch(url('/tra-cuu'));
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
    const cookie = form.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const statuses: number[] = [];
    let refused = '';
    for (let i = 0; i < 11 && !refused; i++) {
      const res = await fetch(url('/tra-cuu'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ _csrf: csrf, code, phone4: mother.phone!.slice(-4) }).toString(),
      });
      statuses.push(res.status);
      if (res.status === 429) refused = await res.text();
    }
    expect(statuses[0]).toBe(200); // the earlier tests of this block left some of the hour's lookups
    expect(statuses.at(-1)).toBe(429);
    expect(refused).toContain('Quá nhiều lần thử');
    expect(refused).not.toContain('Đã trả kết quả');
    expect(refused).not.toContain(code);
  });
});

describe('my data (/du-lieu-cua-toi)', () => {
  it('signs the mother in with the SMS code and shows who read her data, in words', async () => {
    const { page, problems } = await browser.open();
    await askCode(page, motherId);
    const sms = codeIn(await lastSmsTo(mother.phone!));
    expect(sms).toBeDefined();
    await page.getByLabel('Mã xác thực (6 số)').fill(sms!);
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByRole('table').waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('UBND Phường Ngọc Hà');
    expect(text).toContain('Đăng ký khai sinh');
    expect(text).toContain('Họ và tên');
    expect(text).toContain('(+07:00)');
    expect(text).toContain(code);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: shotPath('du-lieu-cua-toi'), fullPage: true });
    // Each view is recorded: the next view lists the previous one.
    await page.reload();
    expect(await page.locator('main').textContent()).toContain('Dữ liệu của tôi');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'lt_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    // English on request.
    await page.goto(url('/du-lieu-cua-toi?lang=en'));
    expect(await page.getByRole('table').locator('caption').textContent()).toBe('Who read my data');
    expect(problems).toEqual({ console: [], failedRequests: [], pageErrors: [] });
  });

  it('refuses a wrong code, an expired code and a reused code with a clear page and no data', async () => {
    const { page } = await browser.open();
    // Wrong.
    await askCode(page, motherId);
    const right = codeIn(await lastSmsTo(mother.phone!))!;
    await page.getByLabel('Mã xác thực (6 số)').fill(right === '000000' ? '000001' : '000000');
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Mã xác thực không đúng');
    expect(await page.getByRole('table').count()).toBe(0);

    // Reused: the first use signs in, the second (another browser) is refused.
    await askCode(page, motherId);
    const once = codeIn(await lastSmsTo(mother.phone!))!;
    const challenge = await page.locator('input[name=challenge]').inputValue();
    const second = await browser.open();
    await second.page.goto(url('/du-lieu-cua-toi'));
    await page.getByLabel('Mã xác thực (6 số)').fill(once);
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByRole('table').waitFor();
    const csrf = await second.page.locator('input[name=_csrf]').inputValue();
    const reuse = await second.page.request.post(url('/du-lieu-cua-toi/xac-nhan'), {
      form: { _csrf: csrf, challenge, code: once },
      maxRedirects: 0,
    });
    expect(reuse.status()).toBe(401);
    expect(await reuse.text()).not.toContain('UBND Phường Ngọc Hà');

    // Expired: the code's record is gone from Redis after its five minutes (here: made to expire now).
    const third = await browser.open();
    await askCode(third.page, motherId);
    const late = codeIn(await lastSmsTo(mother.phone!))!;
    const lateChallenge = await third.page.locator('input[name=challenge]').inputValue();
    const deps = pw.world.hub.runtime.deps;
    expect(await deps.redis.pexpire(`lienthong-web:otp:${lateChallenge}`, 1)).toBe(1);
    while (await deps.redis.exists(`lienthong-web:otp:${lateChallenge}`))
      await new Promise((r) => setImmediate(r));
    await third.page.getByLabel('Mã xác thực (6 số)').fill(late);
    await third.page.getByRole('button', { name: 'Xác nhận' }).click();
    await third.page.getByRole('alert').waitFor();
    expect(await third.page.getByRole('alert').textContent()).toContain('đã hết hạn');
    expect(await third.page.getByRole('table').count()).toBe(0);
  });

  it("never shows another citizen's data: not by asking, not with her own code on his challenge", async () => {
    const { page } = await browser.open();
    await askCode(page, motherId);
    const mine = codeIn(await lastSmsTo(mother.phone!))!;
    await page.getByLabel('Mã xác thực (6 số)').fill(mine);
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByRole('table').waitFor();
    const own = await page.locator('tbody').textContent();
    // Asking for his log by parameter changes nothing: the session's subject only.
    await page.goto(url(`/du-lieu-cua-toi?personalId=${other.personalId}&subject=${other.personalId}`));
    expect(await page.locator('tbody').textContent()).not.toContain(other.personalId);
    expect((await page.locator('tbody tr').count()) > 0 && own).toBeTruthy();

    // A code sent to his phone; she tries hers on his challenge.
    const thief = await browser.open();
    await askCode(thief.page, other.personalId);
    expect(codeIn(await lastSmsTo(other.phone!))).toBeDefined();
    await thief.page.getByLabel('Mã xác thực (6 số)').fill(mine);
    await thief.page.getByRole('button', { name: 'Xác nhận' }).click();
    await thief.page.getByRole('alert').waitFor();
    expect(await thief.page.getByRole('table').count()).toBe(0);
  });
});
