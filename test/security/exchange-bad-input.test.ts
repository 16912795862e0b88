/**
 * Bad input at the exchange, each a test: every one gets a problem+json with a stable code, leaves an
 * audit record, and crashes nothing (the hub still answers afterwards).
 */
import { createPrivateKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { toUpstreamPerson } from '../../adapters/national-population/simulator';
import { signRequest, type JwsAlg } from '../../hub/protocol';
import { issueMemberKey, revokeMemberKey } from '../../hub/trust';
import { startWorld, type World } from '../../hub/sandbox/world';
import { auditLines as readAuditLines } from '../helpers/audit-lines';
import { useRedis } from '../helpers/redis';

const redis = useRedis();
let world: World;
const pop = getPopulation();
const citizen = pop.person(pop.scenarios.birth.motherId)!;
const SERVICE = 'VN:GOV:00:BCA/DANCU/person-by-id/v1';
const WARD = 'VN:GOV:01:UBND-NGOCHA';
const BROKEN_ID = '001099000777';

beforeAll(async () => {
  const broken = { ...toUpstreamPerson(citizen), soDinhDanh: BROKEN_ID, ngaySinh: '31/02/1999' };
  world = await startWorld({
    redisUrl: redis.url,
    adapters: ['national-population'],
    simulators: { 'national-population': { extraRecords: [broken] } as never },
    env: { LIENTHONG_UPSTREAM_TIMEOUT_MS: '700' },
  });
}, 30_000);
redis.beforeStop(() => world?.close());

interface Sent {
  status: number;
  type: string | null;
  body: Record<string, unknown>;
}

async function send(opts: {
  path?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  sign?: {
    key?: { privateKey: KeyObject; kid: string; alg: JwsAlg };
    purpose?: string;
    now?: number;
    messageId?: string;
    client?: string;
  };
  tamper?: (body: Buffer) => Buffer;
}): Promise<Sent> {
  const path = opts.path ?? `/v1/services/${SERVICE}`;
  const body = Buffer.isBuffer(opts.body)
    ? opts.body
    : Buffer.from(opts.body ?? JSON.stringify({ personalId: citizen.personalId }));
  let headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers };
  if (opts.sign) {
    const signed = signRequest({
      method: 'POST',
      path,
      body,
      client: opts.sign.client ?? `${WARD}/MOTCUA`,
      messageId: opts.sign.messageId ?? randomUUID(),
      purpose: opts.sign.purpose ?? 'xac-thuc.danh-tinh',
      key: opts.sign.key ?? world.key(WARD),
      now: opts.sign.now,
    });
    headers = { ...headers, ...signed.headers };
  }
  const res = await fetch(`${world.hub.url}${path}`, {
    method: 'POST',
    headers,
    // Uint8Array: a BodyInit for both Node's and the DOM's fetch types (preact's JSX types bring the DOM's).
    body: new Uint8Array(opts.tamper ? opts.tamper(body) : body),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), body: text ? JSON.parse(text) : {} };
}

function expectProblem(r: Sent, status: number, code: string) {
  expect({ status: r.status, code: r.body.code }).toEqual({ status, code });
  expect(r.type).toMatch(/^application\/problem\+json/);
  expect(r.body).toMatchObject({
    type: expect.stringMatching(/^urn:lienthong:problem:/),
    title: expect.any(String),
    titleVi: expect.any(String),
  });
  expect(JSON.stringify(r.body)).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\.ts:\d+/);
}

const auditLines = () => readAuditLines(join(world.dir, 'audit'));

