/**
 * The officers' pages in a real browser against a running world: an officer of the tax department
 * (Cục Thuế) signs in with an account made by `lienthong users add`, finds in her worklist the land
 * transfer the tax system refused (handed over to an officer), reads its timeline with the failed
 * attempt and its reason, and decides "retry": the dossier completes, and the audit log holds the
 * decision under her name and agency. A locked account (five wrong passwords) gets a clear page and no
 * worklist, even with the right password; a decision without its CSRF token — signed in or not — does
 * nothing.
 */
import { buyerFor, freeParcels } from '../../adapters/land-registry/simulator/records';
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { addUser, usersFileOf } from '../../hub/web/accounts/users';
import { auditRecords } from '../helpers/audit-records';
import { seriousViolations, shotPath } from '../helpers/axe';
import { useBrowser } from '../helpers/browser';
import { useRedis } from '../helpers/redis';
import { startProcedureWorld, until, waitForStatus, type ProcedureWorld } from '../procedures/helpers';

const redis = useRedis();
const browser = useBrowser();
let pw: ProcedureWorld;
const pop = getPopulation();
const PURPOSE = 'dat-dai.chuyen-nhuong';
const TAX = 'VN:GOV:00:CUCTHUE';
let code: string;
let password: string;
jest.setTimeout(90_000);

beforeAll(async () => {
  pw = await startProcedureWorld(redis, {
    simulators: { tax: { autoPayAfterMs: 1000 } as Record<string, unknown> },
  });
  password = addUser(usersFileOf(pw.world.config.hub.adminTokenFile), 'lan.tran', 'officer', TAX);
  const parcel = freeParcels(pop).filter((p) => p.address.provinceCode === '01' && p.holderIds.length > 0)[2];
  const buyer = buyerFor(parcel, pop, 5);
  const office = pw.world.client('VN:GOV:01:VPDKDD', 'DATDAI');
  pw.world.simulators.tax.setFaults({ failNext: 1, errorStatus: 400 });
  const res = await office.request('POST', '/v1/procedures/land-transfer/dossiers', {
    purpose: PURPOSE,
    body: {
      applicant: { personalId: parcel.holderIds[0] },
      form: {
        parcelCommuneCode: parcel.communeCode,
        mapSheetNumber: parcel.mapSheetNumber,
        parcelNumber: parcel.parcelNumber,
        transfereePersonalId: buyer.personalId,
        contractNumber: '2481/2026/CCGD',
        notarisedAt: '2026-11-18',
        notary: 'Văn phòng công chứng Nguyễn Trãi',
        declaredPrice: 3_200_000_000,
      },
    },
  });
  expect(res.status).toBe(202);
  code = (res.body as { dossierCode: string }).dossierCode;
  await until(async () =>
    (await pw.world.hub.runtime.deps.procedureStore!.get(code))?.needsOfficer ? true : undefined,
  );
  pw.world.simulators.tax.resetFaults();
}, 120_000);

const url = (path: string) => `${pw.world.hub.url}${path}`;

it('an officer of the tax department decides a dossier the tax system refused: worklist, timeline, retry, audited', async () => {
  const { page, problems } = await browser.open();
  await page.goto(url('/dang-nhap'));
  await page.getByLabel('Tên đăng nhập').fill('lan.tran');
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('link', { name: code }).waitFor();
  expect(await page.locator('main').textContent()).toContain('Đúng hạn');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: shotPath('can-bo'), fullPage: true });

  await page.getByRole('link', { name: code }).click();
  await page.getByLabel('Quyết định').waitFor();
  const main = (await page.locator('main').textContent()) ?? '';
  expect(main).toContain('Cục Thuế');
  expect(main).toMatch(/Không thành công/);
  expect(await page.locator('td code').count()).toBeGreaterThan(0); // the failed attempt's code
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: shotPath('can-bo-ho-so'), fullPage: true });

  // Signed in, but a decision posted without its CSRF token (another site's form): refused, nothing decided.
  const forged = await page.request.post(url(`/can-bo/ho-so/${code}/quyet-dinh`), {
    form: { action: 'stop', reason: 'không có mã CSRF' },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  expect(await forged.text()).toContain('Yêu cầu không hợp lệ');
  const untouched = (await pw.world.hub.runtime.deps.procedureStore!.get(code))!;
  expect(untouched.decisions ?? []).toEqual([]);
  expect(untouched.needsOfficer).toBeDefined();

  await page.getByLabel('Quyết định').selectOption('retry');
  await page.getByRole('button', { name: 'Ghi quyết định' }).click();
  await page.getByText(`${TAX}/web:lan.tran`).first().waitFor();
  const office = pw.world.client('VN:GOV:01:VPDKDD', 'DATDAI');
  const done = await waitForStatus(office, code, PURPOSE, [10, 5, 8], 60_000);
  expect(done.status.code).toBe(10);
  await pw.world.hub.runtime.deps.audit.flush();
  const records = auditRecords(pw.world.config.hub.auditDir);
  expect(records).toContainEqual(
    expect.objectContaining({
      client: `officer:lan.tran@${TAX}`,
      service: 'officer:dossier.decide',
      dossierCode: code,
    }),
  );
  expect(problems).toEqual({ console: [], failedRequests: [], pageErrors: [] });
});

it('refuses a decision without its CSRF token and locks an account after five wrong passwords', async () => {
  const { page } = await browser.open();
  await page.goto(url('/dang-nhap'));
  const csrfless = await page.request.post(url(`/can-bo/ho-so/${code}/quyet-dinh`), {
    form: { action: 'stop', reason: 'không' },
    maxRedirects: 0,
  });
  expect([303, 403]).toContain(csrfless.status());

  for (let i = 0; i < 5; i++) {
    await page.goto(url('/dang-nhap'));
    await page.getByLabel('Tên đăng nhập').fill('lan.tran');
    await page.getByLabel('Mật khẩu').fill(`sai-${i}`);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('alert').waitFor();
  }
  await page.goto(url('/dang-nhap'));
  await page.getByLabel('Tên đăng nhập').fill('lan.tran');
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('alert').textContent()).toContain('tạm khóa');
  expect(await page.getByRole('link', { name: code }).count()).toBe(0);
  expect((await page.context().cookies()).some((c) => c.name === 'lt_session')).toBe(false);
});
