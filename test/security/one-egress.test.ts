/**
 * Issue #10, finding 2 — one egress. Threat: a member reads more of a citizen's record than its purpose
 * allows by taking another path to the same data (the asynchronous result gave 16 fields where the
 * synchronous answer gave 5), or an operator reads citizens' data through the dead-letter queue or the
 * queue dashboard. Every route and CLI command that can return upstream data is a row of this table,
 * checked on a real world (hub, worker, simulators); a route or command the table does not classify
 * fails the test, so a new one cannot be added without deciding what it may show.
 */
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import Redis from 'ioredis';
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { buildCompleteProgram } from '../../hub/cli/main';
import { addUser, usersFileOf } from '../../hub/web/accounts/users';
import { mountsOf, routesOf } from '../../hub/http/routes-of';
import type { HubClient } from '../../hub/protocol';
import { startProcedureWorld, until, type ProcedureWorld } from '../procedures/helpers';
import { runLienthong } from '../helpers/processes';
import { useRedis } from '../helpers/redis';

const redis = useRedis();
let pw: ProcedureWorld;
const pop = getPopulation();
const MOTHER = pop.scenarios.birth.motherId;
const { declarantId, deceasedId } = pop.scenarios.death;
const PERSON = 'VN:GOV:00:BCA/DANCU/person-by-id/v1';
const NARROW = 'xac-thuc.danh-tinh';
const WIDE = 'ho-tich.khai-sinh';
const DEATH = 'ho-tich.khai-tu';
const SMS = 'VN:GOV:00:LIENTHONG/THONGBAO/send-sms/v1';

let ward: HubClient;
let tanHiep: HubClient;
/** Fields the narrow purpose allows the ward of person-by-id. */
let narrow: string[];
/** Values of the mother's record the narrow purpose does not allow (what a leak would show). */
let mothersHidden: string[];
/** Every value of the mother's record (an operator may see none). */
let mothersAll: string[];
/** Every value of the declarant's record as the death procedure read it (an operator may see none). */
let declarantAll: string[];
let declarantWide: Record<string, unknown>;
let asyncId: string;
let dossierCode: string;
let submission: string;
let deadSmsId: string;

/** String leaves of a value, at least 6 characters long (shorter ones occur by chance). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return value.length >= 6 ? [value] : [];
  if (typeof value === 'number') return String(value).length >= 6 ? [String(value)] : [];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** Fields whose values many people share ('living', 'female', a catalogue date): no evidence of a leak. */
const GENERIC = new Set(['status', 'sex', 'nationality', 'ethnicity', 'religion']);

/** The values of a person's fields that point at that person (an address by its text). */
function identifying(record: Record<string, unknown>, fields = Object.keys(record)): string[] {
  return fields
    .filter((f) => !GENERIC.has(f) && record[f] !== undefined)
    .flatMap((f) => {
      const v = record[f];
      const text = v && typeof v === 'object' && !Array.isArray(v) ? (v as { text?: unknown }).text : v;
      return strings(text);
    });
}

/** The identifying values of `record` outside `allowed`, minus any that an allowed field also holds. */
function hiddenValues(record: Record<string, unknown>, allowed: readonly string[]): string[] {
  const shown = new Set(strings(allowed.map((f) => record[f])));
  const hidden = identifying(
    record,
    Object.keys(record).filter((k) => !allowed.includes(k)),
  );
  return [...new Set(hidden.filter((v) => !shown.has(v)))];
}

const leaked = (text: string, values: readonly string[]) => values.filter((v) => text.includes(v));