const cases: [string, () => Promise<Sent>, number, string][] = [
  ['unsigned request', () => send({}), 401, 'SIGNATURE_MISSING'],
  [
    'signature by an unknown key',
    () => {
      const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      return send({
        sign: {
          key: {
            privateKey: stranger.privateKey,
            kid: 'c3RyYW5nZXIta2V5LW5vdC1pbi10aGUtc3RvcmU',
            alg: 'ES256',
          },
        },
      });
    },
    401,
    'KEY_UNKNOWN',
  ],
  [
    'body changed after signing',
    () => send({ sign: {}, tamper: () => Buffer.from(JSON.stringify({ personalId: '079303000123' })) }),
    401,
    'SIGNATURE_INVALID',
  ],
  ['stale iat (10 minutes old)', () => send({ sign: { now: Date.now() - 600_000 } }), 401, 'SIGNATURE_STALE'],
  [
    'purpose not allowed',
    () => send({ sign: { purpose: 'dat-dai.chuyen-nhuong' } }),
    403,
    'FORBIDDEN_PURPOSE',
  ],
  [
    'service not allowed for this client',
    () => send({ path: '/v1/services/VN:GOV:00:CUCTHUE/THUE/register-taxpayer/v1', sign: {} }),
    403,
    'FORBIDDEN_SERVICE',
  ],
  [
    'a field outside the purpose',
    () => send({ path: `/v1/services/${SERVICE}?fields=fullName,phone`, sign: {} }),
    403,
    'FORBIDDEN_FIELDS',
  ],
  [
    'oversized body',
    () => send({ body: JSON.stringify({ personalId: 'x'.repeat(300_000) }), sign: {} }),
    413,
    'BODY_TOO_LARGE',
  ],
  [
    'deeply nested JSON',
    () => send({ body: '['.repeat(100) + ']'.repeat(100), sign: {} }),
    400,
    'BODY_TOO_DEEP',
  ],
  ['a body that is not JSON', () => send({ body: '{"personalId": 0012', sign: {} }), 400, 'INPUT_NOT_JSON'],
  [
    'a body that is not declared JSON',
    () => send({ body: 'personalId=1', headers: { 'content-type': 'text/plain' }, sign: {} }),
    415,
    'UNSUPPORTED_MEDIA_TYPE',
  ],
  [
    'a member id with path characters',
    () => send({ path: '/v1/services/..%2F..%2Fetc/DANCU/person-by-id/v1', sign: {} }),
    400,
    'MEMBER_ID_INVALID',
  ],
  [
    'an unknown service',
    () => send({ path: '/v1/services/VN:GOV:00:BCA/DANCU/no-such-thing/v1', sign: {} }),
    404,
    'SERVICE_UNKNOWN',
  ],
  [
    'a client header claiming another member',
    () => send({ sign: { client: 'VN:GOV:00:VPCP/DVCQG' } }),
    403,
    'CLIENT_MISMATCH',
  ],
];

/** Refused before the sender is authenticated: audited in aggregate per source and window (finding 5). */
const BEFORE_AUTH = new Set([
  'SIGNATURE_MISSING',
  'KEY_UNKNOWN',
  'SIGNATURE_INVALID',
  'SIGNATURE_STALE',
  'BODY_TOO_LARGE',
  'MEMBER_ID_INVALID',
  'CLIENT_MISMATCH',
]);

