/**
 * Issue #10, finding 10 — the protocol's edges, where code and docs/protocol.md must agree. Threats: two
 * readers of one JSON text seeing different values (duplicate member names, last one wins); a body the hub
 * signs over but reads differently (Content-Encoding, another charset, invalid UTF-8); a second
 * Hub-Signature header slipped past a proxy; a malformed iat treated as a malformed header; keys issued
 * that can never sign; a retry that cannot tell "still running" from "you reused the key"; a client that
 * takes REPLAYED for a failure and sends the write again under a new key.
 */
import { createPublicKey, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { maxHeaderSize } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { loadConfig } from '../../config/loader';
import {
  IDEMPOTENCY_KEY_PATTERN,
  MAX_HEADER_B64,
  MAX_KID_CHARS,
  MAX_RSA_BITS,
  MAX_SIGNATURE_B64,
  MIN_RSA_BITS,
  parseDetachedJws,
} from '../../hub/protocol';
import { startWorld, type World } from '../../hub/sandbox/world';
import { issueMemberKey } from '../../hub/trust';
import { useRedis } from '../helpers/redis';
import { signRaw, type RawSignOptions } from '../helpers/sign-raw';

const redis = useRedis();
let world: World;
const pop = getPopulation();
const citizen = pop.person(pop.scenarios.birth.motherId)!;
const WARD = 'VN:GOV:01:UBND-NGOCHA';
const PERSON_PATH = '/v1/services/VN:GOV:00:BCA/DANCU/person-by-id/v1';
const SMS_PATH = '/v1/services/VN:GOV:00:LIENTHONG/THONGBAO/send-sms/v1';
const byId = JSON.stringify({ personalId: citizen.personalId });

beforeAll(async () => {
  world = await startWorld({
    redisUrl: redis.url,
    adapters: ['national-population', 'notify'],
    env: { LIENTHONG_PREAUTH_POINTS: '10000' },
  });
}, 60_000);
redis.beforeStop(() => world?.close());

interface Answer {
  status: number;
  code?: string;
  detail?: string;
  headers: Headers;
  body: Record<string, unknown>;
}

/** Signs (with the raw signer) and sends a request of the ward. */
async function send(
  o: Partial<RawSignOptions> & { body?: Buffer; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const method = o.method ?? 'POST';
  const path = o.path ?? PERSON_PATH;
  const body = o.body ?? Buffer.from(byId);
  const { headers } = signRaw({
    key: world.key(WARD),
    client: `${WARD}/MOTCUA`,
    purpose: 'xac-thuc.danh-tinh',
    ...o,
    method,
    path,
    body,
  });
  const res = await fetch(`${world.hub.url}${path}`, {
    method,
    headers: { ...headers, 'content-type': 'application/json', ...o.headers },
    body: body.length ? new Uint8Array(body) : undefined,
  });
  const text = await res.text();
  const parsed = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  return {
    status: res.status,
    code: parsed.code as string | undefined,
    detail: parsed.detail as string | undefined,
    headers: res.headers,
    body: parsed,
  };
}

/** Raw bytes over a socket; the answer as text. */
function raw(text: string): Promise<string> {
  const url = new URL(world.hub.url);
  return new Promise((resolve) => {
    const sock = connect(Number(url.port), url.hostname, () => sock.write(text));
    let data = '';
    sock.on('data', (d) => {
      data += d.toString('latin1');
      if (/\r\n\r\n[\s\S]*\}$/.test(data)) sock.end();
    });
    sock.on('close', () => resolve(data));
    sock.on('error', () => resolve(data));
  });
}

/** A whole raw request with the ward's signature. */
function rawRequest(target: string, htu: string, extraHeaders = ''): string {
  const url = new URL(world.hub.url);
  const { headers } = signRaw({
    key: world.key(WARD),
    method: 'POST',
    path: htu,
    body: Buffer.from(byId),
    client: `${WARD}/MOTCUA`,
    purpose: 'xac-thuc.danh-tinh',
  });
  return (
    `POST ${target} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(byId)}\r\n` +
    Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('') +
    extraHeaders +
    `\r\n${byId}`
  );
}

describe('I-JSON: duplicate member names are refused, not last-one-wins', () => {
  it('in a JSON body', async () => {
    const body = Buffer.from(
      `{"personalId":"003099012345","personalId":${JSON.stringify(citizen.personalId)}}`,
    );
    const r = await send({ body });
    expect({ status: r.status, code: r.code }).toEqual({ status: 400, code: 'INPUT_NOT_JSON' });
    expect(r.detail).toMatch(/"personalId" twice/);
  });

  it('the same name written with an escape is the same name', async () => {
    const body = Buffer.from(`{"personalId":"x","person\\u0061lId":${JSON.stringify(citizen.personalId)}}`);
    expect((await send({ body })).code).toBe('INPUT_NOT_JSON');
  });

  it('in the JWS protected header', async () => {
    // The signed header names hub.purpose twice; JSON.parse would keep the second, which matches.
    const r = await send({
      purpose: 'xac-thuc.danh-tinh',
      header: (json) => json.replace('"hub.purpose":', '"hub.purpose":"ho-tich.khai-sinh","hub.purpose":'),
    });
    expect({ status: r.status, code: r.code }).toEqual({ status: 401, code: 'SIGNATURE_INVALID' });
    expect(r.detail ?? JSON.stringify(r.body)).toMatch(/twice/);
  });
});

describe('bodies are the bytes signed: UTF-8 JSON, no Content-Encoding', () => {
  it('Content-Encoding other than identity → 415', async () => {
    const r = await send({ body: gzipSync(byId), headers: { 'content-encoding': 'gzip' } });
    expect({ status: r.status, code: r.code }).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('Content-Encoding: identity is the same as none', async () => {
    expect((await send({ headers: { 'content-encoding': 'identity' } })).status).toBe(200);
  });

  it('a charset other than UTF-8 → 415; charset=utf-8 is fine', async () => {
    const latin = await send({ headers: { 'content-type': 'application/json; charset=iso-8859-1' } });
    expect({ status: latin.status, code: latin.code }).toEqual({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    expect((await send({ headers: { 'content-type': 'application/json; charset="UTF-8"' } })).status).toBe(
      200,
    );
  });

  it('a body that is not valid UTF-8 → 400, never read with replacement characters', async () => {
    const body = Buffer.concat([
      Buffer.from('{"personalId":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    const r = await send({ body });
    expect({ status: r.status, code: r.code }).toEqual({ status: 400, code: 'INPUT_NOT_JSON' });
  });
});

describe('headers and the signature’s own members', () => {
  it('a repeated Hub-Signature is HEADER_INVALID', async () => {
    const req = rawRequest(PERSON_PATH, PERSON_PATH);
    const sig = /Hub-Signature: ([^\r]+)/.exec(req)![1];
    const answer = await raw(req.replace('\r\n\r\n', `\r\nHub-Signature: ${sig}\r\n\r\n`));
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toContain('"code":"HEADER_INVALID"');
  });

  it('a negative iat is SIGNATURE_STALE, like any iat outside the window', async () => {
    const r = await send({ iat: -60 });
    expect({ status: r.status, code: r.code }).toEqual({ status: 401, code: 'SIGNATURE_STALE' });
  });

  it('hub.htu of an absolute-form target is the whole URI as sent on the request line', async () => {
    const absolute = `${world.hub.url}${PERSON_PATH}`;
    expect(await raw(rawRequest(absolute, absolute))).toMatch(/^HTTP\/1\.1 200/);
    const mismatch = await raw(rawRequest(absolute, PERSON_PATH));
    expect(mismatch).toMatch(/^HTTP\/1\.1 401/);
    expect(mismatch).toContain('hub.htu does not match');
  });

  it.each([
    ['b64 and a hub parameter the header has', 200, ['b64', 'hub.msgid']],
    ['b64 alone', 200, ['b64']],
    ['a registered name (alg)', 401, ['b64', 'alg']],
    ['an extension the hub does not know', 401, ['b64', 'urn:x:other']],
    ['a hub parameter the header lacks (hub.idem without Idempotency-Key)', 401, ['b64', 'hub.idem']],
    ['no b64', 401, ['hub.msgid']],
    ['b64 twice', 401, ['b64', 'b64']],
  ])('crit listing %s → %i', async (_name, status, crit) => {
    const r = await send({
      header: (json) => json.replace('"crit":["b64"]', `"crit":${JSON.stringify(crit)}`),
    });
    expect(r.status).toBe(status);
  });
});

describe('keys and signatures fit each other', () => {
  const fixture = (name: string) => createPublicKey(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));

  it(`an RSA key over ${MAX_RSA_BITS} bits is refused at issue, saying why; one of ${MAX_RSA_BITS} is issued`, () => {
    const member = 'VN:GOV:01:VPDKDD';
    expect(() =>
      issueMemberKey({ dir: world.trustDir, memberId: member, publicKey: fixture('rsa-8200.pub.pem') }),
    ).toThrow(/8200 bits.*2048 to 8192 bits/);
    const issued = issueMemberKey({
      dir: world.trustDir,
      memberId: member,
      publicKey: fixture('rsa-8192.pub.pem'),
    });
    expect(issued.alg).toBe('RS256');
  });

  it(`the signature limit is exactly an RSA-${MAX_RSA_BITS} signature, and saying so when exceeded`, () => {
    const headerB64 = Buffer.from(
      JSON.stringify({ alg: 'RS256', kid: 'k', b64: false, crit: ['b64'], iat: 1 }),
    ).toString('base64url');
    const sig = (bytes: number) => Buffer.alloc(bytes, 7).toString('base64url');
    expect(sig(MAX_RSA_BITS / 8).length).toBe(MAX_SIGNATURE_B64);
    expect(parseDetachedJws(`${headerB64}..${sig(MAX_RSA_BITS / 8)}`)).toMatchObject({ ok: true });
    expect(parseDetachedJws(`${headerB64}..${sig(MAX_RSA_BITS / 8 + 1)}`)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/longer than 1366 characters \(RSA keys over 8192 bits/),
    });
  });
});

describe('retries: REPLAYED and an Idempotency-Key in flight', () => {
  it('REPLAYED says the first outcome is unknown and how to learn it', async () => {
    const messageId = randomUUID();
    expect((await send({ messageId })).status).toBe(200);
    const again = await send({ messageId });
    expect({ status: again.status, code: again.code }).toEqual({ status: 409, code: 'REPLAYED' });
    expect(again.detail).toMatch(/outcome .* unknown.*read the status/i);
  });

  it('a repeat while the first write runs → 409 IDEMPOTENCY_IN_FLIGHT with Retry-After; another body → IDEMPOTENCY_CONFLICT', async () => {
    const notify = world.simulators.notify;
    // The gateway takes 3 s: while one request runs, the other, and a third, are answered at once.
    notify.setFaults({ latencyMs: 3000 });
    try {
      const key = randomUUID();
      const sms = (text: string) => ({
        path: SMS_PATH,
        purpose: 'thong-bao.tien-do',
        idempotencyKey: key,
        body: Buffer.from(JSON.stringify({ to: '+84912345678', text, reference: 'HS-INFLIGHT' })),
      });
      // Two at once with the same key and body: whichever the hub takes first runs, the other is told
      // it is in flight — and is answered first, as it does not wait for the gateway.
      const both = [send(sms('Lần đầu')), send(sms('Lần đầu'))];
      const repeat = await Promise.race(both);
      expect({ status: repeat.status, code: repeat.code }).toEqual({
        status: 409,
        code: 'IDEMPOTENCY_IN_FLIGHT',
      });
      expect(Number(repeat.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // While it still runs, the same key with another body is a different request.
      const other = await send(sms('Khác'));
      expect({ status: other.status, code: other.code }).toEqual({
        status: 409,
        code: 'IDEMPOTENCY_CONFLICT',
      });
      expect((await Promise.all(both)).map((r) => r.status).sort()).toEqual([200, 409]);
      // Once it is done, the same request again gets its answer again.
      const replay = await send(sms('Lần đầu'));
      expect(replay.status).toBe(200);
      expect(replay.headers.get('idempotent-replay')).toBe('true');
    } finally {
      notify.resetFaults();
    }
  });
});

describe('docs/protocol.md states the limits the code has', () => {
  const doc = readFileSync(join(__dirname, '../../docs/protocol.md'), 'utf8');
  const start = doc.indexOf('<!-- limits:start -->');
  const end = doc.indexOf('<!-- limits:end -->');
  const rows = new Map(
    [...doc.slice(start, end).matchAll(/^\| `([^`]+)` \| ([\d,]+) /gm)].map((m) => [
      m[1],
      Number(m[2].replace(/,/g, '')),
    ]),
  );
  const hub = loadConfig().hub;

  it.each([
    ['MAX_HEADER_B64', MAX_HEADER_B64],
    ['MAX_SIGNATURE_B64', MAX_SIGNATURE_B64],
    ['MAX_KID_CHARS', MAX_KID_CHARS],
    ['MIN_RSA_BITS', MIN_RSA_BITS],
    ['MAX_RSA_BITS', MAX_RSA_BITS],
    ['limits.bodyBytes', hub.limits.bodyBytes],
    ['limits.jsonDepth', hub.limits.jsonDepth],
    ['limits.iatWindowSec', hub.limits.iatWindowSec],
    ['limits.replayTtlSec', hub.limits.replayTtlSec],
    ['Idempotency-Key', Number(/\{1,(\d+)\}/.exec(IDEMPOTENCY_KEY_PATTERN.source)![1])],
    ['maxHeaderSize', maxHeaderSize],
    ['preAuth.points', hub.preAuth.points],
    ['preAuth.durationSec', hub.preAuth.durationSec],
    ['preAuth.auditWindowSec', hub.preAuth.auditWindowSec],
    ['preAuth.auditMaxSources', hub.preAuth.auditMaxSources],
  ])('%s = %i', (name, value) => {
    expect(rows.get(name)).toBe(value);
  });
});
