/**
 * One member must not be able to open a breaker for every member, and free text must not carry
 * characters that break what it passes through (issue #10, finding 4). Reproduced: a NUL in
 * register-death's `cause` passed the contract, building the SOAP request then threw, the failure was
 * reported as a retryable 503 and counted by the civil-status breaker — twelve such requests opened it
 * for everyone; the SMS gateway received `A\u0000B ‮evil.exe C\ud800D`.
 *
 * The class, in three parts:
 * - every string field of every contract (canonical contracts, every service's input and output, every
 *   procedure form, the hub's own request bodies) refuses control, non-XML and bidi-control characters,
 *   lone surrogates and U+FFFD — enumerated here by walking the schemas, so a field added later is
 *   covered without anyone listing it;
 * - through the hub: twelve such requests are 422s that reach no upstream and leave the breaker closed,
 *   so another member's request goes through; the SMS gateway receives none of them, synchronously or
 *   as a delivery, nor text whose bytes were not UTF-8;
 * - under the contracts: a request the transport cannot build (a contract gap) is `unbuildable` — final,
 *   never sent, never counted by the breaker — for SOAP and REST alike.
 */
import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { join } from 'node:path';
import type { Schema } from 'joi';
import { Joi, contracts } from '../../contracts';
import { loadAdapters } from '../../adapters/registry';
import { adapter as civilStatus } from '../../adapters/civil-status';
import { testSigner } from '../../adapters/civil-status/conformance';
import { createCivilStatusSimulator } from '../../adapters/civil-status/simulator';
import { fixtureInput } from '../../adapters/civil-status/test-support';
import {
  createAdapterInstance,
  RestTransport,
  UpstreamError,
  type AdapterDefinition,
} from '../../adapters/sdk';
import { callContext, silentLogger } from '../../adapters/sdk/conformance/checks';
import { DEFAULT_CONFIG_DIR } from '../../config/loader';
import { loadProcedures } from '../../hub/procedures/definition';
import { formSchema } from '../../hub/procedures/form';
import { decisionBody, submission } from '../../hub/procedures/routes';
import { deliveryRequest } from '../../hub/routes/deliveries';
import { startWorld, type World } from '../../hub/sandbox/world';
import { useRedis } from '../helpers/redis';

/** What no free text may hold, each with the character it stands for. */
const BAD: [what: string, text: string][] = [
  ['NUL', 'A\u0000B'],
  ['an escape (C0 control)', 'A\u001bB'],
  ['a C1 control', 'A\u0085B'],
  ['DEL', 'A\u007fB'],
  ['U+FFFF (not an XML character)', 'A\uffffB'],
  ['a right-to-left override', 'A \u202eexe.txt'],
  ['a first-strong isolate', 'A\u2068B'],
  ['a lone surrogate', 'C\ud800D'],
  ['U+FFFD (bytes that were not UTF-8)', 'A\ufffdB'],
];

// ---------------------------------------------------------------------------------------------------------
// Every string field of every contract

/** Joi types that are not strings (everything else in the contracts is Joi.string() or a type built on it). */
const NOT_STRING = new Set([
  'object',
  'array',
  'alternatives',
  'any',
  'number',
  'boolean',
  'date',
  'binary',
  'link',
]);

interface Leaf {
  path: string;
  schema: Schema;
}

/** Every string-typed schema reachable from `schema`: keys, array items, alternatives, conditions, patterns. */
function stringLeaves(schema: Schema, path = '', out: Leaf[] = [], seen = new Set<Schema>()): Leaf[] {
  if (seen.has(schema)) return out;
  seen.add(schema);
  if (!NOT_STRING.has(schema.type ?? 'any')) out.push({ path: path || '(value)', schema });
  const visit = (item: unknown, here: string): void => {
    if (Joi.isSchema(item)) stringLeaves(item as Schema, here, out, seen);
    else if (Array.isArray(item)) item.forEach((i) => visit(i, here));
    else if (item && typeof item === 'object') {
      const o = item as Record<string, unknown>;
      const key = typeof o.key === 'string' ? (here ? `${here}.${o.key}` : o.key) : here;
      for (const [k, v] of Object.entries(o)) if (k !== 'is' && k !== 'ref' && k !== 'key') visit(v, key);
    }
  };
  const terms = (schema as unknown as { $_terms?: Record<string, unknown> }).$_terms ?? {};
  for (const [name, list] of Object.entries(terms)) visit(list, name === 'items' ? `${path}[]` : path);
  return out;
}

