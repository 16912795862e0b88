/** signRequest / verifyRequest: round trips per algorithm and every refusal, in the documented order. */
import { randomUUID } from 'node:crypto';
import { createTestPki, type TestMemberKey } from '../trust/test-support';
import type { JwsAlg } from './algorithms';
import { compactDetached, signingInput } from './jws';
import { signRequest, type SignRequestOptions } from './sign-request';
import { verifyRequest, type VerifyRequestOptions } from './verify-request';
import { jwsSign } from './algorithms';

const MEMBER = 'VN:GOV:79:SO-TNMT';
const OTHER = 'VN:GOV:01:UBND-HN';
const PATH = `/v1/services/VN:GOV:01:CA-HN/DANCU/person-lookup/v1?fields=name`;
const body = Buffer.from(JSON.stringify({ subject: { kind: 'citizen', id: '079203000123' } }));

const pki = createTestPki();
const keys: Record<JwsAlg, TestMemberKey> = {
  ES256: pki.issue(MEMBER, 'ES256'),
  EdDSA: pki.issue(MEMBER, 'EdDSA'),
  RS256: pki.issue(MEMBER, 'RS256'),
  PS256: { ...pki.issue(MEMBER, 'RS256'), alg: 'PS256' },
};
const otherKey = pki.issue(OTHER, 'ES256');
const trust = pki.store();

function sign(over: Partial<SignRequestOptions> = {}) {
  return signRequest({
    method: 'POST',
    path: PATH,
    body,
    client: `${MEMBER}/MOTCUA`,
    purpose: 'land.transfer',
    key: keys.ES256,
    ...over,
  });
}

function verify(headers: Record<string, string>, over: Partial<VerifyRequestOptions> = {}) {
  return verifyRequest({ method: 'POST', path: PATH, headers, body, trust, ...over });
}

describe('round trip', () => {
  it.each(['ES256', 'EdDSA', 'RS256', 'PS256'] as const)('%s signs and verifies', (alg) => {
    const signed = sign({ key: keys[alg], idempotencyKey: 'k-1' });
    const r = verify(signed.headers);
    expect(r).toMatchObject({
      ok: true,
      memberId: MEMBER,
      subsystem: 'MOTCUA',
      client: `${MEMBER}/MOTCUA`,
      kid: keys[alg].kid,
      alg,
      messageId: signed.messageId,
      purpose: 'land.transfer',
      idempotencyKey: 'k-1',
      requestHash: signed.requestHash,
    });
  });

  it('signs an empty GET body and lower-cased header names', () => {
    const signed = sign({ method: 'GET', body: undefined });
    const lower = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(verify(lower, { method: 'GET', body: Buffer.alloc(0) }).ok).toBe(true);
  });

  it('uses ES256 signatures in the 64-byte r||s form', () => {
    const sig = sign().headers['Hub-Signature'].split('..')[1];
    expect(Buffer.from(sig, 'base64url')).toHaveLength(64);
  });
});

