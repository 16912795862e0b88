/**
 * Satisfaction ratings and service KPIs, end to end on real Redis and the simulators: household businesses
 * are registered (two online, one at the desk); with each result the applicant gets, in Vietnamese and in
 * one SMS segment, a link to rate the service with the national portal's criteria; a rating through the
 * link is kept with the dossier (once) and reaches the portal; GET /v1/kpis counts received, online share,
 * on-time rate, processing time, ratings and participation for the agency and procedure.
 */
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { smsSegments } from '../../hub/procedures/sms';
import { useRedis } from '../helpers/redis';
import { startProcedureWorld, until, waitForStatus, timelineOf, type ProcedureWorld } from './helpers';

const redis = useRedis();
let pw: ProcedureWorld;
const pop = getPopulation();
const PURPOSE = 'kinh-doanh.ho-kinh-doanh';
const { ownerId } = pop.scenarios.business;
const owner = pop.person(ownerId)!;
const withBusiness = new Set(pop.businesses.map((b) => b.ownerId));
/** Adults of the owner's province with a mobile phone and no business yet. */
const applicants = pop.persons.filter(
  (p) =>
    p.phone !== undefined &&
    p.personalId !== ownerId &&
    p.permanentAddress.provinceCode === owner.permanentAddress.provinceCode &&
    p.dateOfBirth < '2000-01-01' &&
    !withBusiness.has(p.personalId),
);
const commune = () => pw.world.client('VN:GOV:79:UBND-HUNGLONG', 'MOTCUA');
const codes: string[] = [];
let ratingUrl: string;

beforeAll(async () => {
  pw = await startProcedureWorld(redis);
  for (const [n, channel] of [
    [0, 2],
    [1, 2],
    [2, 1],
  ] as const) {
    const res = await commune().request('POST', '/v1/procedures/household-business/dossiers', {
      purpose: PURPOSE,
      body: {
        applicant: { personalId: applicants[n].personalId },
        channel,
        form: {
          businessName: `Hộ kinh doanh Bánh Mì Số ${n + 1}`,
          activityCodes: ['1071'],
          capital: 30_000_000,
          employees: 2,
          businessCommuneCode: owner.permanentAddress.communeCode,
          businessAddress: `Số ${n + 10} đường Trần Hưng Đạo`,
        },
      },
    });
    expect(res.status).toBe(202);
    codes.push((res.body as { dossierCode: string }).dossierCode);
  }
  for (const c of codes)
    expect((await waitForStatus(commune(), c, PURPOSE, [10, 5, 8])).status.code).toBe(10);
}, 90_000);

type Message = { channel: 'sms' | 'email'; to: string; text: string; subject?: string; reference?: string };
const messagesOf = async (code: string) =>
  (
    (await (await fetch(`${pw.world.simulators.notify.url}/__admin/state`)).json()) as { messages: Message[] }
  ).messages.filter((m) => m.reference === code);
const hub = (path: string, init?: RequestInit) => fetch(`${pw.world.hub.url}${path}`, init);
const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const ALL_SATISFIED = [
  { criterion: 'procedure-information', level: 'very-satisfied' },
  { criterion: 'reception', level: 'satisfied' },
  { criterion: 'processing-time', level: 'very-satisfied' },
  { criterion: 'staff-conduct', level: 'satisfied' },
  { criterion: 'result', level: 'not-satisfied' },
];

describe('the applicant is notified in Vietnamese and asked to rate', () => {
  it('every SMS is Vietnamese and one segment; the last carries the rating link', async () => {
    const sms = await until(async () => {
      const all = (await messagesOf(codes[0])).filter((m) => m.channel === 'sms');
      return all.length >= 4 ? all : undefined;
    });
    for (const m of sms) {
      expect(smsSegments(m.text).segments).toBe(1);
      expect(m.text).not.toMatch(/\b(the|was|returned|result|processing)\b|\s\/\s/i);
    }
    const last = sms[sms.length - 1].text;
    expect(last).toMatch(/^Ho so .*: Da tra ket qua\. Moi danh gia: http:\/\/\S+$/);
    const link = last.split(': ').pop()!;
    // The link is on the hub's public address (LIENTHONG_PUBLIC_URL); this hub listens on its own port.
    expect(link.startsWith(`${pw.world.config.hub.publicUrl}/v1/ratings/${codes[0]}/`)).toBe(true);
    ratingUrl = `${pw.world.hub.url}${new URL(link).pathname}`;
  });

  it('the link shows the dossier and the portal’s criteria; a wrong token is no dossier', async () => {
    const form = await (await fetch(ratingUrl)).json();
    expect(form).toMatchObject({ dossierCode: codes[0], procedure: { code: expect.any(String) } });
    expect((form as { criteria: { id: string }[] }).criteria.map((c) => c.id)).toEqual(
      ALL_SATISFIED.map((a) => a.criterion),
    );
    const wrong = await fetch(ratingUrl.replace(/\/[^/]+$/, '/AAAAAAAAAAAAAAAAAAAAAA'));
    expect(wrong.status).toBe(404);
    expect(wrong.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await wrong.json()) as { code: string }).code).toBe('RATING_UNKNOWN');
    // Another dossier's code with this token is no dossier either.
    expect((await fetch(ratingUrl.replace(codes[0], codes[1]))).status).toBe(404);
  });

  it('a bad rating is refused with the field at fault; a good one is kept once and reaches the portal', async () => {
    const bad = await post(ratingUrl, { answers: [{ criterion: 'speed', level: 'satisfied' }] });
    expect(bad.status).toBe(422);
    const problem = (await bad.json()) as { code: string; errors: { path: string }[] };
    expect(problem.code).toBe('CONTRACT_INVALID');
    expect(problem.errors.map((e) => e.path)).toEqual(['answers[0].criterion']);

    const ok = await post(ratingUrl, { answers: ALL_SATISFIED, comment: 'Nhanh, không phải đi lại' });
    expect(ok.status).toBe(202);
    const again = await post(ratingUrl, { answers: [{ criterion: 'result', level: 'very-satisfied' }] });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe('RATING_GIVEN');

    const t = (await timelineOf(commune(), codes[0], PURPOSE)) as unknown as {
      rating: { answers: unknown[] };
    };
    expect(t.rating.answers).toEqual(ALL_SATISFIED);
    expect(JSON.stringify(t)).not.toContain(ratingUrl.split('/').pop());

    const ratings = await until(async () => {
      const state = (await (
        await fetch(`${pw.world.simulators['national-portal'].url}/__admin/state`)
      ).json()) as {
        ratings: {
          MaHoSo: string;
          KetQuaDanhGia: { MaTieuChi: string; MucDo: number }[];
          GopY: string | null;
        }[];
      };
      const mine = state.ratings.filter((r) => r.MaHoSo === codes[0]);
      return mine.length ? mine : undefined;
    });
    expect(ratings).toHaveLength(1); // the second rating was not sent
    expect(ratings[0].GopY).toBe('Nhanh, không phải đi lại');
    expect(ratings[0].KetQuaDanhGia.find((d) => d.MaTieuChi === 'TC05')?.MucDo).toBe(3);
  });
});

