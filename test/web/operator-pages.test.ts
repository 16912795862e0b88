/**
 * The operators' console (/van-hanh) in a real browser against a running hub, worker and SMS gateway
 * simulator with three dead letters (the gateway refused the SMS for good): an operator signs in with an
 * account of `lienthong users`, sees the overview, opens a dead letter (field names, never the SMS's
 * number or text), redrives one once the gateway is back (it is delivered), discards another with a
 * reason — both audited under her name — and finds the first delivery's audit record by its message id.
 * A form without its CSRF token gets the refusal page and does nothing. An auditor sees the same pages
 * with no action form; a forged redrive with a valid token is refused; a search by subject is audited
 * under the auditor's name.
 */
import { randomUUID } from 'node:crypto';
import { addUser, usersFileOf } from '../../hub/web/accounts/users';
import { startWorld, type World } from '../../hub/sandbox/world';
import { startWorkerRuntime, type WorkerRuntime } from '../../hub/worker-runtime';
import { auditRecords } from '../helpers/audit-records';
import { seriousViolations, shotPath } from '../helpers/axe';
import { useBrowser } from '../helpers/browser';
import { useRedis } from '../helpers/redis';
import { until } from '../procedures/helpers';

const redis = useRedis();
const browser = useBrowser();
let world: World;
let worker: WorkerRuntime;
const SMS = 'VN:GOV:00:LIENTHONG/THONGBAO/send-sms/v1';
const PHONE = '+84912345678';
const TEXT = `Hồ sơ HS-OPS-${randomUUID().slice(0, 6)} cần bổ sung`;
const SUBJECT = '001204012345';
const dead: { id: string; messageId: string }[] = [];
let operatorPassword: string;
let auditorPassword: string;
jest.setTimeout(90_000);

beforeAll(async () => {
  world = await startWorld({
    redisUrl: redis.url,
    adapters: ['notify'],
    env: { LIENTHONG_DELIVERY_ATTEMPTS: '1', LIENTHONG_UPSTREAM_TIMEOUT_MS: '1000' },
  });
  worker = await startWorkerRuntime({ config: world.config, concurrency: 4 });
  redis.beforeStop(async () => {
    await worker.close();
    await world.close();
  });
  const users = usersFileOf(world.config.hub.adminTokenFile);
  operatorPassword = addUser(users, 'minh.vo', 'operator');
  auditorPassword = addUser(users, 'an.le', 'auditor');
  world.simulators.notify.setFaults({ errorRate: 1, errorStatus: 400 });
  const ward = world.client('VN:GOV:01:UBND-NGOCHA', 'MOTCUA');
  for (let i = 0; i < 3; i++) {
    const res = await ward.request('POST', '/v1/deliveries', {
      purpose: 'thong-bao.tien-do',
      body: { service: SMS, input: { to: PHONE, text: TEXT, reference: `HS-OPS-${i}` } },
      idempotencyKey: randomUUID(),
    });
    expect(res.status).toBe(202);
    dead.push({ id: (res.body as { id: string }).id, messageId: res.messageId });
  }
  const letters = world.hub.runtime.deps.deliveries!.deadLetters;
  await until(async () =>
    (await Promise.all(dead.map((d) => letters.summary(d.id)))).every(Boolean) ? true : undefined,
  );
}, 120_000);

const url = (path: string) => `${world.hub.url}${path}`;

async function signIn(user: string, password: string) {
  const opened = await browser.open();
  await opened.page.goto(url('/dang-nhap'));
  await opened.page.getByLabel('Tên đăng nhập').fill(user);
  await opened.page.getByLabel('Mật khẩu').fill(password);
  await opened.page.getByRole('button', { name: 'Đăng nhập' }).click();
  await opened.page.getByRole('heading', { name: 'Vận hành' }).waitFor();
  return opened;
}

