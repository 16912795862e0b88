/**
 * Level-4 online service, end to end on real Redis and the simulators (issue #14 part 2): the household
 * business fee paid online and confirmed by the payment platform's signed notification, the result posted
 * home and the dossier completed on proof of delivery; a forged, unsigned or unknown-key notification
 * refused (problem+json, audited) while a genuine repeat is harmless; an expired payment asks the
 * applicant to pay again (supplement); a delivery the post gives up on brings the result back to the
 * office, and the applicant is told so in Vietnamese.
 *
 * The fee step's polling is set to once an hour here, so only the notification can complete it (the
 * polling path is payment-polling.e2e.test.ts).
 */
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  KEY_ID_HEADER,
  SIGNATURE_HEADER,
  signNotification,
} from '../../adapters/payment-platform/notification';
import type { SentNotification } from '../../adapters/payment-platform/simulator/store';
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { DEFAULT_CONFIG_DIR } from '../../config/loader';
import { PAYMENT_EVENT } from '../../hub/procedures/payment-notification-route';
import { withoutDiacritics } from '../../hub/procedures/sms';
import type { DossierDoc } from '../../hub/procedures/types';
import { auditLines } from '../helpers/audit-lines';
import { useRedis } from '../helpers/redis';
import { startProcedureWorld, until, waitForStatus, type ProcedureWorld } from './helpers';

const redis = useRedis();
let pw: ProcedureWorld;
const pop = getPopulation();
const PURPOSE = 'kinh-doanh.ho-kinh-doanh';
const PROCEDURE = '/v1/procedures/household-business';
const configDir = mkdtempSync(join(tmpdir(), 'lienthong-config-'));
const owner0 = pop.person(pop.scenarios.business.ownerId)!;
const withBusiness = new Set(pop.businesses.map((b) => b.ownerId));
/** Adults of the scenario's province with no business yet: one per dossier (a person registers once). */
const owners = pop.persons.filter(
  (p) =>
    p.permanentAddress.provinceCode === owner0.permanentAddress.provinceCode &&
    p.dateOfBirth < '2000-01-01' &&
    !withBusiness.has(p.personalId) &&
    p.personalId !== owner0.personalId,
);

beforeAll(async () => {
  cpSync(DEFAULT_CONFIG_DIR, configDir, { recursive: true });
  const file = join(configDir, 'procedures', 'household-business.json');
  const def = JSON.parse(readFileSync(file, 'utf8')) as { steps: { id: string; everyMs?: number }[] };
  def.steps.find((s) => s.id === 'fee-paid')!.everyMs = 3_600_000;
  writeFileSync(file, JSON.stringify(def));
  pw = await startProcedureWorld(redis, { configDir });
}, 60_000);
afterAll(() => rmSync(configDir, { recursive: true, force: true }));