describe('request-keyed lookups (CONVENTIONS §11)', () => {
  const names = Object.getOwnPropertyNames(Object.prototype);

  it('no Object.prototype name as a dossier code or token opens a rating', async () => {
    for (const name of names) {
      for (const path of [`/v1/ratings/${name}/${name}`, `/v1/ratings/${codes[1]}/${name}`]) {
        const r = await hub(path);
        expect([r.status, ((await r.json()) as { code: string }).code]).toEqual([404, 'RATING_UNKNOWN']);
      }
      const p = await post(`${pw.world.hub.url}/v1/ratings/${codes[1]}/${name}`, { answers: ALL_SATISFIED });
      expect(p.status).toBe(404);
    }
  });

  it('no Object.prototype name as a KPI filter finds anything or fails', async () => {
    for (const name of names) {
      for (const q of [`procedure=${name}`, `agency=${name}`]) {
        const r = await commune().request('GET', `/v1/kpis?${q}`, { purpose: PURPOSE });
        expect([200, 422]).toContain(r.status);
        if (r.status === 200) expect((r.body as { agencies: unknown[] }).agencies).toEqual([]);
      }
    }
  });
});

describe('GET /v1/kpis', () => {
  const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const kpis = async (query: string, client = commune()) =>
    client.request('GET', `/v1/kpis${query}`, { purpose: PURPOSE });

  it('counts the agency’s dossiers of the period: received, online share, on time, time, ratings, participation', async () => {
    const res = await kpis(`?from=${today()}&to=${today()}&procedure=household-business`);
    expect(res.status).toBe(200);
    const body = res.body as {
      agencies: { code: string; procedures: Record<string, unknown>[]; totals: Record<string, unknown> }[];
    };
    expect(body.agencies.map((a) => a.code)).toEqual(['UBND-HUNGLONG']);
    const p = body.agencies[0].procedures[0];
    expect(p).toMatchObject({
      id: 'household-business',
      received: 3,
      online: 2,
      onlineShare: 0.6667,
      finished: 3,
      onTime: 3,
      onTimeRate: 1,
      returned: 3,
      rated: 1,
      participationRate: 0.3333,
      satisfactionRate: 0.8,
    });
    expect(p.averageProcessingWorkingDays).toEqual(expect.any(Number));
    expect((p.ratings as Record<string, Record<string, number>>).result).toEqual({
      'very-satisfied': 0,
      satisfied: 0,
      'not-satisfied': 1,
    });
    expect(body.agencies[0].totals).toMatchObject({ received: 3, rated: 1 });
  });

  it('a period before the dossiers counts none; another agency sees none of them', async () => {
    const before = await kpis('?from=2025-01-01&to=2025-01-31');
    const procedures = (before.body as { agencies: { procedures: { received: number }[] }[] }).agencies[0]
      .procedures;
    expect(procedures.every((p) => p.received === 0)).toBe(true);
    const other = await kpis('', pw.world.client('VN:GOV:01:VPDKDD', 'DATDAI'));
    expect(other.status).toBe(200);
    expect((other.body as { agencies: { code: string }[] }).agencies.map((a) => a.code)).toEqual([
      'VPDKDD-HN',
    ]);
  });

  it('a bad period is refused with a stable code', async () => {
    const reversed = await kpis('?from=2026-12-31&to=2026-01-01');
    expect(reversed.status).toBe(422);
    expect((reversed.body as { code: string }).code).toBe('PERIOD_INVALID');
    const notADay = await kpis('?from=2026-13-45');
    expect(notADay.status).toBe(422);
    expect((notADay.body as { code: string; errors: { path: string }[] }).errors[0].path).toBe('from');
  });

  it('is in the hub’s OpenAPI document with its report schema', async () => {
    const doc = (await (await hub('/openapi.json')).json()) as {
      paths: Record<
        string,
        { get?: { responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> } }
      >;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const ref = doc.paths['/v1/kpis'].get!.responses['200'].content!['application/json'].schema.$ref;
    const name = ref.split('/').pop()!;
    expect(Object.keys(doc.components.schemas[name].properties)).toEqual([
      'period',
      'generatedAt',
      'truncated',
      'agencies',
    ]);
  });
});