/** A signed-in operator's page (an account of web-users.json, signed in through /dang-nhap). */
let operatorCookie: string | undefined;
const operatorPage = async (path: string) => {
  const base = pw.world.hub.url;
  if (!operatorCookie) {
    const password = addUser(usersFileOf(pw.world.config.hub.adminTokenFile), 'egress.ops', 'operator');
    const form = await fetch(`${base}/dang-nhap`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
    const csrfCookie = form.headers.getSetCookie().map((c) => c.split(';')[0]);
    const signedIn = await fetch(`${base}/dang-nhap`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie.join('; ') },
      body: new URLSearchParams({ _csrf: csrf, user: 'egress.ops', password }).toString(),
    });
    expect(signedIn.status).toBe(303);
    const session = signedIn.headers.getSetCookie().map((c) => c.split(';')[0]);
    operatorCookie = [...csrfCookie, ...session].join('; ');
  }
  const res = await fetch(`${base}${path}`, { headers: { cookie: operatorCookie }, redirect: 'manual' });
  return { status: res.status, text: await res.text() };
};

const adminGet = async (path: string) => {
  const res = await fetch(`${pw.world.hub.url}${path}`, {
    headers: { authorization: `Bearer ${pw.world.adminToken}` },
  });
  return { status: res.status, text: await res.text() };
};

beforeAll(async () => {
  pw = await startProcedureWorld(redis, { env: { LIENTHONG_PREAUTH_POINTS: '1000' } });
  const { world } = pw;
  ward = world.client('VN:GOV:01:UBND-NGOCHA', 'MOTCUA');
  tanHiep = world.client('VN:GOV:79:UBND-TANHIEP', 'MOTCUA');
  const grant = world.hub.runtime.deps.policy.authorise('VN:GOV:01:UBND-NGOCHA/MOTCUA', PERSON, NARROW);
  narrow = grant.fields as string[];

  // The mother's record as a wider purpose shows it: what the narrow one must not.
  const wide = await ward.call(PERSON, { purpose: WIDE, body: { personalId: MOTHER } });
  expect(wide.status).toBe(200);
  const record = wide.body as Record<string, unknown>;
  mothersHidden = hiddenValues(record, narrow);
  mothersAll = [...new Set(identifying(record))];
  expect(mothersHidden.length).toBeGreaterThan(3);

  // The same read, asynchronously: accepted, delivered by the worker.
  const accepted = await ward.call(PERSON, {
    purpose: NARROW,
    body: { personalId: MOTHER },
    idempotencyKey: randomUUID(),
    respondAsync: true,
  });
  expect(accepted.status).toBe(202);
  asyncId = (accepted.body as { id: string }).id;

  const declarant = await tanHiep.call(PERSON, { purpose: DEATH, body: { personalId: declarantId } });
  declarantAll = [...new Set(identifying(declarant.body as Record<string, unknown>))];
  expect(strings((declarant.body as { phone?: string }).phone)).toHaveLength(1);
  // The declarant as the ward's wider grant shows them (parents included): what the death purpose hides.
  declarantWide = (await ward.call(PERSON, { purpose: WIDE, body: { personalId: declarantId } }))
    .body as Record<string, unknown>;

  // A death dossier whose announcements (SMS and e-mail to the declarant, read from the population
  // database) die because the gateway is down: their inputs carry data read from a source.
  world.simulators.notify.setFaults({ down: true });
  const submitted = await tanHiep.request('POST', '/v1/procedures/death-registration/dossiers', {
    purpose: DEATH,
    body: {
      applicant: { personalId: declarantId },
      form: {
        deceasedPersonalId: deceasedId,
        deathNoticeNumber: 'BT-2026-00777',
        deathNoticeIssuer: 'Bệnh viện Nhân dân Gia Định',
        dateOfDeath: '2026-11-20',
        placeOfDeathCommuneCode: '25920',
        relation: 'child',
        bankCode: '970436',
        accountNumber: '0071000123456',
      },
    },
  });
  expect(submitted.status).toBe(202);
  submission = submitted.rawBody.toString();
  dossierCode = (submitted.body as { dossierCode: string }).dossierCode;
  deadSmsId = await until(async () => {
    const list = JSON.parse((await adminGet('/v1/dead-letters')).text) as {
      items: { id: string; service: string }[];
    };
    return list.items.find((i) => i.service === SMS)?.id;
  }, 40_000);
}, 120_000);

