/** Unit tests of the SOAP transport against nock: faults, XML attacks, limits, and XML-DSig. */
import nock from 'nock';
import '../../test/helpers/restore-nock';
import { generateKeyPairSync } from 'node:crypto';
import { Agent } from 'node:http';
import { callContext } from './conformance/checks';
import { BILLION_LAUGHS, XXE_PROLOGUE } from './simulator/malform';
import { SoapTransport, SOAP_ENV_NS } from './soap-transport';
import { UpstreamError } from './upstream-error';
import { signSoapBody } from './xml-dsig';

const BASE = 'http://soap.test';
const NS = 'urn:test:land';
const agent = new Agent({ keepAlive: true });

const envelope = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP_ENV_NS}" xmlns:ns="${NS}"><soap:Header/><soap:Body Id="body">${inner}</soap:Body></soap:Envelope>`;

const upstreamKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const upstreamPrivatePem = upstreamKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const upstreamPublicPem = upstreamKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

const plain = new SoapTransport({
  upstream: 'land',
  endpoint: `${BASE}/ws`,
  agent,
  namespace: NS,
  maxBytes: 50_000,
  maxDepth: 12,
});

async function failure(p: Promise<unknown>): Promise<UpstreamError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(UpstreamError);
    return e as UpstreamError;
  }
  throw new Error('expected a failure');
}

const call = (t = plain) =>
  t.call(callContext(1000), {
    operation: 'TraCuuThuaDat',
    body: { maXa: '00004', soTo: '12', soThua: '34' },
  });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => {
  nock.enableNetConnect();
  agent.destroy();
});