it('an operator sees the overview, redrives and discards dead letters and finds a message’s audit record', async () => {
  const { page, problems } = await signIn('minh.vo', operatorPassword);
  const overview = (await page.locator('main').textContent()) ?? '';
  expect(overview).toContain('notify');
  expect(overview).toContain('Thư lỗi: 3');
  expect(await page.getByRole('link', { name: 'Bảng hàng đợi' }).getAttribute('href')).toBe('/admin/queues');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: shotPath('van-hanh'), fullPage: true });

  // A dead letter as an operator sees it: the names of its input, not the number or the text.
  await page.getByRole('link', { name: 'Thư lỗi', exact: true }).click();
  await page.getByRole('link', { name: dead[0].id }).click();
  await page.getByRole('button', { name: 'Gửi lại' }).waitFor();
  const shown = (await page.locator('main').textContent()) ?? '';
  expect(shown).toContain('to, text, reference');
  expect(shown).toContain(dead[0].messageId);
  expect(shown).not.toContain(PHONE);
  expect(shown).not.toContain(TEXT);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: shotPath('van-hanh-thu-loi'), fullPage: true });

  // Redrive once the gateway is back: delivered.
  world.simulators.notify.resetFaults();
  await page.getByRole('button', { name: 'Gửi lại' }).click();
  await page.getByText(`Đã gửi lại ${dead[0].id}.`).waitFor();
  const deliveries = world.hub.runtime.deps.deliveries!;
  await until(async () => ((await deliveries.status(dead[0].id))?.state === 'completed' ? true : undefined));

  // Discard another with a reason.
  await page.getByRole('link', { name: dead[1].id }).click();
  await page.getByLabel('Lý do hủy').fill('Số máy không còn dùng');
  await page.getByRole('button', { name: 'Hủy thư' }).click();
  await page.getByText(`Đã hủy ${dead[1].id}.`).waitFor();
  expect(await deliveries.deadLetters.discarded(dead[1].id)).toMatchObject({
    by: 'web:minh.vo',
    reason: 'Số máy không còn dùng',
  });
  await world.hub.runtime.deps.audit.flush();
  const records = auditRecords(world.config.hub.auditDir);
  expect(records).toContainEqual(
    expect.objectContaining({
      client: 'operator:web:minh.vo',
      service: 'operator:dlq.redrive',
      target: dead[0].id,
    }),
  );
  expect(records).toContainEqual(
    expect.objectContaining({
      client: 'operator:web:minh.vo',
      service: 'operator:dlq.discard',
      target: dead[1].id,
      reason: 'Số máy không còn dùng',
    }),
  );

  // The first delivery's audit record, by its message id.
  await page.getByRole('link', { name: 'Tra cứu nhật ký' }).click();
  await page.getByLabel('Mã thông điệp').fill(dead[0].messageId);
  await page.getByRole('button', { name: 'Tìm theo mã thông điệp' }).click();
  await page.getByRole('table').waitFor();
  const rows = page.getByRole('table').locator('tbody tr');
  expect(await rows.count()).toBeGreaterThan(0);
  expect(await rows.first().textContent()).toContain('VN:GOV:01:UBND-NGOCHA/MOTCUA');
  expect(await page.getByRole('table').textContent()).not.toContain(PHONE);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: shotPath('van-hanh-nhat-ky'), fullPage: true });

  // A form without its CSRF token: the refusal page, and the dead letter stays.
  const forged = await page.request.post(url(`/van-hanh/thu-loi/${dead[2].id}/huy`), {
    form: { reason: 'không có mã' },
  });
  expect(forged.status()).toBe(403);
  expect(await forged.text()).toContain('Yêu cầu không hợp lệ');
  expect(await deliveries.deadLetters.summary(dead[2].id)).toBeDefined();
  expect(problems).toEqual({ console: [], failedRequests: [], pageErrors: [] });
});

it('an auditor sees the console without a form to act, a forged redrive is refused, a subject search is audited', async () => {
  const { page, context } = await signIn('an.le', auditorPassword);
  await page.goto(url('/van-hanh/thu-loi'));
  await page.getByRole('link', { name: dead[2].id }).click();
  await page.getByText('to, text, reference').waitFor();
  expect(await page.locator('main form').count()).toBe(0);
  for (const path of ['/van-hanh', '/van-hanh/thanh-vien', '/van-hanh/quyen']) {
    await page.goto(url(path));
    expect(await page.locator('main form').count()).toBe(0);
  }
  expect(await page.locator('main').textContent()).toContain('thong-bao.tien-do');

  const csrf = (await context.cookies()).find((c) => c.name === 'lt_csrf')!.value;
  const forged = await page.request.post(url(`/van-hanh/thu-loi/${dead[2].id}/gui-lai`), {
    form: { _csrf: csrf },
  });
  expect(forged.status()).toBe(403);
  expect(await forged.text()).toContain('chỉ được xem');
  expect(await world.hub.runtime.deps.deliveries!.deadLetters.summary(dead[2].id)).toBeDefined();

  await page.goto(url('/van-hanh/nhat-ky'));
  await page.getByLabel('Số định danh cá nhân hoặc mã số thuế').fill(SUBJECT);
  await page.getByRole('button', { name: 'Tìm theo người' }).click();
  await page.getByRole('table').waitFor();
  await world.hub.runtime.deps.audit.flush();
  const records = auditRecords(world.config.hub.auditDir);
  expect(records).toContainEqual(
    expect.objectContaining({
      client: 'operator:web:an.le',
      service: 'operator:audit.subject-search',
      subject: expect.objectContaining({ kind: 'citizen' }),
    }),
  );
  expect(JSON.stringify(records)).not.toContain(SUBJECT);
  // The search shows in that citizen's own access log.
  expect((await world.hub.runtime.deps.audit.accessLog(SUBJECT)).map((e) => e.service)).toContain(
    'operator:audit.subject-search',
  );
});