/** The async read, finished. */
const finishedAsync = () =>
  until(async () => {
    const r = await ward.request('GET', `/v1/deliveries/${asyncId}`, { purpose: NARROW });
    const b = r.body as { state: string };
    return b.state === 'completed' ? r : undefined;
  });

interface Row {
  /** What an attacker would do through this route. */
  threat: string;
  check(): Promise<void>;
}

/** Routes (method and path as registered) and mounts that can return upstream data. */
const ROUTES: Record<string, Row> = {
  'POST /v1/services/:member/:subsystem/:service/:version': {
    threat: 'a member reads fields its purpose does not allow, synchronously or with Prefer: respond-async',
    async check() {
      const r = await ward.call(PERSON, { purpose: NARROW, body: { personalId: MOTHER } });
      expect(r.status).toBe(200);
      expect(Object.keys(r.body as object).every((k) => narrow.includes(k))).toBe(true);
      expect(leaked(JSON.stringify(r.body), mothersHidden)).toEqual([]);
      const asked = await ward.request('POST', `/v1/services/${PERSON}?fields=fullName`, {
        purpose: NARROW,
        body: { personalId: MOTHER },
      });
      expect(Object.keys(asked.body as object)).toEqual(['fullName']);
    },
  },
  'GET /v1/deliveries/:id': {
    threat: 'a member reads the asynchronous result of a read: the whole record, not its purpose’s fields',
    async check() {
      const r = await finishedAsync();
      const result = (r.body as { result: Record<string, unknown> }).result;
      expect(Object.keys(result).length).toBeGreaterThan(0);
      expect(Object.keys(result).every((k) => narrow.includes(k))).toBe(true);
      expect(leaked(r.rawBody.toString(), mothersHidden)).toEqual([]);
    },
  },
  'GET /v1/procedures/:procedure/prefill': {
    threat: 'a procedure’s prefill shows more of the subject than the procedure’s purpose allows',
    async check() {
      const grant = pw.world.hub.runtime.deps.policy.authorise('VN:GOV:79:UBND-TANHIEP/MOTCUA', PERSON, DEATH)
        .fields as string[];
      const r = await tanHiep.request(
        'GET',
        `/v1/procedures/death-registration/prefill?subject=${declarantId}`,
        { purpose: DEATH },
      );
      expect(r.status).toBe(200);
      const value = (r.body as { prefilled: { applicant: { value: object } } }).prefilled.applicant.value;
      expect(Object.keys(value).every((k) => grant.includes(k))).toBe(true);
      const hidden = hiddenValues(declarantWide, grant);
      expect(hidden.length).toBeGreaterThan(0);
      expect(leaked(r.rawBody.toString(), hidden)).toEqual([]);
    },
  },
  'POST /v1/procedures/:procedure/dossiers': {
    threat: 'submitting a dossier answers with what the hub read for it',
    async check() {
      // The answer of the submission in beforeAll: its code, status and location, nothing read.
      expect(Object.keys(JSON.parse(submission) as object).sort()).toEqual([
        'dossierCode',
        'location',
        'status',
      ]);
      expect(leaked(submission, declarantAll)).toEqual([]);
    },
  },
  'GET /v1/dossiers/:code': {
    threat: 'the timeline (also readable by members with the procedures right) shows what the procedure read',
    async check() {
      const r = await tanHiep.request('GET', `/v1/dossiers/${dossierCode}`, { purpose: DEATH });
      expect(r.status).toBe(200);
      expect(leaked(r.rawBody.toString(), declarantAll)).toEqual([]);
    },
  },
  'GET /v1/dead-letters': {
    threat: 'an operator lists dead letters and reads the citizens’ data their payloads carry',
    async check() {
      const r = await adminGet('/v1/dead-letters');
      expect(r.status).toBe(200);
      expect(r.text).toContain(deadSmsId);
      expect(leaked(r.text, declarantAll)).toEqual([]);
    },
  },
  'GET /v1/dead-letters/:id': {
    threat: 'an operator opens a dead letter whose input was built from a source (the SMS to the declarant)',
    async check() {
      const r = await adminGet(`/v1/dead-letters/${deadSmsId}`);
      expect(r.status).toBe(200);
      const body = JSON.parse(r.text) as { data: { inputFields: string[]; signed: { signature: string } } };
      expect(body.data.inputFields).toContain('to');
      expect(body.data.signed.signature).toMatch(/^[\w-]+\.\.[\w-]+$/);
      expect(leaked(r.text, declarantAll)).toEqual([]);
    },
  },
  'GET /van-hanh/thu-loi': {
    threat: 'an operator lists dead letters on the console and reads the citizens’ data their payloads carry',
    async check() {
      const r = await operatorPage('/van-hanh/thu-loi');
      expect(r.status).toBe(200);
      expect(r.text).toContain(deadSmsId);
      expect(leaked(r.text, declarantAll)).toEqual([]);
    },
  },
  'GET /van-hanh/thu-loi/:id': {
    threat: 'an operator opens, on the console, a dead letter whose input was built from a source',
    async check() {
      const r = await operatorPage(`/van-hanh/thu-loi/${encodeURIComponent(deadSmsId)}`);
      expect(r.status).toBe(200);
      expect(r.text).toMatch(/<td>[^<]*\bto\b[^<]*<\/td>/); // the input's field names
      expect(leaked(r.text, declarantAll)).toEqual([]);
    },
  },
  'POST /tra-cuu': {
    threat: 'the citizen’s dossier lookup page shows what the procedure read about the applicant',
    async check() {
      const deps = pw.world.hub.runtime.deps;
      const phone = (await deps.procedureStore!.get(dossierCode))!.contact.phone!;
      const page = await fetch(`${pw.world.hub.url}/tra-cuu`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
      const cookie = page.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const r = await fetch(`${pw.world.hub.url}/tra-cuu`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ _csrf: csrf, code: dossierCode, phone4: phone.slice(-4) }).toString(),
      });
      const html = await r.text();
      expect(r.status).toBe(200);
      expect(html).toContain(dossierCode);
      expect(leaked(html, declarantAll)).toEqual([]);
    },
  },
  'POST /tra-cuu/danh-gia': {
    threat: 'the rating form’s answer page shows what the procedure read about the applicant',
    async check() {
      const deps = pw.world.hub.runtime.deps;
      const phone = (await deps.procedureStore!.get(dossierCode))!.contact.phone!;
      const page = await fetch(`${pw.world.hub.url}/tra-cuu`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
      const cookie = page.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      // Answers missing: the dossier page again with the error, nothing rated.
      const r = await fetch(`${pw.world.hub.url}/tra-cuu/danh-gia`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ _csrf: csrf, code: dossierCode, phone4: phone.slice(-4) }).toString(),
      });
      const html = await r.text();
      expect(r.status).toBe(422);
      expect(html).toContain(dossierCode);
      expect(leaked(html, declarantAll)).toEqual([]);
    },
  },
  'MOUNT /admin/queues': {
    threat: 'an operator opens a job on the queue dashboard: its data and its return value',
    async check() {
      await finishedAsync();
      const views = [
        `/admin/queues/api/queues/deliveries.national-population/${asyncId}`,
        `/admin/queues/api/queues/deliveries.notify/${deadSmsId}`,
        '/admin/queues/api/queues?activeQueue=deliveries.notify&status=failed&page=1',
        '/admin/queues/api/queues?activeQueue=deliveries.national-population&status=completed&page=1',
      ];
      for (const view of views) {
        const r = await adminGet(view);
        expect({ view, status: r.status }).toEqual({ view, status: 200 });
        expect({ view, leaked: leaked(r.text, [...mothersAll, ...declarantAll]) }).toEqual({
          view,
          leaked: [],
        });
      }
      // Nor can it rewrite a job (it would send what no member signed).
      const edit = await fetch(
        `${pw.world.hub.url}/admin/queues/api/queues/deliveries.notify/${deadSmsId}/update-data`,
        {
          method: 'PATCH',
          headers: {
            authorization: `Bearer ${pw.world.adminToken}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ jobData: { to: '+84900000000' } }),
        },
      );
      expect(edit.status).toBe(405);
    },
  },
};

/** Routes that return no upstream data, and why. */
const NO_UPSTREAM: Record<string, string> = {
  'GET /v1/services': 'the caller’s grants: service ids, purposes and field names (configuration)',
  'POST /v1/deliveries': '202 with the delivery id; its result is read with GET /v1/deliveries/:id (a row)',
  'GET /v1/procedures': 'the procedures’ definitions (configuration)',
  'POST /v1/dossiers/:code/decisions': 'the dossier timeline, as GET /v1/dossiers/:code (a row)',
  'GET /v1/subjects/:personalId/access-log': 'audit entries: who read which field names, never values',
  'POST /v1/dead-letters/:id/redrive': 'the redriven id',
  'POST /v1/dead-letters/redrive': 'the redriven ids',
  'POST /v1/dead-letters/:id/discard': 'the discarded id and the reason given',
  'GET /v1/dossiers/overdue':
    'dossier codes, procedures, units, due dates and step ids (the hub’s own state)',
  'GET /v1/kpis': 'counts, rates, durations and rating tallies (aggregates, no record)',
  'GET /v1/ratings/:code/:token': 'the portal’s rating criteria and the dossier code',
  'POST /v1/ratings/:code/:token': 'the rating the applicant gave',
  'POST /v1/notifications/payment-platform':
    'the outcome of the platform’s own notification (confirmed, failed, pending, duplicate) and its references',
  'GET /openapi.json': 'the API description',
  'GET /docs': 'the API description, as HTML',
  'GET /healthz': 'process liveness',
  'GET /readyz': 'Redis and breaker states',
  'GET /metrics': 'counters and gauges',
  'GET /web/static/site.css': 'the pages’ stylesheet',
  'GET /web/static/icon.svg': 'the pages’ icon',
  'GET /tra-cuu': 'the lookup form',
  'GET /du-lieu-cua-toi':
    'the signed-in citizen’s own access log: who read which field names, never values (or the sign-in form)',
  'POST /du-lieu-cua-toi/gui-ma':
    'the code form: the phone read through the egress goes to the SMS gateway, never to the page',
  'POST /du-lieu-cua-toi/xac-nhan': 'a redirect, or the refusal page',
  'POST /dang-xuat': 'a redirect',
  'GET /dang-nhap': 'the staff sign-in form',
  'POST /dang-nhap': 'a redirect, or the refusal page',
  'GET /can-bo':
    'the agency’s dossier codes, due dates, hand-over reasons and KPI aggregates (the hub’s own state)',
  'GET /can-bo/ho-so/:code': 'the dossier timeline, as GET /v1/dossiers/:code (a row)',
  'POST /can-bo/ho-so/:code/quyet-dinh': 'a redirect to the timeline page',
  'GET /van-hanh':
    'breaker states, call and error counts, latencies, queue depths and ages (metrics, no record)',
  'GET /van-hanh/thanh-vien': 'members, key ids, certificate serials and dates (configuration, trust store)',
  'GET /van-hanh/quyen': 'grants: members, services, purposes and field names (configuration)',
  'GET /van-hanh/nhat-ky': 'the search forms',
  'POST /van-hanh/nhat-ky': 'audit records: who read which field names, never values',
  'POST /van-hanh/thu-loi/:id/gui-lai': 'the dead-letter list, as GET /van-hanh/thu-loi (a row)',
  'POST /van-hanh/thu-loi/:id/huy': 'the dead-letter list, as GET /van-hanh/thu-loi (a row)',
};

/** CLI commands that can print upstream data. */
const COMMANDS: Record<string, Row> = {
  'dlq show': {
    threat: 'an operator prints a dead letter from the command line',
    async check() {
      const r = await runLienthong(['dlq', 'show', deadSmsId], pw.world.env, 60_000);
      expect(r.code).toBe(0);
      expect(r.output).toContain('"inputFields"');
      expect(leaked(r.output, declarantAll)).toEqual([]);
    },
  },
  'dlq list': {
    threat: 'an operator lists dead letters (also --json) from the command line',
    async check() {
      const r = await runLienthong(['dlq', 'list', '--json'], pw.world.env, 60_000);
      expect(r.code).toBe(0);
      expect(r.output).toContain(deadSmsId);
      expect(leaked(r.output, declarantAll)).toEqual([]);
    },
  },
};

const COMMANDS_WITHOUT_UPSTREAM: Record<string, string> = {
  validate: 'the normalised record read from the user’s own file or stdin',
  contracts: 'contract names',
  'adapter list': 'adapter definitions',
  'adapter check': 'conformance results against the adapter’s simulator (synthetic data)',
  'adapter new': 'scaffolded files',
  sandbox: 'the simulators’ URLs',
  'keys init': 'kids and paths',
  'keys issue': 'kid and paths',
  'keys rotate': 'kid and paths',
  'keys revoke': 'kids',
  'keys tls': 'paths and hosts',
  'keys list': 'kids and states',
  'keys import-p12': 'kid and paths',
  'keys export-p12': 'kid and path',
  'audit verify': 'chain states: counts and hashes',
  serve: 'its URL',
  worker: 'a ready line',
  'dlq redrive': 'the redriven ids',
  'dlq discard': 'the discarded id',
  'keys data-rotate': 'the new data key’s kid',
  'members list': 'members and subsystems (configuration)',
  'policy who-may': 'grants: members, purposes and field names (configuration)',
  'operators add': 'the new token, once',
  'operators list': 'operators’ names',
  'operators remove': 'the removed operator’s name',
  'users add': 'the new password, once',
  'users disable': 'the user’s name',
  'users reset-password': 'the new password, once',
  'users list': 'user names, roles and agencies',
  call: 'the hub’s signed answer to the member’s own request: released by the hub’s egress, not read around it',
};

function commandsOf(c: Command, prefix: string[] = []): string[] {
  return c.commands.flatMap((s) => {
    const name = [...prefix, s.name()];
    return s.commands.length ? commandsOf(s, name) : [name.join(' ')];
  });
}

describe('one egress: every route and command that returns upstream data', () => {
  it('has a row for every route and mount of the app, and no row for a route it lacks', () => {
    const app = pw.world.hub.runtime.app;
    const served = [
      ...routesOf(app).flatMap((r) => r.methods.map((m) => `${m} ${r.path}`)),
      ...mountsOf(app).map((m) => `MOUNT ${m.path}`),
    ].sort();
    const classified = [...Object.keys(ROUTES), ...Object.keys(NO_UPSTREAM)].sort();
    expect(served).toEqual(classified);
  });

  it('has a row for every CLI command, and no row for a command it lacks', () => {
    const all = commandsOf(buildCompleteProgram()).sort();
    expect(all).toEqual([...Object.keys(COMMANDS), ...Object.keys(COMMANDS_WITHOUT_UPSTREAM)].sort());
  });

  it.each(Object.entries(ROUTES))('%s', async (_route, row) => {
    expect(row.threat.length).toBeGreaterThan(10);
    await row.check();
  });

  it.each(Object.entries(COMMANDS))('lienthong %s', async (_cmd, row) => {
    await row.check();
  });

  it('Redis holds nothing of the record beyond what the reader may see (the worker stores it released)', async () => {
    await finishedAsync();
    const client = new Redis(redis.url);
    try {
      const found: string[] = [];
      for (const key of await client.keys('*')) {
        const type = await client.type(key);
        const dump =
          type === 'string'
            ? await client.get(key)
            : type === 'hash'
              ? JSON.stringify(await client.hgetall(key))
              : type === 'list'
                ? JSON.stringify(await client.lrange(key, 0, -1))
                : type === 'zset'
                  ? JSON.stringify(await client.zrange(key, 0, -1))
                  : type === 'set'
                    ? JSON.stringify(await client.smembers(key))
                    : '';
        for (const v of leaked(dump ?? '', mothersHidden)) found.push(`${key}: ${v}`);
      }
      expect(found).toEqual([]);
    } finally {
      client.disconnect();
    }
  });
});
