/**
 * Cross-check with jose (an independent JWS implementation): our detached, unencoded-payload signatures
 * verify in jose, and jose's verify in ours, for every algorithm.
 */
import { randomUUID } from 'node:crypto';
import { FlattenedSign, flattenedVerify } from 'jose';
import { createTestPki } from '../trust/test-support';
import type { JwsAlg } from './algorithms';
import { signResponse, verifyResponse } from './response';
import { signRequest } from './sign-request';
import { verifyRequest } from './verify-request';

const MEMBER = 'VN:GOV:79:SO-TNMT';
const PATH = '/v1/services/VN:GOV:01:CA-HN/DANCU/person-lookup/v1';
const body = Buffer.from('{"subject":{"kind":"citizen","id":"079203000123"},"note":"Nguyễn Văn A"}');
const pki = createTestPki();
const keys = {
  ES256: pki.issue(MEMBER, 'ES256'),
  EdDSA: pki.issue(MEMBER, 'EdDSA'),
  RS256: pki.issue(MEMBER, 'RS256'),
};
const trust = pki.store();
const algs: Array<[JwsAlg, keyof typeof keys]> = [
  ['ES256', 'ES256'],
  ['EdDSA', 'EdDSA'],
  ['RS256', 'RS256'],
  ['PS256', 'RS256'],
];

describe.each(algs)('%s', (alg, keyName) => {
  const key = { ...keys[keyName], alg };

  it('our request signature verifies in jose', async () => {
    const signed = signRequest({
      method: 'POST',
      path: PATH,
      body,
      client: `${MEMBER}/MOTCUA`,
      purpose: 'land.transfer',
      key,
    });
    const [protectedHeader, empty, signature] = signed.headers['Hub-Signature'].split('.');
    expect(empty).toBe('');
    const result = await flattenedVerify(
      { protected: protectedHeader, payload: body, signature },
      key.certificate.publicKey,
      {
        algorithms: [alg],
      },
    );
    expect(result.protectedHeader).toMatchObject({
      alg,
      kid: key.kid,
      b64: false,
      crit: ['b64'],
      'hub.htu': PATH,
    });
    expect(Buffer.from(result.payload).equals(body)).toBe(true);
    await expect(
      flattenedVerify(
        { protected: protectedHeader, payload: Buffer.from(body.toString() + ' '), signature },
        key.certificate.publicKey,
      ),
    ).rejects.toThrow();
  });

  it("jose's signature verifies in ours", async () => {
    const messageId = randomUUID();
    const client = `${MEMBER}/MOTCUA`;
    const jws = await new FlattenedSign(body)
      .setProtectedHeader({
        // A different member order from ours: the verifier must use the header bytes as sent.
        'hub.htu': PATH,
        'hub.htm': 'POST',
        alg,
        b64: false,
        crit: ['b64'],
        kid: key.kid,
        'hub.purpose': 'land.transfer',
        'hub.client': client,
        'hub.msgid': messageId,
        iat: Math.floor(Date.now() / 1000),
      })
      .sign(key.privateKey);
    const headers = {
      'Hub-Signature': `${jws.protected}..${jws.signature}`,
      'X-Hub-Client': client,
      'X-Hub-Message-Id': messageId,
      'X-Hub-Purpose': 'land.transfer',
    };
    const r = verifyRequest({ method: 'POST', path: PATH, headers, body, trust });
    expect(r).toMatchObject({ ok: true, kid: key.kid, alg, messageId });
  });
});

it("the hub's response signature verifies in jose", async () => {
  const responseBody = Buffer.from('{"ok":true}');
  const headers = signResponse({
    body: responseBody,
    status: 200,
    requestHash: 'h',
    messageId: randomUUID(),
    signer: trust.hubSigner,
  });
  const [p, , s] = headers['Hub-Signature'].split('.');
  const r = await flattenedVerify(
    { protected: p, payload: responseBody, signature: s },
    pki.hubCertificate.publicKey,
  );
  expect(r.protectedHeader).toMatchObject({ 'hub.reqhash': 'h', 'hub.status': 200 });
  const ours = verifyResponse({
    headers,
    body: responseBody,
    expectedRequestHash: 'h',
    hubPublicKey: pki.hubCertificate.publicKey,
  });
  expect(ours.ok).toBe(true);
});
