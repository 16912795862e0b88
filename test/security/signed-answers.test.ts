/**
 * Issue #10, finding 6. Threat: a client cannot tell an answer of the hub from one forged on the way
 * (a proxy, a TLS-terminating middlebox, a man in the middle of plain HTTP) when some answers are not
 * signed or not bound to the request: unknown paths and wrong methods got an unsigned 404, 413 carried no
 * message id, a path that does not percent-decode got an unsigned 400. Everything the hub's own code
 * answers under /v1 is a signed problem document bound to the request as far as it could be read; Node's
 * own parser refusals get a signed problem document (which cannot be bound: no request was read).
 */
import { createPublicKey, randomUUID, verify, X509Certificate } from 'node:crypto';
import { connect } from 'node:net';
import { signRequest, verifyResponse } from '../../hub/protocol';
import { startWorld, type World } from '../../hub/sandbox/world';
import { useRedis } from '../helpers/redis';

const redis = useRedis();
let world: World;
const WARD = 'VN:GOV:01:UBND-NGOCHA';

beforeAll(async () => {
  world = await startWorld({
    redisUrl: redis.url,
    adapters: ['national-population'],
    env: { LIENTHONG_PREAUTH_POINTS: '10000' },
  });
}, 60_000);
redis.beforeStop(() => world?.close());

const hubKey = () => new X509Certificate(world.hubCertificatePem).publicKey;

interface Sent {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  requestHash: string;
  messageId: string;
}

/** A request signed by a member, as its system would send it (any method, any path). */
async function signed(
  method: string,
  path: string,
  opts: { body?: string; headers?: Record<string, string> } = {},
): Promise<Sent> {
  const body = Buffer.from(opts.body ?? '');
  const s = signRequest({
    method,
    path,
    body,
    client: `${WARD}/MOTCUA`,
    purpose: 'xac-thuc.danh-tinh',
    key: world.key(WARD),
  });
  const res = await fetch(`${world.hub.url}${path}`, {
    method,
    headers: {
      ...s.headers,
      ...(body.length ? { 'content-type': 'application/json' } : {}),
      ...opts.headers,
    },
    body: body.length ? body : undefined,
  });
  return {
    status: res.status,
    headers: Object.fromEntries(res.headers as unknown as Iterable<[string, string]>),
    body: Buffer.from(await res.arrayBuffer()),
    requestHash: s.requestHash,
    messageId: s.messageId,
  };
}

function expectBoundProblem(r: Sent, status: number, code: string) {
  expect({ status: r.status, code: (JSON.parse(r.body.toString()) as { code: string }).code }).toEqual({
    status,
    code,
  });
  expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
  const check = verifyResponse({
    headers: r.headers,
    body: r.body,
    status: r.status,
    expectedRequestHash: r.requestHash,
    expectedMessageId: r.messageId,
    hubPublicKey: hubKey(),
  });
  expect(check).toMatchObject({ ok: true, messageId: r.messageId });
}

/** Sends raw bytes and returns the raw answer. */
function raw(text: string | Buffer): Promise<string> {
  const url = new URL(world.hub.url);
  return new Promise((resolve) => {
    const sock = connect(Number(url.port), url.hostname, () => sock.write(text));
    let data = '';
    sock.on('data', (d) => (data += d.toString('latin1')));
    sock.on('close', () => resolve(data));
    sock.on('error', () => resolve(data));
  });
}

