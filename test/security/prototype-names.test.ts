/**
 * Issue #10, finding 3. Threat: a member names something after a property every plain object has —
 * purpose `constructor` found `Object.prototype.constructor` in the grants and passed the access check
 * (the read reached the upstream, a write was applied, an asynchronous read returned the whole record).
 * Every lookup keyed by request data is a Map or a null-prototype object; this property feeds every
 * Object.prototype name as each kind of request-chosen key — member, subsystem, purpose, service, field,
 * procedure, dossier code, adapter id, body member — through the real signed HTTP API, and expects a 4xx
 * problem, signed, and no call to any upstream.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { startWorld, type World } from '../../hub/sandbox/world';
import { useRedis } from '../helpers/redis';
import { signRaw } from '../helpers/sign-raw';

const redis = useRedis();
let world: World;
const pop = getPopulation();
const mother = pop.person(pop.scenarios.birth.motherId)!;
const WARD = 'VN:GOV:01:UBND-NGOCHA';
const NARROW = 'xac-thuc.danh-tinh';

beforeAll(async () => {
  // Refusals before authentication are rate-limited per source; this test is one source sending many.
  world = await startWorld({ redisUrl: redis.url, env: { LIENTHONG_PREAUTH_POINTS: '100000' } });
}, 60_000);
redis.beforeStop(() => world?.close());

/** Every name a plain object answers to without owning it. */
const NAMES = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__'])];

interface Req {
  method?: string;
  path: string;
  body?: string;
  client?: string;
  purpose?: string;
  idempotencyKey?: string;
  headers?: Record<string, string>;
}

/** Sends `r` signed by the ward, without the client library's checks (it refuses a purpose like `toString`). */
async function send(r: Req): Promise<{ status: number; type: string; signed: boolean; code?: string }> {
  const method = r.method ?? 'POST';
  const body = Buffer.from(r.body ?? '');
  const { headers } = signRaw({
    key: world.key(WARD),
    method,
    path: r.path,
    body,
    client: r.client ?? `${WARD}/MOTCUA`,
    purpose: r.purpose ?? NARROW,
    idempotencyKey: r.idempotencyKey,
  });
  const res = await fetch(`${world.hub.url}${r.path}`, {
    method,
    headers: { ...headers, ...(body.length ? { 'content-type': 'application/json' } : {}), ...r.headers },
    body: body.length ? body : undefined,
  });
  const text = await res.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { code?: string }).code;
  } catch {
    code = undefined;
  }
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    signed: res.headers.get('hub-signature') !== null,
    code,
  };
}

const PERSON = 'VN:GOV:00:BCA/DANCU/person-by-id/v1';
const byId = JSON.stringify({ personalId: mother.personalId });

