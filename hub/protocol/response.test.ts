/** signResponse / verifyResponse: binding the answer to the request, its status and the hub's key. */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createTestPki } from '../trust/test-support';
import { certificateKid } from './kid';
import { signResponse, verifyResponse, type VerifyResponseOptions } from './response';

const pki = createTestPki();
const trust = pki.store();
const hubKey = pki.hubCertificate.publicKey;
const body = Buffer.from('{"name":"Nguyễn Thị B"}');
const messageId = randomUUID();
const requestHash = 'q2fYpKxP3lTcl-7TVmUnbs2CmSbZaD6xNnbh9l3-3U8';

function signed(status = 200) {
  return signResponse({ body, status, requestHash, messageId, signer: trust.hubSigner });
}
function check(headers: Record<string, string>, over: Partial<VerifyResponseOptions> = {}) {
  return verifyResponse({
    headers,
    body,
    status: 200,
    expectedRequestHash: requestHash,
    expectedMessageId: messageId,
    hubPublicKey: hubKey,
    ...over,
  });
}
const why = (r: ReturnType<typeof check>) => (r.ok ? 'ok' : `${r.code}: ${r.reason}`);

it('verifies and returns the kid, message id and iat', () => {
  const headers = signed();
  expect(headers['X-Hub-Request-Hash']).toBe(requestHash);
  expect(headers['X-Hub-Message-Id']).toBe(messageId);
  expect(check(headers)).toMatchObject({ ok: true, kid: certificateKid(pki.hubCertificate), messageId });
});

it('refuses a changed body', () => {
  expect(why(check(signed(), { body: Buffer.from('{"name":"Nguyễn Thị C"}') }))).toBe(
    'SIGNATURE_INVALID: signature does not verify',
  );
});

it('refuses an answer to another request', () => {
  expect(why(check(signed(), { expectedRequestHash: 'x' + requestHash.slice(1) }))).toContain(
    'hub.reqhash does not match',
  );
});

it('refuses a rewritten X-Hub-Request-Hash or X-Hub-Message-Id header', () => {
  expect(why(check({ ...signed(), 'X-Hub-Request-Hash': 'forged' }))).toContain(
    'X-Hub-Request-Hash does not match',
  );
  expect(why(check({ ...signed(), 'X-Hub-Message-Id': randomUUID() }))).toContain('hub.msgid does not match');
});

it('refuses a changed HTTP status', () => {
  expect(why(check(signed(404)))).toContain('hub.status does not match');
});

it('refuses a missing signature and a signature by another key', () => {
  const { 'Hub-Signature': _, ...rest } = signed();
  expect(why(check(rest))).toBe('SIGNATURE_MISSING: response is not signed');
  const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
  expect(why(check(signed(), { hubPublicKey: stranger }))).toBe(
    'SIGNATURE_INVALID: signature does not verify',
  );
});

it('picks the hub key by kid during a hub key rotation', () => {
  const kid = certificateKid(pki.hubCertificate);
  const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
  expect(
    check(signed(), {
      hubPublicKey: new Map([
        ['old', stranger],
        [kid, hubKey],
      ]),
    }).ok,
  ).toBe(true);
  expect(why(check(signed(), { hubPublicKey: new Map([['old', stranger]]) }))).toContain('KEY_UNKNOWN');
});

it('signs an answer to an unreadable request without binding headers, which a client refuses', () => {
  const headers = signResponse({ body, status: 401, signer: trust.hubSigner });
  expect(headers['X-Hub-Request-Hash']).toBeUndefined();
  expect(why(check(headers, { status: 401 }))).toContain('hub.reqhash does not match');
});
