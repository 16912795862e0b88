/**
 * The level-4 parts of the demo: the people outside the hub who act while a dossier is followed — the
 * applicant who pays on the national payment platform once the payment is requested (the platform then
 * posts its signed notification to the hub), and the postman who picks the result up at the one-stop
 * desk and delivers it. Each runs beside the dossier's live display and says what it did.
 */
import { getPopulation } from '../../adapters/sdk/simulator/population';
import type { HubClient } from '../protocol';
import { sleep, timeline, type Write } from './dossier-display';
import type { World } from '../sandbox/world';

const admin = async (url: string, path: string, body: unknown = {}) => {
  const res = await fetch(`${url}/__admin${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
};

/** Waits until the dossier's step has this state (or the dossier ended); false when it ended first. */
async function stepReaches(
  client: HubClient,
  code: string,
  purpose: string,
  step: string,
  state: string,
  timeoutMs: number,
): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const t = await timeline(client, code, purpose);
    if (t.steps.find((s) => s.id === step)?.state === state) return true;
    if ([3, 5, 7, 8, 10].includes(t.status.code)) return false;
    await sleep(150);
  }
  throw new Error(`dossier ${code}: step ${step} never became ${state}`);
}

/** The applicant pays the payment `ref` on the platform once the dossier waits for it (`step` queued). */
export async function payWhenAsked(
  world: World,
  client: HubClient,
  code: string,
  purpose: string,
  step: string,
  ref: string,
  write: Write,
  timeoutMs = 60_000,
): Promise<void> {
  if (!(await stepReaches(client, code, purpose, step, 'queued', timeoutMs))) return;
  const g = await admin(world.simulators['payment-platform'].url, `/payments/${ref}/pay`, { kenh: 'QR' });
  write(
    `      ⇢ the applicant pays ${Number(g.tongTien).toLocaleString('vi-VN')} đ by QR on the national payment platform; ` +
      `the platform posts its signed notification to the hub`,
  );
}

/** The post picks the result up once it is booked (`post-result` done), carries it and delivers it. */
export async function deliverWhenPosted(
  world: World,
  client: HubClient,
  code: string,
  purpose: string,
  write: Write,
  timeoutMs = 60_000,
): Promise<void> {
  if (!(await stepReaches(client, code, purpose, 'post-result', 'done', timeoutMs))) return;
  const store = world.hub.runtime.deps.procedureStore!;
  const shipment = (await store.get(code))?.steps['post-result']?.output as { trackingNumber?: string };
  const n = shipment?.trackingNumber;
  if (!n) throw new Error(`dossier ${code}: the booking has no tracking number`);
  const url = world.simulators['public-postal'].url;
  await admin(url, `/shipments/${n}/advance`);
  await admin(url, `/shipments/${n}/advance`);
  await admin(url, `/shipments/${n}/deliver`);
  write(`      ⇢ the post picks up item ${n} at the one-stop desk and delivers it to the applicant's home`);
}

/**
 * The demo's household business: the owner pays the fee online and has the certificate posted home.
 * Prints its heading; returns what to submit and what happens beside it (the payment, the postman).
 */
export function householdBusinessDossier(world: World, write: Write) {
  const owner = getPopulation().person(getPopulation().scenarios.business.ownerId)!;
  const client = world.client('VN:GOV:79:UBND-HUNGLONG', 'MOTCUA');
  const purpose = 'kinh-doanh.ho-kinh-doanh';
  write(
    '\n(d) Household business + tax registration, UBND Xã Hưng Long (TP.HCM): fee paid online, result posted home',
  );
  write(
    '  The owner chose to pay the fee online and to receive the certificate by post (bưu chính công ích).',
  );
  return {
    title: '  Following the dossier:',
    client,
    purpose,
    applicant: owner.personalId,
    form: {
      businessName: 'Hộ kinh doanh Cơm Tấm Hưng Long',
      activityCodes: ['56101'],
      capital: 120_000_000,
      employees: 2,
      businessCommuneCode: owner.permanentAddress.communeCode,
      businessAddress: 'Số 12 đường Nguyễn Văn Linh',
    },
    extra: {
      choices: {
        payOnline: true,
        result: {
          by: 'post',
          address: {
            text: owner.permanentAddress.text,
            communeCode: owner.permanentAddress.communeCode,
            provinceCode: owner.permanentAddress.provinceCode,
            catalogue: '2026-04-30',
          },
        },
      },
      alongside: async (code: string) => {
        await payWhenAsked(world, client, code, purpose, 'fee-paid', `${code}-LP`, write);
        await deliverWhenPosted(world, client, code, purpose, write);
      },
    },
  };
}