/** Each kind of request-chosen key, and a request that puts `name` there. */
const KINDS: Record<string, (name: string) => Req> = {
  'member (service path)': (n) => ({ path: `/v1/services/${n}/DANCU/person-by-id/v1`, body: byId }),
  'member (X-Hub-Client)': (n) => ({ path: `/v1/services/${PERSON}`, body: byId, client: `${n}/MOTCUA` }),
  'subsystem (service path)': (n) => ({
    path: `/v1/services/VN:GOV:00:BCA/${n}/person-by-id/v1`,
    body: byId,
  }),
  'subsystem (X-Hub-Client)': (n) => ({ path: `/v1/services/${PERSON}`, body: byId, client: `${WARD}/${n}` }),
  'purpose (read)': (n) => ({ path: `/v1/services/${PERSON}`, body: byId, purpose: n }),
  'purpose (respond-async)': (n) => ({
    path: `/v1/services/${PERSON}`,
    body: byId,
    purpose: n,
    idempotencyKey: randomUUID(),
    headers: { prefer: 'respond-async' },
  }),
  'purpose (write, POST /v1/deliveries)': (n) => ({
    path: '/v1/deliveries',
    purpose: n,
    idempotencyKey: randomUUID(),
    body: JSON.stringify({
      service: 'VN:GOV:00:LIENTHONG/THONGBAO/send-sms/v1',
      input: { to: '+84912345678', text: 'Thử', reference: 'HS-PROTO' },
    }),
  }),
  'service (path)': (n) => ({ path: `/v1/services/VN:GOV:00:BCA/DANCU/${n}/v1`, body: byId }),
  'service (POST /v1/deliveries)': (n) => ({
    path: '/v1/deliveries',
    idempotencyKey: randomUUID(),
    body: JSON.stringify({
      service: `VN:GOV:00:BCA/DANCU/${n}/v1`,
      input: { personalId: mother.personalId },
    }),
  }),
  'field (?fields=, a purpose listing fields)': (n) => ({
    path: `/v1/services/${PERSON}?fields=${n}`,
    body: byId,
  }),
  'field (?fields=, a purpose allowing every field)': (n) => ({
    path: `/v1/services/VN:GOV:00:BCA/DANCU/identity-check/v1?fields=${n}`,
    body: JSON.stringify({
      personalId: mother.personalId,
      fullName: mother.fullName,
      dateOfBirth: mother.dateOfBirth,
    }),
  }),
  'procedure (prefill)': (n) => ({
    method: 'GET',
    path: `/v1/procedures/${n}/prefill?subject=${mother.personalId}`,
    purpose: 'ho-tich.khai-sinh',
  }),
  'procedure (submit)': (n) => ({
    path: `/v1/procedures/${n}/dossiers`,
    purpose: 'ho-tich.khai-sinh',
    body: JSON.stringify({ applicant: { personalId: mother.personalId }, form: {} }),
  }),
  'dossier code (timeline)': (n) => ({ method: 'GET', path: `/v1/dossiers/${n}` }),
  'dossier code (decision)': (n) => ({
    path: `/v1/dossiers/${n}/decisions`,
    body: JSON.stringify({ action: 'retry' }),
  }),
  'adapter id (delivery id)': (n) => ({ method: 'GET', path: `/v1/deliveries/d.${n}.${'A'.repeat(32)}` }),
  'body member name': (n) => ({
    path: `/v1/services/${PERSON}`,
    body: `{"personalId":${JSON.stringify(mother.personalId)},${JSON.stringify(n)}:{"x":1}}`,
  }),
};

const upstreamCalls = () =>
  Object.values(world.simulators).reduce((n, s) => n + (s.requests() as unknown[]).length, 0);

describe('Object.prototype names as request-chosen keys', () => {
  it('the names are the ones a plain object answers to', () => {
    expect(NAMES).toEqual(
      expect.arrayContaining(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']),
    );
  });

  it('every name, as every kind of key, gets a signed 4xx problem and reaches no upstream', async () => {
    const kinds = Object.keys(KINDS);
    const every = NAMES.flatMap((n) => kinds.map((k) => [n, k] as [string, string]));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), fc.constantFrom(...kinds), async (name, kind) => {
        const before = upstreamCalls();
        const r = await send(KINDS[kind](name));
        const outcome = {
          name,
          kind,
          answer: `${r.status} ${r.code}`,
          clientError: r.status >= 400 && r.status < 500,
          problem: r.type.startsWith('application/problem+json'),
          signed: r.signed,
          upstreamCalls: upstreamCalls() - before,
        };
        expect(outcome).toEqual({
          name,
          kind,
          answer: outcome.answer,
          clientError: true,
          problem: true,
          signed: true,
          upstreamCalls: 0,
        });
      }),
      { examples: every, numRuns: every.length + 30 },
    );
  }, 120_000);

  it('the same requests with real names do reach the upstream (the property is not vacuous)', async () => {
    const before = upstreamCalls();
    const r = await send({ path: `/v1/services/${PERSON}`, body: byId });
    expect(r.status).toBe(200);
    expect(upstreamCalls() - before).toBe(1);
  });
});
