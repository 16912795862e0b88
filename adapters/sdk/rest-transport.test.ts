/** Unit tests of the REST transport against nock: every failure class becomes the right UpstreamError. */
import nock from 'nock';
import '../../test/helpers/restore-nock';
import { Agent } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { freePort } from '../../queue/local-redis';
import { RestTransport } from './rest-transport';
import { callContext } from './conformance/checks';
import { UpstreamError } from './upstream-error';

const BASE = 'http://upstream.test';
const agent = new Agent({ keepAlive: true });
const transport = new RestTransport(
  { upstream: 'test-upstream', baseUrl: BASE, agent, maxBodyBytes: 10_000 },
  (data) => {
    const d = data as { maLoi?: string; thongBao?: string };
    return d.maLoi
      ? { upstreamCode: d.maLoi, reason: d.thongBao, notFound: d.maLoi === 'KHONG_TIM_THAY' }
      : undefined;
  },
);

async function failure(p: Promise<unknown>): Promise<UpstreamError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(UpstreamError);
    return e as UpstreamError;
  }
  throw new Error('expected a failure');
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => nock.cleanAll());
afterAll(() => {
  nock.enableNetConnect();
  agent.destroy();
});

describe('RestTransport', () => {
  it('returns parsed JSON and sends the correlation and idempotency headers', async () => {
    const scope = nock(BASE, { reqheaders: { 'x-request-id': 'msg-1', 'idempotency-key': 'k-1' } })
      .post('/v1/things', { a: 1 })
      .reply(201, { ok: true }, { 'content-type': 'application/json' });
    const res = await transport.request(callContext(1000, { messageId: 'msg-1', idempotencyKey: 'k-1' }), {
      method: 'POST',
      path: '/v1/things',
      body: { a: 1 },
    });
    expect(res).toMatchObject({ status: 201, data: { ok: true } });
    scope.done();
  });

  it("reads the agency's error dialect: 404 → rejected, not found, with its code", async () => {
    nock(BASE).get('/p/1').reply(404, { maLoi: 'KHONG_TIM_THAY', thongBao: 'Không tìm thấy' });
    const err = await failure(transport.request(callContext(), { method: 'GET', path: '/p/1' }));
    expect(err).toMatchObject({
      code: 'rejected',
      retryable: false,
      notFound: true,
      upstreamCode: 'KHONG_TIM_THAY',
      status: 404,
    });
  });

  it.each([500, 502, 503, 504, 429, 408])('HTTP %i → unavailable, retryable', async (status) => {
    nock(BASE).get('/x').reply(status, 'busy', { 'content-type': 'text/plain' });
    const err = await failure(transport.request(callContext(), { method: 'GET', path: '/x' }));
    expect(err).toMatchObject({ code: 'unavailable', retryable: true, status });
  });

  it.each([400, 401, 403, 409, 422])('HTTP %i → rejected, not retryable', async (status) => {
    nock(BASE).get('/x').reply(status, { error: 'no' });
    const err = await failure(transport.request(callContext(), { method: 'GET', path: '/x' }));
    expect(err).toMatchObject({ code: 'rejected', retryable: false, status });
  });

  it('an HTML page with 200 → malformed, the raw answer kept', async () => {
    nock(BASE).get('/x').reply(200, '<html><body>Bad Gateway</body></html>', { 'content-type': 'text/html' });
    const err = await failure(transport.request(callContext(), { method: 'GET', path: '/x' }));
    expect(err.code).toBe('malformed');
    expect(err.raw).toContain('Bad Gateway');
  });

  it('broken JSON → malformed, with personal data redacted from the kept raw answer', async () => {
    nock(BASE).get('/x').reply(200, '{"soDinhDanh":"001099012345","hoTen":"Nguyễn Văn A"', {
      'content-type': 'application/json',
    });
    const err = await failure(transport.request(callContext(), { method: 'GET', path: '/x' }));
    expect(err.code).toBe('malformed');
    expect(err.raw).not.toContain('001099012345');
  });

  it('invalid UTF-8 → malformed', async () => {
    nock(BASE)
      .get('/x')
      .reply(200, Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), {
        'content-type': 'application/json',
      });
    expect((await failure(transport.request(callContext(), { method: 'GET', path: '/x' }))).code).toBe(
      'malformed',
    );
  });

  it('an answer over the size limit → malformed', async () => {
    nock(BASE)
      .get('/x')
      .reply(200, JSON.stringify({ pad: 'a'.repeat(20_000) }), { 'content-type': 'application/json' });
    const err = await failure(transport.request(callContext(), { method: 'GET', path: '/x' }));
    expect(err).toMatchObject({ code: 'malformed' });
    expect(err.reason).toMatch(/size/);
  });

  it('no answer before the deadline → timeout, retryable', async () => {
    nock(BASE).get('/x').delay(700).reply(200, { ok: true });
    const started = Date.now();
    const err = await failure(transport.request(callContext(200), { method: 'GET', path: '/x' }));
    expect(err).toMatchObject({ code: 'timeout', retryable: true });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('connection refused (nothing listening) → unavailable, retryable', async () => {
    const port = await freePort();
    const t = new RestTransport({ upstream: 'down', baseUrl: `http://127.0.0.1:${port}`, agent });
    const err = await failure(t.request(callContext(), { method: 'GET', path: '/x' }));
    expect(err).toMatchObject({ code: 'unavailable', retryable: true });
    expect(err.reason).toMatch(/ECONNREFUSED/);
  });

  it('connection reset by the peer → unavailable, retryable', async () => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const t = new RestTransport({ upstream: 'reset', baseUrl: `http://127.0.0.1:${port}`, agent });
      const err = await failure(t.request(callContext(), { method: 'GET', path: '/x' }));
      expect(err).toMatchObject({ code: 'unavailable', retryable: true });
    } finally {
      server.close();
    }
  });
});