/** Parses a raw HTTP answer and checks its Hub-Signature over its body (no binding to check). */
function signedRawProblem(answer: string): { status: number; code: string } {
  const [head, body] = [
    answer.slice(0, answer.indexOf('\r\n\r\n')),
    answer.slice(answer.indexOf('\r\n\r\n') + 4),
  ];
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
  expect(head).toMatch(/\r\ncontent-type: application\/problem\+json/i);
  const sig = /\r\nhub-signature: ([^\r]+)/i.exec(head)?.[1] ?? '';
  const [headerB64, sigB64] = sig.split('..');
  const header = JSON.parse(Buffer.from(headerB64, 'base64url').toString()) as Record<string, unknown>;
  expect(header).toMatchObject({ alg: 'ES256', 'hub.status': status });
  expect(header['hub.msgid']).toBeUndefined();
  expect(header['hub.reqhash']).toBeUndefined();
  const input = Buffer.concat([Buffer.from(`${headerB64}.`), Buffer.from(body, 'latin1')]);
  const key = createPublicKey(hubKey().export({ format: 'pem', type: 'spki' }));
  expect(verify('sha256', input, { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(sigB64, 'base64url'))).toBe(
    true,
  );
  return {
    status,
    code: (JSON.parse(Buffer.from(body, 'latin1').toString('utf8')) as { code: string }).code,
  };
}

describe('every answer under /v1 is signed and bound', () => {
  it.each([
    ['GET to an unknown path', 'GET', '/v1/nowhere', undefined, 404, 'NOT_FOUND'],
    ['POST with a body to an unknown path', 'POST', '/v1/nowhere/at/all', '{"a":1}', 404, 'NOT_FOUND'],
    ['a path that does not percent-decode', 'GET', '/v1/dossiers/%E0%A4%A', undefined, 400, 'PATH_INVALID'],
    ['PUT where only POST is served', 'PUT', '/v1/deliveries', '{"a":1}', 405, 'METHOD_NOT_ALLOWED'],
    ['DELETE where only GET is served', 'DELETE', '/v1/services', undefined, 405, 'METHOD_NOT_ALLOWED'],
    ['OPTIONS', 'OPTIONS', '/v1/services', undefined, 405, 'METHOD_NOT_ALLOWED'],
  ])('%s → signed problem bound to the request', async (_name, method, path, body, status, code) => {
    const r = await signed(method, path, { body });
    expectBoundProblem(r, status, code);
    if (status === 405) expect(r.headers.allow).toMatch(method === 'PUT' ? /^POST$/ : /GET, HEAD/);
  });

  it('413 carries the message id (the body was not read, so there is no request hash)', async () => {
    const r = await signed('POST', '/v1/services/VN:GOV:00:BCA/DANCU/person-by-id/v1', {
      body: JSON.stringify({ personalId: 'x'.repeat(300_000) }),
    });
    expect(r.status).toBe(413);
    expect(r.headers['x-hub-message-id']).toBe(r.messageId);
    expect(r.headers['x-hub-request-hash']).toBeUndefined();
    expect(
      verifyResponse({
        headers: r.headers,
        body: r.body,
        status: 413,
        expectedRequestHash: r.requestHash,
        expectedMessageId: r.messageId,
        hubPublicKey: hubKey(),
      }),
    ).toMatchObject({ ok: true });
    // The exception is the 413's alone: another status without a request hash does not verify.
    expect(
      verifyResponse({
        headers: r.headers,
        body: r.body,
        status: 404,
        expectedRequestHash: r.requestHash,
        expectedMessageId: r.messageId,
        hubPublicKey: hubKey(),
      }),
    ).toMatchObject({ ok: false });
  });

  it('the operators’ routes under /v1 answer signed, refusals included', async () => {
    const messageId = randomUUID();
    const refused = await fetch(`${world.hub.url}/v1/dead-letters`, {
      headers: { 'x-hub-message-id': messageId },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('hub-signature')).toMatch(/^[\w-]+\.\.[\w-]+$/);
    expect(refused.headers.get('x-hub-message-id')).toBe(messageId);
    const listed = await fetch(`${world.hub.url}/v1/dead-letters`, {
      headers: { authorization: `Bearer ${world.adminToken}` },
    });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('hub-signature')).toMatch(/^[\w-]+\.\.[\w-]+$/);
  });

  it('Node’s parser refusals answer a signed problem document: a request line that does not parse', async () => {
    expect(signedRawProblem(await raw('GARBAGE\r\n\r\n'))).toEqual({
      status: 400,
      code: 'REQUEST_MALFORMED',
    });
  });

  it('… and headers over the server’s limit', async () => {
    const answer = await raw(`GET /v1/services HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(signedRawProblem(answer)).toEqual({ status: 431, code: 'HEADERS_TOO_LARGE' });
  });

  it('outside /v1 nothing changes: an unknown path is a plain 404 problem', async () => {
    const res = await fetch(`${world.hub.url}/nowhere`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await fetch(`${world.hub.url}/healthz`)).status).toBe(200);
  });
});
