/**
 * The queue dashboard (bull-board at /admin/queues) in a real browser — headless Chromium from Debian's
 * `chromium` package, driven by playwright-core (test/helpers/browser.ts) — against a hub and a worker
 * with a dead letter in them:
 *
 * - it renders the queues: the hub's Content-Security-Policy used to block the dashboard's own
 *   stylesheets ("Loading CSS chunk … failed") and leave a blank page (issue #12, item 1); it has a
 *   policy of its own now, and breaks nothing of it;
 * - it is read-only: no Retry (which used to mark an undelivered dead letter as delivered, item 2), no
 *   clean, pause or promote, and its API refuses every change;
 * - it shows metadata only: the payload and the result are sealed; no phone number, no text appears.
 */
import { randomUUID } from 'node:crypto';
import { startWorld, type World } from '../../hub/sandbox/world';
import { startWorkerRuntime, type WorkerRuntime } from '../../hub/worker-runtime';
import { useBrowser } from '../helpers/browser';
import { useRedis } from '../helpers/redis';

const redis = useRedis();
const browser = useBrowser();
let world: World;
let worker: WorkerRuntime;
const SMS = 'VN:GOV:00:LIENTHONG/THONGBAO/send-sms/v1';
const PHONE = '+84912345678';
const TEXT = `Hồ sơ HS-DASH-${randomUUID().slice(0, 6)} cần bổ sung`;
let deadId: string;

/** Blocked on purpose: the dashboard's page links a Google font, and nothing leaves this network. */
const EXTERNAL_FONTS = /fonts\.googleapis\.com/;

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
  // One dead letter: the gateway refuses the SMS for good.
  world.simulators.notify.setFaults({ errorRate: 1, errorStatus: 400 });
  const ward = world.client('VN:GOV:01:UBND-NGOCHA', 'MOTCUA');
  const res = await ward.request('POST', '/v1/deliveries', {
    purpose: 'thong-bao.tien-do',
    body: { service: SMS, input: { to: PHONE, text: TEXT, reference: 'HS-DASH' } },
    idempotencyKey: randomUUID(),
  });
  deadId = (res.body as { id: string }).id;
  const deadline = Date.now() + 20_000;
  while (!(await world.hub.runtime.deps.deliveries!.deadLetters.summary(deadId))) {
    if (Date.now() > deadline) throw new Error('the delivery was not dead-lettered');
    await new Promise((r) => setTimeout(r, 50));
  }
}, 60_000);

const operator = () => ({ credentials: { username: 'operator', password: world.adminToken } });

it('renders the queues in Chromium, within its Content-Security-Policy', async () => {
  const { page, problems } = await browser.open(operator());
  const res = await page.goto(`${world.hub.url}/admin/queues`);
  expect(res?.status()).toBe(200);
  await page.getByText('deliveries.notify').first().waitFor({ timeout: 20_000 });
  // Its own stylesheet applied: the loading placeholder is gone and the page is laid out by its CSS.
  // Runs in the page: the number of rules of each of the dashboard's own stylesheets.
  const sheets = (await page.evaluate(
    `[...document.styleSheets].filter((s) => s.href && s.href.includes('/static/css/')).map((s) => s.cssRules.length)`,
  )) as number[];
  expect(sheets.length).toBeGreaterThan(0);
  expect(sheets.every((rules) => rules > 0)).toBe(true);
  expect(problems.pageErrors).toEqual([]);
  expect(problems.console.filter((m) => !EXTERNAL_FONTS.test(m))).toEqual([]);
  expect(problems.failedRequests.filter((r) => !EXTERNAL_FONTS.test(r))).toEqual([]);
  expect(res?.headers()['content-security-policy']).toContain("style-src 'self'");
}, 60_000);

it('shows a failed job without Retry, and its data as metadata with the content sealed', async () => {
  const { page, problems } = await browser.open(operator());
  await page.goto(`${world.hub.url}/admin/queues/queue/deliveries.notify?status=failed`);
  await page.getByText(deadId).first().waitFor({ timeout: 20_000 });
  await page.getByRole('tab', { name: 'Data' }).click();
  await page.getByText('[sealed with dk-').first().waitFor({ timeout: 10_000 });
  const html = await page.content();
  expect(html).toContain('[sealed with dk-');
  expect(html).not.toContain(PHONE);
  expect(html).not.toContain('912345678');
  expect(html).not.toContain(TEXT);
  for (const action of ['Retry', 'Clean', 'Promote', 'Pause']) {
    expect(await page.getByRole('button', { name: new RegExp(`^${action}`, 'i') }).count()).toBe(0);
  }
  expect(problems.pageErrors).toEqual([]);
}, 60_000);

it('refuses every change through its API, the Retry of a dead letter first', async () => {
  const auth = { authorization: `Bearer ${world.adminToken}` };
  const api = `${world.hub.url}/admin/queues/api/queues`;
  for (const [method, path] of [
    ['PUT', `/deliveries.notify/${deadId}/retry`],
    ['PUT', '/deliveries.notify/retry/failed'],
    ['PUT', `/deliveries.notify/${deadId}/promote`],
    ['PUT', '/deliveries.notify/clean/failed'],
    ['PUT', '/deliveries.notify/pause'],
    ['PUT', '/pause'],
    ['DELETE', `/deliveries.notify/${deadId}/clean`],
    ['POST', '/deliveries.notify/add'],
  ]) {
    const res = await fetch(`${api}${path}`, { method, headers: auth });
    expect({ method, path, status: res.status }).toEqual({ method, path, status: 405 });
  }
  // Still dead, still in the dead-letter queue: only the redrive sends it again.
  expect((await world.hub.runtime.deps.deliveries!.status(deadId))?.state).toBe('dead');
  // And without the token the dashboard is not there at all.
  expect((await fetch(`${world.hub.url}/admin/queues`)).status).toBe(401);
}, 30_000);