describe('refusals', () => {
  const failure = (r: ReturnType<typeof verify>) => (r.ok ? 'ok' : r.code);
  const reason = (r: ReturnType<typeof verify>) => (r.ok ? '' : String(r.context.reason ?? r.context.header));

  it('SIGNATURE_MISSING without Hub-Signature', () => {
    const { 'Hub-Signature': _, ...rest } = sign().headers;
    expect(failure(verify(rest))).toBe('SIGNATURE_MISSING');
  });

  it('SIGNATURE_INVALID when the body changed after signing', () => {
    const r = verify(sign().headers, { body: Buffer.from(body.toString().replace('123', '124')) });
    expect([failure(r), reason(r)]).toEqual(['SIGNATURE_INVALID', 'signature does not verify']);
    expect(verify(sign().headers, { body: Buffer.concat([body, Buffer.from(' ')]) }).ok).toBe(false);
  });

  it.each([
    ['hub.msgid', { 'X-Hub-Message-Id': randomUUID() }, {}],
    ['hub.purpose', { 'X-Hub-Purpose': 'tax.assessment' }, {}],
    ['hub.client', { 'X-Hub-Client': `${MEMBER}/OTHER` }, {}],
    ['hub.htu', {}, { path: PATH.replace('name', 'all') }],
    ['hub.htm', {}, { method: 'PUT' }],
    ['hub.idem', { 'Idempotency-Key': 'other' }, {}],
  ])('SIGNATURE_INVALID when %s differs from the HTTP message', (param, headerChange, requestChange) => {
    const headers = { ...sign().headers, ...headerChange };
    const r = verify(headers, requestChange);
    expect([failure(r), reason(r)]).toEqual(['SIGNATURE_INVALID', `${param} does not match the request`]);
  });

  it('SIGNATURE_INVALID when a signed idempotency key is dropped', () => {
    const { 'Idempotency-Key': _, ...rest } = sign({ idempotencyKey: 'k-1' }).headers;
    expect(reason(verify(rest))).toBe('hub.idem does not match the request');
  });

  it('KEY_UNKNOWN for a key the store does not hold', () => {
    const stranger = createTestPki().issue(MEMBER, 'ES256');
    expect(failure(verify(sign({ key: stranger }).headers))).toBe('KEY_UNKNOWN');
  });

  it('KEY_REVOKED for a revoked key, from its revocation time on', () => {
    const now = Date.now();
    const revokedAt = new Date(now - 1000).toISOString();
    const store = pki.store({
      revocations: [{ kid: keys.ES256.kid, memberId: MEMBER, revokedAt, reason: 'keyCompromise' }],
    });
    expect(failure(verify(sign().headers, { trust: store, now }))).toBe('KEY_REVOKED');
    expect(verify(sign({ now: now - 5000 }).headers, { trust: store, now: now - 5000 }).ok).toBe(true);
  });

  it('KEY_EXPIRED outside the certificate validity', () => {
    const expired = createTestPki();
    const k = expired.issue(MEMBER, 'EdDSA', {
      notBefore: new Date(Date.now() - 10 * 86_400_000),
      notAfter: new Date(Date.now() - 86_400_000),
    });
    const r = verifyRequest({
      method: 'POST',
      path: PATH,
      headers: sign({ key: k }).headers,
      body,
      trust: expired.store(),
    });
    expect(failure(r)).toBe('KEY_EXPIRED');
  });

  it('rotation: old and new keys both valid during the overlap, the old one refused after retiresAt', () => {
    const now = Date.now();
    const retiresAt = new Date(now + 7 * 86_400_000).toISOString();
    const store = pki.store({ retiresAt: { [keys.ES256.kid]: retiresAt } });
    expect(verify(sign({ key: keys.ES256 }).headers, { trust: store }).ok).toBe(true);
    expect(verify(sign({ key: keys.EdDSA }).headers, { trust: store }).ok).toBe(true);
    const later = now + 7 * 86_400_000 + 1000;
    expect(failure(verify(sign({ key: keys.ES256, now: later }).headers, { trust: store, now: later }))).toBe(
      'KEY_EXPIRED',
    );
    expect(verify(sign({ key: keys.EdDSA, now: later }).headers, { trust: store, now: later }).ok).toBe(true);
  });

  it('SIGNATURE_STALE for an iat too old or too far in the future', () => {
    const now = Date.now();
    expect(failure(verify(sign({ now: now - 61_000 }).headers, { now }))).toBe('SIGNATURE_STALE');
    expect(failure(verify(sign({ now: now + 61_000 }).headers, { now }))).toBe('SIGNATURE_STALE');
    expect(verify(sign({ now: now - 59_000 }).headers, { now }).ok).toBe(true);
    expect(failure(verify(sign({ now: now - 20_000 }).headers, { now, iatWindowSec: 10 }))).toBe(
      'SIGNATURE_STALE',
    );
  });

  it.each([
    ['X-Hub-Purpose', 'land.transfer\r\nX-Admin: 1'],
    ['X-Hub-Client', `${MEMBER}/MOTCUA\n`],
    ['X-Hub-Message-Id', `${randomUUID()}\r`],
    ['X-Hub-Client', `${MEMBER}/MÔTCỬA`],
    ['Idempotency-Key', 'k\r\n1'],
  ])('HEADER_INVALID for CR/LF or non-ASCII in %s', (name, value) => {
    const r = verify({ ...sign({ idempotencyKey: 'k' }).headers, [name]: value });
    expect([failure(r), reason(r)]).toEqual(['HEADER_INVALID', name]);
  });

  it.each([
    ['X-Hub-Client', 'SO-TNMT/MOTCUA'],
    ['X-Hub-Message-Id', 'not-a-uuid'],
    ['X-Hub-Purpose', 'Land Transfer'],
  ])('HEADER_INVALID for a malformed %s', (name, value) => {
    expect(reason(verify({ ...sign().headers, [name]: value }))).toBe(name);
  });

  it('HEADER_INVALID for a repeated header', () => {
    const headers: Record<string, string | string[]> = { ...sign().headers };
    headers['x-hub-purpose'] = ['land.transfer', 'tax'];
    delete headers['X-Hub-Purpose'];
    const r = verifyRequest({ method: 'POST', path: PATH, headers, body, trust });
    expect(r.ok ? '' : r.context.header).toBe('X-Hub-Purpose');
  });

  it('CLIENT_MISMATCH when the client names another member than the key owner', () => {
    const r = verify(sign({ key: otherKey }).headers);
    expect(r).toMatchObject({
      ok: false,
      code: 'CLIENT_MISMATCH',
      context: { client: `${MEMBER}/MOTCUA`, member: OTHER },
    });
  });

  it('keeps the message id and request hash on failures, for the signed error response', () => {
    const signed = sign();
    const r = verify(signed.headers, { method: 'PUT' });
    expect(r).toMatchObject({ ok: false, requestHash: signed.requestHash, messageId: signed.messageId });
  });

  describe('malformed JWS', () => {
    const k = keys.ES256;
    const forge = (header: Record<string, unknown>): string => {
      const h = Buffer.from(JSON.stringify(header)).toString('base64url');
      return compactDetached(h, jwsSign('ES256', k.privateKey, signingInput(h, body)));
    };
    const base = (id: string) => ({
      alg: 'ES256',
      kid: k.kid,
      b64: false,
      crit: ['b64'],
      iat: Math.floor(Date.now() / 1000),
      'hub.msgid': id,
      'hub.client': `${MEMBER}/MOTCUA`,
      'hub.purpose': 'land.transfer',
      'hub.htm': 'POST',
      'hub.htu': PATH,
    });
    const withSig = (value: string) => {
      const headers = sign().headers;
      return verify({ ...headers, 'Hub-Signature': value });
    };

    it.each([
      ['an attached payload', () => 'abc.def.ghi', 'not a compact detached JWS'],
      ['a header that is not JSON', () => 'bm90IGpzb24..AAAA', 'protected header is not JSON'],
      ['b64 true', () => forge({ ...base(randomUUID()), b64: true }), 'b64 must be false'],
      ['crit without b64', () => forge({ ...base(randomUUID()), crit: [] }), 'crit must name b64'],
      [
        'an unknown crit extension',
        () => forge({ ...base(randomUUID()), crit: ['b64', 'exp'], exp: 1 }),
        'crit names an unknown',
      ],
      ['alg none', () => forge({ ...base(randomUUID()), alg: 'none' }), 'alg is not'],
      ['alg HS256', () => forge({ ...base(randomUUID()), alg: 'HS256' }), 'alg is not'],
      ['a string iat', () => forge({ ...base(randomUUID()), iat: '1700000000' }), 'iat must be an integer'],
      ['no hub.htu', () => forge({ ...base(randomUUID()), 'hub.htu': undefined }), 'hub.htu is missing'],
    ])('SIGNATURE_INVALID for %s', (_name, make, why) => {
      const r = withSig(make());
      expect(failure(r)).toBe('SIGNATURE_INVALID');
      expect(reason(r)).toContain(why);
    });

    it('SIGNATURE_INVALID when alg does not fit the key (RS256 header, P-256 key)', () => {
      const r = withSig(forge({ ...base(randomUUID()), alg: 'RS256' }));
      expect(reason(r)).toContain('does not fit key');
    });
  });
});

describe('signRequest arguments', () => {
  it.each([
    ['client', { client: 'nobody' }],
    ['purpose', { purpose: 'x' }],
    ['messageId', { messageId: '123' }],
    ['path', { path: 'v1/services' }],
    ['method', { method: 'post' }],
  ])('refuses a bad %s', (what, over) => {
    expect(() => sign(over)).toThrow(`${what} is not valid`);
  });

  it('refuses a key that cannot sign the algorithm', () => {
    expect(() => sign({ key: { ...keys.EdDSA, alg: 'ES256' } })).toThrow(TypeError);
  });
});