describe('bad input at the exchange', () => {
  it.each(cases)('%s → problem, audited, nothing crashes', async (_name, run, status, code) => {
    const deps = world.hub.runtime.deps;
    await deps.refusals.flush();
    await deps.audit.flush();
    const before = auditLines().length;
    const r = await run();
    expectProblem(r, status, code);
    await deps.audit.flush();
    if (BEFORE_AUTH.has(code)) {
      // No record of its own: one aggregate record for its source when the window closes.
      expect(auditLines().length).toBe(before);
      await deps.refusals.flush();
      await deps.audit.flush();
    }
    const after = auditLines();
    expect(after.length).toBe(before + 1);
    expect(after[after.length - 1]).toMatchObject(
      BEFORE_AUTH.has(code)
        ? { outcome: 'REFUSED_BEFORE_AUTH', status, count: 1, outcomes: { [code]: 1 } }
        : { outcome: code, status },
    );
  });

  it('invalid contract input → every invalid field, with its path, in both languages', async () => {
    const r = await send({ body: JSON.stringify({ personalId: '003099012345', extra: 1 }), sign: {} });
    expectProblem(r, 422, 'CONTRACT_INVALID');
    const errors = r.body.errors as { path: string; code: string; message: string; messageVi: string }[];
    expect(errors.map((e) => `${e.path}:${e.code}`).sort()).toEqual([
      'extra:FIELD_NOT_ALLOWED',
      'personalId:PERSONAL_ID_PROVINCE',
    ]);
    expect(errors[0].messageVi).not.toEqual(errors[0].message);
  });

  it('a replayed message id is refused the second time', async () => {
    const messageId = randomUUID();
    const body = JSON.stringify({ personalId: citizen.personalId });
    const path = `/v1/services/${SERVICE}`;
    const { headers } = signRequest({
      method: 'POST',
      path,
      body: Buffer.from(body),
      client: `${WARD}/MOTCUA`,
      messageId,
      purpose: 'xac-thuc.danh-tinh',
      key: world.key(WARD),
    });
    const first = await fetch(`${world.hub.url}${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    });
    expect(first.status).toBe(200);
    const second = await fetch(`${world.hub.url}${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    });
    expect(second.status).toBe(409);
    expect(((await second.json()) as { code: string }).code).toBe('REPLAYED');
  });

  it('a revoked key and an expired key are refused', async () => {
    const member = 'VN:GOV:01:VPDKDD';
    const revoked = issueMemberKey({
      dir: world.trustDir,
      memberId: member,
      out: join(world.dir, 'extra-keys', 'r'),
    });
    revokeMemberKey({ dir: world.trustDir, memberId: member, kid: revoked.kid, reason: 'key compromise' });
    const expired = issueMemberKey({
      dir: world.trustDir,
      memberId: member,
      days: 1,
      now: Date.now() - 3 * 86_400_000,
      out: join(world.dir, 'extra-keys', 'e'),
    });
    world.hub.runtime.deps.trust.reload();
    const keyOf = (p: string, kid: string) => ({
      privateKey: createPrivateKey(readFileSync(p, 'utf8')),
      kid,
      alg: 'ES256' as const,
    });
    const client = `${member}/DATDAI`;
    expectProblem(
      await send({
        sign: { key: keyOf(revoked.privateKeyPath!, revoked.kid), client, purpose: 'dat-dai.chuyen-nhuong' },
      }),
      401,
      'KEY_REVOKED',
    );
    expectProblem(
      await send({
        sign: { key: keyOf(expired.privateKeyPath!, expired.kid), client, purpose: 'dat-dai.chuyen-nhuong' },
      }),
      401,
      'KEY_EXPIRED',
    );
  });

  it('header injection: a non-ASCII purpose and a duplicated client header are refused; a bare CR kills only its own connection', async () => {
    const url = new URL(world.hub.url);
    const rawRequest = (text: Buffer): Promise<string> =>
      new Promise((resolve) => {
        const sock = connect(Number(url.port), url.hostname, () => sock.write(text));
        let data = '';
        sock.setTimeout(3000, () => sock.destroy());
        sock.on('data', (d) => {
          data += d.toString('latin1');
          if (/\r\n\r\n[\s\S]*\}$/.test(data)) sock.end();
        });
        sock.on('close', () => resolve(data));
        sock.on('error', () => resolve(data));
      });
    const path = `/v1/services/${SERVICE}`;
    const body = JSON.stringify({ personalId: citizen.personalId });
    const { headers } = signRequest({
      method: 'POST',
      path,
      body: Buffer.from(body),
      client: `${WARD}/MOTCUA`,
      messageId: randomUUID(),
      purpose: 'xac-thuc.danh-tinh',
      key: world.key(WARD),
    });
    const head = (extra: string, skip: string) =>
      `POST ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      Object.entries(headers)
        .filter(([k]) => k.toLowerCase() !== skip)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('') +
      extra;
    const nonAscii = await rawRequest(
      Buffer.concat([
        Buffer.from(head('X-Hub-Purpose: ', 'x-hub-purpose')),
        Buffer.from('xác-thực\r\n\r\n', 'utf8'),
        Buffer.from(body),
      ]),
    );
    expect(nonAscii).toMatch(/^HTTP\/1\.1 400/);
    expect(nonAscii).toContain('"code":"HEADER_INVALID"');
    const duplicated = await rawRequest(
      Buffer.from(head(`X-Hub-Client: VN:GOV:00:VPCP/DVCQG\r\n\r\n`, '') + body),
    );
    expect(duplicated).toMatch(/^HTTP\/1\.1 400/);
    expect(duplicated).toContain('"code":"HEADER_INVALID"');
    const bareCr = await rawRequest(
      Buffer.from(
        `POST ${path} HTTP/1.1\r\nHost: x\r\nX-Hub-Client: ${WARD}/MOTCUA\rX-Evil: 1\r\nContent-Length: 2\r\n\r\n{}`,
      ),
    );
    expect(bareCr).toMatch(/^HTTP\/1\.1 400/);
    expect((await fetch(`${world.hub.url}/healthz`)).status).toBe(200);
  });

  it('an upstream timeout → UPSTREAM_TIMEOUT, within the configured deadline', async () => {
    world.simulators['national-population'].setFaults({ latencyMs: 3000 });
    try {
      const started = Date.now();
      const r = await send({ sign: {} });
      expectProblem(r, 504, 'UPSTREAM_TIMEOUT');
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      world.simulators['national-population'].resetFaults();
    }
  });

  it('an upstream answer that breaks its contract → UPSTREAM_CONTRACT_BROKEN, nothing of it passed on', async () => {
    const r = await send({ body: JSON.stringify({ personalId: BROKEN_ID }), sign: {} });
    expectProblem(r, 502, 'UPSTREAM_CONTRACT_BROKEN');
    expect(JSON.stringify(r.body)).not.toContain('31/02/1999');
  });

  it('an upstream answer that is malformed → UPSTREAM_MALFORMED', async () => {
    world.simulators['national-population'].setFaults({ malformed: 'html' });
    try {
      expectProblem(await send({ sign: {} }), 502, 'UPSTREAM_MALFORMED');
    } finally {
      world.simulators['national-population'].resetFaults();
    }
  });

  it('after all of it the hub is ready and its audit log verifies', async () => {
    expect((await fetch(`${world.hub.url}/readyz`)).status).toBe(200);
    const ok = await send({ sign: {} });
    expect(ok.status).toBe(200);
    const lines = auditLines();
    expect(lines.every((l) => !JSON.stringify(l).includes(citizen.personalId))).toBe(true);
  });
});
