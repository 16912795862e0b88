/**
 * Upstream authentication against real servers on 127.0.0.1 (a simulator's token endpoint and checks):
 * OAuth client credentials with a form body and HTTP Basic client authentication, one token request for
 * concurrent calls, `invalid_client` as a final configuration error remembered for a while, a token
 * endpoint that is down as a retryable failure; static credentials re-read from a rotated file after a
 * 401; WS-Security digests checked on the receiving side; and no secret in any error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulator, RestTransport, SoapTransport, type RunningSimulator } from '..';
import { callContext } from '../conformance';
import { apiKeyAuth, basicAuth, checkUsernameToken, oauth2ClientCredentials, wsSecurityAuth } from '.';

const agent = new Agent({ keepAlive: true });
afterAll(() => agent.destroy());

const simulator = (auth: Parameters<typeof createSimulator>[0]['auth'], credentials = {}) =>
  createSimulator(
    {
      id: 'auth-test',
      protocol: 'rest',
      auth,
      routes(app, kit) {
        app.get('/thing', (req, res) =>
          kit.reply(res, 200, { ok: true, form: req.header('content-type') ?? null }),
        );
        app.post('/form', (req, res) => kit.reply(res, 200, { type: req.header('content-type') }));
      },
    },
    { credentials },
  ).start();

describe('OAuth 2.0 client credentials', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator(
      { kind: 'oauth2-client-credentials', tokenPath: '/oauth/token' },
      { clientSecret: 's3cr:t' },
    );
  });
  afterAll(() => sim.close());
  const provider = (secret = 's3cr:t', clientAuth: 'basic' | 'post' = 'basic') =>
    oauth2ClientCredentials({
      upstream: 'auth-test',
      tokenUrl: `${sim.url}/oauth/token`,
      clientId: 'lienthong-hub',
      clientSecret: secret,
      clientAuth,
      agent,
    });
  const transport = (auth: ReturnType<typeof provider>) =>
    new RestTransport({ upstream: 'auth-test', baseUrl: sim.url, agent, auth });

  it.each(['basic', 'post'] as const)(
    'gets a token with a form body (client auth %s, a secret with a colon), shared by concurrent calls',
    async (clientAuth) => {
      const auth = provider('s3cr:t', clientAuth);
      const t = transport(auth);
      const answers = await Promise.all(
        [1, 2, 3, 4, 5, 6].map(() => t.request(callContext(), { method: 'GET', path: '/thing' })),
      );
      expect(answers.every((a) => a.status === 200)).toBe(true);
      expect(auth.tokenRequests()).toBe(1);
    },
  );

  it('invalid_client is misconfigured, final, remembered: the token endpoint is not asked again at once', async () => {
    const auth = provider('wrong-secret');
    const t = transport(auth);
    const before = sim.authStats()!.refused;
    for (let i = 0; i < 3; i++) {
      await expect(t.request(callContext(), { method: 'GET', path: '/thing' })).rejects.toMatchObject({
        code: 'misconfigured',
        retryable: false,
        upstreamCode: 'invalid_client',
      });
    }
    expect(auth.tokenRequests()).toBe(1);
    expect(sim.authStats()!.refused - before).toBe(1);
  });

  it('a token endpoint that is down is unavailable and retryable', async () => {
    sim.setFaults({ down: true });
    try {
      await expect(
        transport(provider()).request(callContext(), { method: 'GET', path: '/thing' }),
      ).rejects.toMatchObject({ code: 'unavailable', retryable: true });
    } finally {
      sim.resetFaults();
    }
  });

  it('no secret appears in an error, its JSON or its message', async () => {
    const err = await transport(provider('very-secret-value-123'))
      .request(callContext(), { method: 'GET', path: '/thing' })
      .catch((e: unknown) => e as Error);
    const text = `${String(err)} ${JSON.stringify(err)} ${(err as Error).stack ?? ''}`;
    expect(text).not.toContain('very-secret-value-123');
    expect(text).toMatch(/auth\.clientId and auth\.clientSecret/);
  });
});

describe('static credentials', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lienthong-secret-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an API key rotated in its file is read again after a 401, and the call goes through', async () => {
    const sim = await simulator({ kind: 'api-key', header: 'X-Api-Key' }, { apiKey: 'new-key' });
    try {
      const file = join(dir, 'api.key');
      writeFileSync(file, 'old-key\n');
      const auth = apiKeyAuth('auth-test', 'X-Api-Key', { file });
      const t = new RestTransport({ upstream: 'auth-test', baseUrl: sim.url, agent, auth });
      await expect(t.request(callContext(), { method: 'GET', path: '/thing' })).rejects.toMatchObject({
        code: 'misconfigured',
      });
      writeFileSync(file, 'new-key\n');
      expect((await t.request(callContext(), { method: 'GET', path: '/thing' })).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('HTTP Basic from the environment; an unset variable names itself, and sends nothing', async () => {
    const sim = await simulator({ kind: 'basic' }, { username: 'hub', password: 'pw' });
    try {
      process.env.LIENTHONG_TEST_BASIC_PW = 'pw';
      const ok = new RestTransport({
        upstream: 'auth-test',
        baseUrl: sim.url,
        agent,
        auth: basicAuth('auth-test', 'hub', { env: 'LIENTHONG_TEST_BASIC_PW' }),
      });
      expect((await ok.request(callContext(), { method: 'GET', path: '/thing' })).status).toBe(200);
      const seen = sim.requests().length;
      const missing = new RestTransport({
        upstream: 'auth-test',
        baseUrl: sim.url,
        agent,
        auth: basicAuth('auth-test', 'hub', { env: 'LIENTHONG_TEST_UNSET_VARIABLE' }),
      });
      await expect(missing.request(callContext(), { method: 'GET', path: '/thing' })).rejects.toThrow(
        /auth\.password is not set: expected it in environment variable LIENTHONG_TEST_UNSET_VARIABLE/,
      );
      expect(sim.requests().length).toBe(seen);
    } finally {
      delete process.env.LIENTHONG_TEST_BASIC_PW;
      await sim.close();
    }
  });

  it('sends a form-encoded body when asked', async () => {
    const sim = await simulator(undefined);
    try {
      const t = new RestTransport({ upstream: 'auth-test', baseUrl: sim.url, agent });
      const res = await t.request<{ type: string }>(callContext(), {
        method: 'POST',
        path: '/form',
        form: { a: 'á b', c: 1 },
      });
      expect(res.data.type).toBe('application/x-www-form-urlencoded');
      expect(sim.requests().at(-1)?.body).toBeUndefined();
    } finally {
      await sim.close();
    }
  });
});

describe('WS-Security UsernameToken', () => {
  const header = (type: 'text' | 'digest', password = 'pw', at = Date.now()) => {
    const block = wsSecurityAuth('auth-test', 'hub', password, type, () => at).soapHeader!();
    // As the receiving side sees it after parsing (prefixes stripped).
    const sec = block['wsse:Security'] as Record<string, Record<string, unknown>>;
    const t = sec['wsse:UsernameToken'];
    return {
      Security: {
        UsernameToken: {
          Username: t['wsse:Username'],
          Password: t['wsse:Password'],
          Nonce: t['wsse:Nonce'],
          Created: t['wsu:Created'],
        },
      },
    };
  };
  const check = (h: unknown, seen = new Set<string>()) =>
    checkUsernameToken(h, { password: (u) => (u === 'hub' ? 'pw' : undefined), seenNonces: seen });

  it('accepts a fresh digest once; refuses a replayed nonce, a stale one and a wrong password', () => {
    const seen = new Set<string>();
    const h = header('digest');
    expect(check(h, seen)).toEqual({ ok: true, user: 'hub' });
    expect(check(h, seen)).toMatchObject({ ok: false, reason: 'nonce already used' });
    expect(check(header('digest', 'pw', Date.now() - 600_000))).toMatchObject({
      ok: false,
      reason: 'Created is not fresh',
    });
    expect(check(header('digest', 'other'))).toMatchObject({ ok: false, reason: 'wrong password' });
    expect(check(header('text'))).toEqual({ ok: true, user: 'hub' });
  });

  it('a SOAP call carries it in soap:Header; the simulator checks it; a wrong password is misconfigured', async () => {
    const sim = await createSimulator(
      {
        id: 'wss-test',
        protocol: 'soap',
        namespace: 'urn:test',
        auth: { kind: 'ws-security' },
        routes(app, kit) {
          app.post('/ws', (_req, res) =>
            kit.reply(res, 200, { operation: 'PingResponse', body: { trangThai: 'OK' } }),
          );
        },
      },
      { credentials: { username: 'hub', password: 'pw' } },
    ).start();
    try {
      const call = (password: string) =>
        new SoapTransport({
          upstream: 'wss-test',
          endpoint: `${sim.url}/ws`,
          agent,
          namespace: 'urn:test',
          auth: wsSecurityAuth('wss-test', 'hub', password),
        }).call(callContext(), { operation: 'Ping', body: {} });
      expect((await call('pw')).body).toEqual({ trangThai: 'OK' });
      await expect(call('wrong')).rejects.toMatchObject({ code: 'misconfigured', retryable: false });
    } finally {
      await sim.close();
    }
  });
});