const commune = () => pw.world.client('VN:GOV:79:UBND-HUNGLONG', 'MOTCUA');
const store = () => pw.world.hub.runtime.deps.procedureStore!;
const sim = (id: string) => pw.world.simulators[id].url;
const admin = (id: string, path: string, body: unknown = {}) =>
  fetch(`${sim(id)}/__admin${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const sent = async (ref: string) =>
  (
    (await fetch(`${sim('payment-platform')}/__admin/state`).then((r) => r.json())) as {
      notifications: SentNotification[];
    }
  ).notifications.filter((n) => n.maThamChieu === ref);
const notify = (body: string | Buffer, headers: Record<string, string>) =>
  fetch(`${pw.world.hub.url}/v1/notifications/payment-platform`, {
    method: 'POST',
    headers,
    // The exact bytes (a Buffer is a Uint8Array; fetch's types want the latter).
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });

let n = 0;
const submit = async (choices: unknown) => {
  const owner = owners[n];
  const res = await commune().request('POST', `${PROCEDURE}/dossiers`, {
    purpose: PURPOSE,
    body: {
      applicant: { personalId: owner.personalId },
      form: {
        businessName: `Hộ kinh doanh Tạp Hóa Số ${++n}`,
        activityCodes: ['4711'],
        capital: 50_000_000,
        businessCommuneCode: owner.permanentAddress.communeCode,
        businessAddress: `Số ${n} đường Lê Lợi`,
      },
      choices,
    },
  });
  if (res.status !== 202) throw new Error(JSON.stringify(res.body));
  return { code: (res.body as { dossierCode: string }).dossierCode, owner };
};
const home = (o: (typeof owners)[number]) => ({
  by: 'post',
  address: {
    text: o.permanentAddress.text,
    communeCode: o.permanentAddress.communeCode,
    provinceCode: o.permanentAddress.provinceCode,
    catalogue: '2026-04-30',
  },
});
const doc = async (code: string) => (await store().get(code)) as DossierDoc;
/** The dossier once its result is booked with the post (or where it got stuck instead). */
const booked = async (code: string) => {
  try {
    return await until(async () => {
      const d = await doc(code);
      return d.steps['post-result'].state === 'done' ? d : undefined;
    }, 20_000);
  } catch {
    const d = await doc(code);
    throw new Error(
      `never booked: ${JSON.stringify({ status: d.status, history: d.history, steps: d.steps })}`,
    );
  }
};
/** The fee is requested and the dossier waits for it (status 6), its wait recorded. */
const waitingForFee = async (code: string) => {
  await until(async () => ((await doc(code)).steps['fee-paid'].state === 'queued' ? true : undefined));
  const ref = `${code}-LP`;
  await until(async () => store().expected(PAYMENT_EVENT, ref));
  expect((await doc(code)).status).toBe(6);
  return ref;
};
const smsTo = async (code: string) =>
  (
    (await fetch(`${sim('notify')}/__admin/state`).then((r) => r.json())) as {
      messages: { reference?: string; text: string }[];
    }
  ).messages
    .filter((m) => m.reference === code)
    .map((m) => m.text);

let paidNotification: SentNotification;

describe('level 4: fee paid online, result posted home', () => {
  it('the platform’s signed notification confirms the fee; the post delivers; the dossier completes on proof of delivery', async () => {
    const { code, owner } = await submit({ payOnline: true, result: home(owners[n]) });
    const ref = await waitingForFee(code);
    // Nothing is registered before the fee is paid.
    expect((await doc(code)).steps['register-business'].state).toBe('waiting');

    expect((await admin('payment-platform', `/payments/${ref}/pay`, { kenh: 'QR' })).status).toBe(200);
    const [paid] = await until(async () => {
      const s = await sent(ref);
      return s.length && s[0].status !== undefined ? s : undefined;
    });
    expect(paid.status).toBe(200);
    paidNotification = paid;

    // Processing finished: the result is booked with the post and the dossier waits for it in status 9.
    const posted = await booked(code);
    expect(posted.status).toBe(9);
    expect(posted.resultDelivery).toBe('posting');
    expect(await store().active()).toContain(code);
    const shipment = posted.steps['post-result'].output as { trackingNumber: string; recipient: unknown };
    expect(shipment.recipient).toMatchObject({ fullName: owner.fullName });
    for (const step of ['advance', 'advance', 'deliver'])
      expect((await admin('public-postal', `/shipments/${shipment.trackingNumber}/${step}`)).status).toBe(
        200,
      );

    const t = await waitForStatus(commune(), code, PURPOSE, [10, 5, 8]);
    expect(t.history.map((h) => h.status)).toEqual([1, 2, 6, 4, 9, 10]);
    // Completed by the notification, not by the step's polling.
    expect(t.steps.find((s) => s.id === 'fee-paid')).toMatchObject({ confirmedBy: PAYMENT_EVENT });
    expect(t.steps.map((s) => `${s.id}:${s.state}`)).toEqual([
      'fee-request:done',
      'fee-paid:done',
      'register-business:done',
      'register-tax:done',
      'post-result:done',
      'delivery:done',
      'proof-of-delivery:done',
    ]);
    // Working-day due dates, in Vietnam time.
    expect(t.dueAt).toMatch(/T17:00:00\+07:00$/);
    const done = await doc(code);
    expect(done.resultDelivery).toBe('delivered');
    expect((done.steps['fee-paid'].output as { status: string; receipt: unknown }).status).toBe('paid');
    expect(done.steps['proof-of-delivery'].output).toMatchObject({
      trackingNumber: shipment.trackingNumber,
    });
    expect(await store().active()).not.toContain(code);

    // One audit record of the verified notification: the platform, the dossier, what it did.
    await pw.world.hub.runtime.deps.audit.flush();
    const lines = auditLines(join(pw.world.dir, 'audit')).filter(
      (l) => l.service === 'hub:POST /v1/notifications/payment-platform' && l.dossierCode === code,
    );
    expect(lines).toEqual([
      expect.objectContaining({ client: 'upstream:payment-platform', status: 200, outcome: 'ok' }),
    ]);
    expect(String(lines[0].target)).toMatch(/: confirmed$/);
  });

  it('the same notification again is harmless: 200 duplicate, nothing changes', async () => {
    const before = JSON.stringify(await doc(JSON.parse(paidNotification.body).maHoSo as string));
    for (let i = 0; i < 2; i++) {
      const res = await notify(paidNotification.body, paidNotification.headers);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ outcome: 'duplicate' });
    }
    expect(JSON.stringify(await doc(JSON.parse(paidNotification.body).maHoSo as string))).toBe(before);
  });

  it('refuses forged, unsigned and unknown-key notifications with problem+json, and audits them', async () => {
    const { code } = await submit({ payOnline: true });
    const ref = await waitingForFee(code);
    // A "paid" notification for this dossier, made from a genuine one.
    const forged = paidNotification.body.replace(JSON.parse(paidNotification.body).maThamChieu, ref);
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const kid = paidNotification.headers[KEY_ID_HEADER];
    const cases: [string, string, Record<string, string>][] = [
      ['the genuine signature over other bytes', forged, paidNotification.headers],
      ['no signature', forged, { 'content-type': 'application/json' }],
      [
        'signed by another key under the platform’s key id',
        forged,
        { [SIGNATURE_HEADER]: signNotification(Buffer.from(forged), other), [KEY_ID_HEADER]: kid },
      ],
      [
        'an unknown key id',
        forged,
        { [SIGNATURE_HEADER]: signNotification(Buffer.from(forged), other), [KEY_ID_HEADER]: 'PAYGOV-FAKE' },
      ],
    ];
    // Key ids come from the request: no Object.prototype name finds a key (CONVENTIONS §11).
    for (const name of Object.getOwnPropertyNames(Object.prototype))
      cases.push([
        `the key id "${name}"`,
        forged,
        { [SIGNATURE_HEADER]: signNotification(Buffer.from(forged), other), [KEY_ID_HEADER]: name },
      ]);
    for (const [why, body, headers] of cases) {
      const res = await notify(body, { 'content-type': 'application/json', ...headers });
      expect([why, res.status]).toEqual([why, 401]);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const p = (await res.json()) as { code: string; detail: string; detailVi?: string };
      expect(p.code).toBe('NOTIFICATION_REFUSED');
    }
    // Nothing moved: the dossier still waits for its fee.
    const d = await doc(code);
    expect(d.status).toBe(6);
    expect(d.steps['fee-paid'].state).toBe('queued');
    expect(await store().expected(PAYMENT_EVENT, ref)).toBeDefined();
    // Refusals before authentication are audited in aggregate, per source (http/refusals.ts).
    await pw.world.hub.runtime.deps.refusals.flush();
    await pw.world.hub.runtime.deps.audit.flush();
    const refused = auditLines(join(pw.world.dir, 'audit'))
      .map((l) => (l.outcomes as Record<string, number> | undefined)?.NOTIFICATION_REFUSED ?? 0)
      .reduce((a, b) => a + b, 0);
    expect(refused).toBeGreaterThanOrEqual(cases.length);

    // An expired payment: the applicant is asked to pay again (supplement), nothing is registered.
    expect((await admin('payment-platform', `/payments/${ref}/expire`)).status).toBe(200);
    const t = await waitForStatus(commune(), code, PURPOSE, [5, 8, 10]);
    expect(t.status.code).toBe(5);
    expect(t.history.at(-1)!.note).toMatch(/^Nộp lệ phí: Chưa nộp được lệ phí/);
    expect(t.steps.find((s) => s.id === 'fee-paid')!.state).toBe('failed');
    expect(t.steps.find((s) => s.id === 'register-business')!.state).toBe('waiting');
    const [expired] = await sent(ref);
    expect(expired.status).toBe(200);
    // The expiry's own notification repeated: no dossier waits for it any more.
    const again = await notify(expired.body, expired.headers);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ outcome: 'duplicate' });
  });

  it('a delivery the post gives up on brings the result back to the office, and the applicant is told', async () => {
    const { code } = await submit({ payOnline: false, result: home(owners[n]) });
    const { trackingNumber } = (await booked(code)).steps['post-result'].output as { trackingNumber: string };
    for (const step of ['advance', 'advance', 'fail-delivery', 'return'])
      expect((await admin('public-postal', `/shipments/${trackingNumber}/${step}`)).status).toBe(200);
    const back = await until(async () => {
      const d = await doc(code);
      return d.resultDelivery === 'returned-to-office' ? d : undefined;
    });
    expect(back.status).toBe(9);
    expect(back.steps.delivery.state).toBe('failed');
    expect(back.steps['proof-of-delivery'].state).toBe('waiting');
    expect(back.history.map((h) => h.status)).toEqual([1, 2, 4, 9, 9]);
    // Processing finished when the post took the result: its return does not move that time.
    expect(back.finishedAt).toBe(back.history[3].at);
    expect(back.history.at(-1)!.note).toMatch(/kết quả đã chuyển về UBND Xã Hưng Long/);
    expect(await store().active()).not.toContain(code);
    // The applicant learns it by SMS, in Vietnamese (diacritics dropped when they do not fit one segment).
    const texts = await until(async () => {
      const all = await smsTo(code);
      return all.some((t) => withoutDiacritics(t).includes('Buu dien phat khong thanh cong'))
        ? all
        : undefined;
    });
    const told = texts.find((t) => withoutDiacritics(t).includes('Buu dien phat khong thanh cong'))!;
    expect(withoutDiacritics(told)).toMatch(/den nhan/);
    expect(told).not.toMatch(/[Tt]he result|returned|delivery/);
  });

  it('refuses choices the procedure does not offer, naming the field, in Vietnamese and English', async () => {
    const owner = owners[owners.length - 1];
    const post = async (choices: unknown, procedure = PROCEDURE, purpose = PURPOSE) =>
      commune().request('POST', `${procedure}/dossiers`, {
        purpose,
        body: {
          applicant: { personalId: owner.personalId },
          form: {
            businessName: 'Hộ kinh doanh Không Nộp',
            activityCodes: ['4711'],
            capital: 1_000_000,
            businessCommuneCode: owner.permanentAddress.communeCode,
            businessAddress: 'Số 1',
          },
          choices,
        },
      });
    const cases: [unknown, string, string][] = [
      [{ result: { by: 'post' } }, 'choices.result.address', 'POSTAL_ADDRESS_REQUIRED'],
      [{ result: { by: 'courier' } }, 'choices.result.by', 'FIELD_NOT_IN_LIST'],
      [{ payOnline: 'yes' }, 'choices.payOnline', 'FIELD_TYPE'],
    ];
    for (const [choices, path, code] of cases) {
      const res = await post(choices);
      expect(res.status).toBe(422);
      const errors = (
        res.body as { errors: { path: string; code: string; message: string; messageVi: string }[] }
      ).errors;
      expect(errors).toEqual([expect.objectContaining({ path, code })]);
      expect(errors[0].messageVi).not.toBe(errors[0].message);
    }
  });
});