describe('SoapTransport', () => {
  it('posts an envelope and returns the answer element with prefixes stripped', async () => {
    let sent = '';
    nock(BASE)
      .post('/ws', (body: string) => {
        sent = body;
        return true;
      })
      .reply(
        200,
        envelope(
          '<ns:TraCuuThuaDatResponse><ns:thuaDat><ns:dienTich>120.5</ns:dienTich></ns:thuaDat></ns:TraCuuThuaDatResponse>',
        ),
      );
    const res = await call();
    expect(res).toEqual({ operation: 'TraCuuThuaDatResponse', body: { thuaDat: { dienTich: '120.5' } } });
    expect(sent).toContain('<ns:TraCuuThuaDat><maXa>00004</maXa>');
    expect(sent).toContain(`xmlns:soap="${SOAP_ENV_NS}"`);
  });

  it('soap:Client fault → rejected with the agency code; not found recognised', async () => {
    nock(BASE)
      .post('/ws')
      .reply(
        500,
        envelope(
          '<soap:Fault><faultcode>soap:Client</faultcode><faultstring>Thửa đất không tồn tại</faultstring><detail><error><code>KHONG_TON_TAI</code></error></detail></soap:Fault>',
        ),
      );
    const err = await failure(call());
    expect(err).toMatchObject({
      code: 'rejected',
      retryable: false,
      upstreamCode: 'KHONG_TON_TAI',
      notFound: true,
    });
  });

  it('soap:Server fault → unavailable, retryable', async () => {
    nock(BASE)
      .post('/ws')
      .reply(
        500,
        envelope(
          '<soap:Fault><faultcode>soap:Server</faultcode><faultstring>DB down</faultstring></soap:Fault>',
        ),
      );
    expect(await failure(call())).toMatchObject({ code: 'unavailable', retryable: true });
  });

  it.each([
    ['XXE (external entity)', XXE_PROLOGUE + '<x>&xxe;</x>'],
    ['billion laughs', BILLION_LAUGHS],
    [
      'a DOCTYPE inside an otherwise valid envelope',
      envelope('<ns:R/>').replace('?>', '?><!DOCTYPE soap:Envelope>'),
    ],
  ])('%s is refused before parsing → malformed', async (_name, body) => {
    nock(BASE).post('/ws').reply(200, body);
    const err = await failure(call());
    expect(err.code).toBe('malformed');
    expect(err.reason).toMatch(/DOCTYPE|entity/i);
  });

  it('nesting deeper than the limit → malformed', async () => {
    const deep = '<a>'.repeat(20) + '</a>'.repeat(20);
    nock(BASE)
      .post('/ws')
      .reply(200, envelope(`<ns:R>${deep}</ns:R>`));
    expect((await failure(call())).reason).toMatch(/deeper/);
  });

  it('an answer over the size limit → malformed', async () => {
    nock(BASE)
      .post('/ws')
      .reply(200, envelope(`<ns:R>${'a'.repeat(60_000)}</ns:R>`));
    expect((await failure(call())).code).toBe('malformed');
  });

  it('a request that cannot be written as XML is unbuildable, final, and nothing is sent', async () => {
    const scope = nock(BASE).post('/ws').reply(200, envelope('<ns:R/>'));
    let exchanged = false;
    const ctx = {
      ...callContext(1000),
      exchange: <T>(send: () => Promise<T>) => ((exchanged = true), send()),
    };
    const err = await failure(
      plain.call(ctx, { operation: 'DangKyKhaiTu', body: { nguyenNhan: 'A\u0000B' } }),
    );
    expect(err).toMatchObject({
      code: 'unbuildable',
      retryable: false,
      reason: 'field nguyenNhan holds U+0000, which XML cannot carry',
    });
    // Never reached the exchange (the breaker), never reached the upstream.
    expect(exchanged).toBe(false);
    expect(scope.isDone()).toBe(false);
  });

  it('a large answer is read in the worker thread, to the same result as inline', async () => {
    const items = Array.from({ length: 2000 }, (_, i) => `<ns:muc>${i}</ns:muc>`).join('');
    const xml = envelope(`<ns:TraCuuThuaDatResponse><ns:ds>${items}</ns:ds></ns:TraCuuThuaDatResponse>`);
    expect(xml.length).toBeGreaterThan(16_384);
    nock(BASE).post('/ws').reply(200, xml);
    const res = await call();
    expect(res.operation).toBe('TraCuuThuaDatResponse');
    expect((res.body.ds as { muc: string[] }).muc).toEqual(Array.from({ length: 2000 }, (_, i) => String(i)));
  });

  it('not XML / not an envelope → malformed', async () => {
    nock(BASE).post('/ws').reply(200, '{"json":true}');
    expect((await failure(call())).code).toBe('malformed');
    nock(BASE).post('/ws').reply(200, '<other/>');
    expect((await failure(call())).reason).toMatch(/envelope/);
  });

  describe('XML-DSig', () => {
    const hubKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const signing = new SoapTransport({
      upstream: 'civil',
      endpoint: `${BASE}/ws`,
      agent,
      namespace: NS,
      signWith: {
        privateKeyPem: hubKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        algorithm: 'ES256',
      },
      verifyWith: { publicKeyPem: upstreamPublicPem },
    });
    const signedAnswer = (inner: string) =>
      signSoapBody(envelope(inner), { privateKeyPem: upstreamPrivatePem, algorithm: 'ES256' });

    it('signs the request Body and accepts an answer signed by the upstream', async () => {
      let sent = '';
      nock(BASE)
        .post('/ws', (b: string) => ((sent = b), true))
        .reply(200, signedAnswer('<ns:R><ns:ok>1</ns:ok></ns:R>'));
      const res = await call(signing);
      expect(res.body).toEqual({ ok: '1' });
      expect(sent).toMatch(/<ds:Signature[\s\S]*ecdsa-sha256[\s\S]*URI="#body"/);
    });

    it('refuses an answer altered after signing', async () => {
      nock(BASE)
        .post('/ws')
        .reply(200, signedAnswer('<ns:R><ns:ok>1</ns:ok></ns:R>').replace('<ns:ok>1', '<ns:ok>2'));
      expect((await failure(call(signing))).reason).toMatch(/signature/);
    });

    it('refuses an unsigned answer and a wrapped one (a second Body)', async () => {
      nock(BASE).post('/ws').reply(200, envelope('<ns:R/>'));
      expect((await failure(call(signing))).reason).toMatch(/signature/);
      const wrapped = signedAnswer('<ns:R/>').replace(
        '<soap:Header>',
        '<soap:Header><soap:Body Id="evil"><ns:R/></soap:Body>',
      );
      nock(BASE).post('/ws').reply(200, wrapped);
      expect((await failure(call(signing))).code).toBe('malformed');
    });
  });
});
