/** The transports' HTTP exchange, against a real server on 127.0.0.1. */
import { Agent, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpCall, httpTarget, joinPath, type HttpTarget } from './http-call';
import { mapNetworkError } from './transport-errors';
import { UpstreamError } from './upstream-error';

let server: Server;
let base: string;
let handler: (req: IncomingMessage, res: ServerResponse, body: string) => void;
const sockets = new Set<string>();
const agent = new Agent({ keepAlive: true });

beforeAll(async () => {
  server = createServer((req, res) => {
    sockets.add(`${req.socket.remotePort}`);
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  agent.destroy();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => sockets.clear());

const call = (target: HttpTarget, over: Partial<Parameters<typeof httpCall>[3]> = {}) =>
  httpCall('up', target, agent, {
    method: 'GET',
    path: '/x',
    headers: {},
    deadline: Date.now() + 2000,
    maxBytes: 1000,
    ...over,
  });

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return mapNetworkError('up', err, false);
  }
  throw new Error('expected a failure');
};

describe('httpTarget and joinPath', () => {
  it('keeps the base path and adds the query, skipping undefined values', () => {
    const t = httpTarget('http://127.0.0.1:8080/api/v1/');
    expect(t).toEqual({ protocol: 'http:', hostname: '127.0.0.1', port: 8080, basePath: '/api/v1' });
    expect(joinPath(t, '/cong-dan/1', { a: 'x y', b: undefined, c: 3 })).toBe('/api/v1/cong-dan/1?a=x+y&c=3');
    expect(joinPath(t, 'z')).toBe('/api/v1/z');
    expect(httpTarget('https://example.vn').port).toBe(443);
    expect(() => httpTarget('ftp://example.vn')).toThrow(/unsupported protocol/);
  });
});

describe('httpCall', () => {
  it('sends method, headers and body; returns status, headers and the bytes; reuses the socket', async () => {
    handler = (req, res, body) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({ method: req.method, url: req.url, key: req.headers['idempotency-key'], body }),
      );
    };
    const t = httpTarget(`${base}/base`);
    const answers = [];
    for (let i = 0; i < 3; i++) {
      answers.push(
        await call(t, {
          method: 'POST',
          path: joinPath(t, '/x', { q: 'á' }),
          headers: { 'idempotency-key': 'k1', 'content-type': 'application/json' },
          body: '{"ten":"Hòa"}',
        }),
      );
    }
    expect(answers[0].status).toBe(200);
    expect(answers[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(answers[0].data.toString('utf8'))).toEqual({
      method: 'POST',
      url: '/base/x?q=%C3%A1',
      key: 'k1',
      body: '{"ten":"Hòa"}',
    });
    expect(sockets.size).toBe(1);
  });

  it('returns error statuses as answers (the transports classify them)', async () => {
    handler = (_req, res) => {
      res.statusCode = 503;
      res.end('down');
    };
    const a = await call(httpTarget(base));
    expect(a.status).toBe(503);
    expect(a.data.toString()).toBe('down');
  });

  it('an answer declared larger than the limit → malformed, without reading it', async () => {
    handler = (_req, res) => {
      res.setHeader('content-length', 5000);
      res.end('x'.repeat(5000));
    };
    const err = await failure(call(httpTarget(base)));
    expect(err).toMatchObject({ code: 'malformed', retryable: false });
    expect(err.reason).toMatch(/size limit/);
  });

  it('a chunked answer that grows past the limit → malformed', async () => {
    handler = (_req, res) => {
      res.write('x'.repeat(600));
      setTimeout(() => res.end('y'.repeat(600)), 20);
    };
    expect(await failure(call(httpTarget(base)))).toMatchObject({ code: 'malformed' });
  });

  it('the deadline → timeout, and the caller abort → timeout, at once', async () => {
    handler = (_req, res) => setTimeout(() => res.end('late'), 1500);
    const t0 = Date.now();
    const err = await failure(call(httpTarget(base), { deadline: Date.now() + 100 }));
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({ code: 'timeout', retryable: true });
    expect(Date.now() - t0).toBeLessThan(1000);

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(await failure(call(httpTarget(base), { signal: controller.signal }))).toMatchObject({
      code: 'timeout',
    });
    const aborted = new AbortController();
    aborted.abort();
    expect(await failure(call(httpTarget(base), { signal: aborted.signal }))).toMatchObject({
      code: 'timeout',
    });
  });

  it('a request node refuses to send (a header with a line break) fails at once, and nothing fires later', async () => {
    const err = await failure(
      call(httpTarget(base), { headers: { 'x-bad': 'a\r\nInjected: 1' }, deadline: Date.now() + 50 }),
    );
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.reason).toMatch(/ERR_INVALID_CHAR/);
    await new Promise((r) => setTimeout(r, 100)); // past the deadline: the timer was cleared
  });

  it('an answer cut short mid-body → unavailable, retryable', async () => {
    handler = (_req, res) => {
      res.setHeader('content-length', 100);
      res.write('x'.repeat(10));
      setTimeout(() => res.socket?.destroy(), 20);
    };
    expect(await failure(call(httpTarget(base)))).toMatchObject({ code: 'unavailable', retryable: true });
  });
});