const sources: [name: string, schema: Schema][] = [
  ...contracts.list().map((c): [string, Schema] => [`contract ${c.id}`, c.schema]),
  ...loadAdapters().flatMap(({ adapter }) =>
    adapter.services.flatMap((s) => {
      const out: [string, Schema][] = [[`${adapter.id} ${s.name}/v${s.version} input`, s.input]];
      if (typeof s.output !== 'string') out.push([`${adapter.id} ${s.name}/v${s.version} output`, s.output]);
      return out;
    }),
  ),
  ...[...loadProcedures(join(DEFAULT_CONFIG_DIR, 'procedures'), () => true).values()].map(
    (p): [string, Schema] => [`procedure ${p.id} form`, formSchema(p)],
  ),
  ['hub POST /v1/deliveries body', deliveryRequest],
  ['hub POST /v1/dossiers/{code}/decisions body', decisionBody],
  ['hub POST /v1/procedures/{procedure}/dossiers body', submission],
];

describe('every string field of every contract refuses what free text may not hold', () => {
  it('the walk finds the fields of the findings (and hundreds more)', () => {
    const all = sources.flatMap(([name, schema]) => stringLeaves(schema).map((l) => `${name}: ${l.path}`));
    expect(all.length).toBeGreaterThan(300);
    expect(all).toEqual(
      expect.arrayContaining([
        'civil-status register-death/v1 input: cause',
        'contract death-event@1: cause',
        'notify send-sms/v1 input: text',
        'hub POST /v1/deliveries body: dossierCode',
        'hub POST /v1/dossiers/{code}/decisions body: reason',
      ]),
    );
  });

  it.each(sources)('%s', (_name, schema) => {
    const accepted: string[] = [];
    for (const leaf of stringLeaves(schema)) {
      // Validated as a field among (absent) siblings, so that conditions on siblings resolve; a field's
      // conditions (`.when()`, e.g. "only when status is removed") are set aside: they decide whether the
      // field may be there, not what it may hold, and their branches are walked as leaves of their own.
      const field = (leaf.schema as Schema & { clone(): Schema }).clone();
      (field as unknown as { $_terms: Record<string, unknown> }).$_terms.whens = null;
      const nested = Joi.object({
        a: Joi.object({ b: Joi.object({ v: field }).unknown() }).unknown(),
      }).unknown();
      for (const [what, text] of BAD) {
        const { error } = nested.validate({ a: { b: { v: text } } });
        const type = error?.details[0]?.type;
        // Refused as text, or because only listed values are allowed at all.
        if (type !== 'TEXT_CHARACTERS' && type !== 'any.only')
          accepted.push(`${leaf.path}: ${what} → ${type ?? 'accepted'}`);
      }
    }
    expect(accepted).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Through the hub

const redis = useRedis();
let world: World;
const deathInput = fixtureInput('register-death.ok');
const birthInput = fixtureInput('register-birth.ok');
const REGISTER_DEATH = 'VN:GOV:00:BTP/HOTICH/register-death/v1';
const REGISTER_BIRTH = 'VN:GOV:00:BTP/HOTICH/register-birth/v1';
const SEND_SMS = 'VN:GOV:00:LIENTHONG/THONGBAO/send-sms/v1';

beforeAll(async () => {
  world = await startWorld({
    redisUrl: redis.url,
    adapters: ['civil-status', 'notify'],
    members: ['VN:GOV:79:UBND-TANHIEP', 'VN:GOV:01:UBND-NGOCHA'],
  });
}, 60_000);
redis.beforeStop(() => world?.close());

const upstreamCalls = (id: string, operation: string): number =>
  world.simulators[id].requests().filter((r) => JSON.stringify(r.body ?? '').includes(operation)).length;

async function breakerOf(adapterId: string): Promise<string> {
  const ready = (await (await fetch(`${world.hub.url}/readyz`)).json()) as {
    upstreams: Record<string, { breaker: string }>;
  };
  return ready.upstreams[adapterId].breaker;
}

describe('through the hub', () => {
  it('twelve register-death requests with a NUL in `cause` are 422s; another member’s birth registration goes through', async () => {
    const ward = world.client('VN:GOV:79:UBND-TANHIEP', 'MOTCUA');
    for (let i = 0; i < 12; i++) {
      const res = await ward.call(REGISTER_DEATH, {
        purpose: 'ho-tich.khai-tu',
        body: { ...deathInput, cause: 'Tai nạn\u0000 giao thông' },
        idempotencyKey: randomUUID(),
      });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        code: 'CONTRACT_INVALID',
        errors: [expect.objectContaining({ path: 'cause', code: 'TEXT_CHARACTERS' })],
      });
    }
    expect(upstreamCalls('civil-status', 'DangKyKhaiTu')).toBe(0);
    expect(await breakerOf('civil-status')).toBe('closed');
    const other = world.client('VN:GOV:01:UBND-NGOCHA', 'MOTCUA');
    const birth = await other.call(REGISTER_BIRTH, {
      purpose: 'ho-tich.khai-sinh',
      body: birthInput,
      idempotencyKey: randomUUID(),
    });
    expect(birth.status).toBe(200);
    expect(birth.body).toMatchObject({ registerNumber: expect.any(String) });
  });

  const sms = (text: string) => ({ to: '+84912345678', text, reference: 'HS-2026-000123' });

  it.each(BAD)(
    'the SMS gateway never receives %s — not synchronously, not as a delivery',
    async (_what, text) => {
      const ward = world.client('VN:GOV:01:UBND-NGOCHA', 'MOTCUA');
      const before = upstreamCalls('notify', '');
      const now = await ward.call(SEND_SMS, {
        purpose: 'thong-bao.tien-do',
        body: sms(text),
        idempotencyKey: randomUUID(),
      });
      expect(now.status).toBe(422);
      expect(now.body).toMatchObject({
        code: 'CONTRACT_INVALID',
        errors: [expect.objectContaining({ path: 'text' })],
      });
      const later = await ward.request('POST', '/v1/deliveries', {
        purpose: 'thong-bao.tien-do',
        body: { service: SEND_SMS, input: sms(text) },
        idempotencyKey: randomUUID(),
      });
      expect(later.status).toBe(422);
      expect(upstreamCalls('notify', '')).toBe(before);
    },
  );

  it('nor a text whose bytes were not UTF-8', async () => {
    const ward = world.client('VN:GOV:01:UBND-NGOCHA', 'MOTCUA');
    const before = upstreamCalls('notify', '');
    const body = Buffer.concat([
      Buffer.from('{"to":"+84912345678","text":"Hồ sơ '),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from(' đã xong"}'),
    ]);
    const res = await ward.call(SEND_SMS, {
      purpose: 'thong-bao.tien-do',
      body,
      idempotencyKey: randomUUID(),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(upstreamCalls('notify', '')).toBe(before);
  });

  it('a clean SMS still goes out (the gateway is reachable and counted above)', async () => {
    const ward = world.client('VN:GOV:01:UBND-NGOCHA', 'MOTCUA');
    const before = upstreamCalls('notify', '');
    const res = await ward.call(SEND_SMS, {
      purpose: 'thong-bao.tien-do',
      body: sms('Hồ sơ HS-2026-000123 đã có kết quả.'),
      idempotencyKey: randomUUID(),
    });
    expect(res.status).toBe(200);
    expect(upstreamCalls('notify', '')).toBe(before + 1);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Under the contracts: what the transports cannot build

async function failure(p: Promise<unknown>): Promise<UpstreamError> {
  const err = await p.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UpstreamError);
  return err as UpstreamError;
}

describe('a request the transport cannot build never reaches the breaker', () => {
  it('civil-status (SOAP): twelve register-death calls with characters XML cannot carry, then a clean one', async () => {
    const registry = await createCivilStatusSimulator().start(0);
    const agent = new Agent({ keepAlive: true });
    const instance = createAdapterInstance(
      civilStatus as AdapterDefinition,
      { baseUrl: registry.url },
      { agent, logger: silentLogger, signer: testSigner() },
    );
    try {
      const service = instance.service('register-death', 1)!;
      for (let i = 0; i < 12; i++) {
        // Straight to the adapter, as if the contract had missed it.
        const cause = ['A\u0000B', 'C\ud800D', 'E\uffffF'][i % 3];
        const err = await failure(instance.call(service, { ...deathInput, cause }, callContext(5000)));
        expect(err).toMatchObject({ code: 'unbuildable', retryable: false });
        expect(err.reason).toMatch(/^field nguyenNhan holds U\+[0-9A-F]{4}, which XML cannot carry$/);
      }
      expect(registry.requests()).toHaveLength(0);
      expect(instance.breakerState()).toBe('closed');
      const ok = await instance.call(service, deathInput, callContext(5000));
      expect(ok).toMatchObject({ cause: deathInput.cause });
    } finally {
      await instance.close();
      agent.destroy();
      await registry.close();
    }
  });

  const restAgent = new Agent();
  afterAll(() => restAgent.destroy());

  it.each([
    ['a path with a space', { method: 'GET' as const, path: '/api/v1/cong-dan/001 099' }],
    [
      'a header value with a line break',
      { method: 'GET' as const, path: '/x', headers: { 'x-note': 'a\r\nb' } },
    ],
    ['a body with no JSON form', { method: 'POST' as const, path: '/x', body: { n: BigInt(1) } }],
  ])('REST: %s is unbuildable, not sent, not exchanged', async (_name, request) => {
    let sent = 0;
    let exchanged = false;
    const transport = new RestTransport({
      upstream: 'rest-test',
      baseUrl: 'http://127.0.0.1:9',
      agent: restAgent,
    });
    const ctx = {
      ...callContext(1000),
      exchange: <T>(send: () => Promise<T>) => ((exchanged = true), sent++, send()),
    };
    const err = await failure(transport.request(ctx, request));
    expect(err).toMatchObject({ code: 'unbuildable', retryable: false });
    expect(exchanged).toBe(false);
    expect(sent).toBe(0);
  });
});
