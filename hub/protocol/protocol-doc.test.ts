/**
 * Recomputes the worked examples of docs/protocol.md from the text of the document: keys, kids, header
 * bytes, signatures (verified for ES256, regenerated exactly for EdDSA), request hashes and the response.
 */
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memberIdFromUri } from '../trust/member-id';
import { sanUris } from '../trust/trust-store';
import { jwsVerify, type JwsAlg } from './algorithms';
import { requestHash, signingInput } from './jws';
import type { KeyResolver } from './key-resolver';
import { certificateKid } from './kid';
import { verifyResponse } from './response';
import { signRequest } from './sign-request';
import { verifyRequest } from './verify-request';

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'protocol.md'), 'utf8');
const blocks = new Map<string, string>();
for (const m of doc.matchAll(/<!-- example: ([\w.-]+) -->\n```[a-z]*\n([\s\S]*?)\n```/g))
  blocks.set(m[1], m[2]);
const block = (name: string): string => {
  const value = blocks.get(name);
  if (value === undefined) throw new TypeError(`docs/protocol.md has no example block ${name}`);
  return value;
};

const body = Buffer.from(block('request.body'), 'utf8');
const IAT = 1767225600;

/** Parses an HTTP message head: the first line and `Name: value` lines. */
function head(text: string): { first: string[]; headers: Record<string, string> } {
  const [first, ...lines] = text.split('\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(': ');
    headers[line.slice(0, colon)] = line.slice(colon + 2);
  }
  return { first: first.split(' '), headers };
}

describe.each([
  ['es256', 'ES256'],
  ['eddsa', 'EdDSA'],
] as const)('example %s', (prefix, alg: JwsAlg) => {
  const privateKey = createPrivateKey(block(`${prefix}.private-key`));
  const certificate = new X509Certificate(block(`${prefix}.certificate`));
  const kid = block(`${prefix}.kid`);
  const { first, headers } = head(block(`${prefix}.request`));
  const [method, path] = first;
  const memberId = sanUris(certificate).map(memberIdFromUri).find(Boolean) as string;
  const resolver: KeyResolver = {
    resolve: () => ({ ok: true, memberId, publicKey: certificate.publicKey, alg }),
  };

  it('has a certificate for its private key, and the kid is its thumbprint', () => {
    expect(certificate.checkPrivateKey(privateKey)).toBe(true);
    expect(certificateKid(certificate)).toBe(kid);
    expect(memberId).toBe('VN:GOV:79:UBND-PBN');
  });

  it('encodes the documented header bytes', () => {
    const headerB64 = block(`${prefix}.header-b64`);
    expect(Buffer.from(block(`${prefix}.header-json`), 'utf8').toString('base64url')).toBe(headerB64);
    expect(block(`${prefix}.hub-signature`).startsWith(`${headerB64}..`)).toBe(true);
    expect(requestHash(headerB64, body)).toBe(block(`${prefix}.request-hash`));
  });

  it('verifies the documented signature, with the whole request check', () => {
    const [headerB64, signature] = block(`${prefix}.hub-signature`).split('..');
    expect(
      jwsVerify(
        alg,
        createPublicKey(privateKey),
        signingInput(headerB64, body),
        Buffer.from(signature, 'base64url'),
      ),
    ).toBe(true);
    const r = verifyRequest({
      method,
      path,
      headers: { ...headers, 'Hub-Signature': block(`${prefix}.hub-signature`) },
      body,
      trust: resolver,
      now: IAT * 1000 + 5000,
    });
    expect(r).toMatchObject({ ok: true, kid, requestHash: block(`${prefix}.request-hash`) });
  });

  it('is what signRequest produces from the same inputs', () => {
    const signed = signRequest({
      method,
      path,
      body,
      client: headers['X-Hub-Client'],
      messageId: headers['X-Hub-Message-Id'],
      purpose: headers['X-Hub-Purpose'],
      idempotencyKey: headers['Idempotency-Key'],
      key: { kid, alg, privateKey },
      now: IAT * 1000,
    });
    const [headerB64, signature] = signed.headers['Hub-Signature'].split('..');
    expect(headerB64).toBe(block(`${prefix}.header-b64`));
    expect(signed.requestHash).toBe(block(`${prefix}.request-hash`));
    // Ed25519 is deterministic: the signature itself is reproduced; ECDSA is randomized.
    if (alg === 'EdDSA') expect(signature).toBe(block('eddsa.signature'));
    else expect(signature).not.toBe(block('es256.hub-signature').split('..')[1]);
  });
});

it('verifies the documented hub answer to example 9.1', () => {
  const hub = new X509Certificate(block('response.certificate'));
  const { first, headers } = head(block('response.response'));
  const responseBody = Buffer.from(block('response.body'), 'utf8');
  const signature = block('response.hub-signature');
  expect(Buffer.from(signature.split('..')[0], 'base64url').toString('utf8')).toBe(
    block('response.header-json'),
  );
  const check = (over: { body?: Buffer; hash?: string } = {}) =>
    verifyResponse({
      headers: { ...headers, 'Hub-Signature': signature },
      body: over.body ?? responseBody,
      status: Number(first[1]),
      expectedRequestHash: over.hash ?? block('es256.request-hash'),
      expectedMessageId: head(block('es256.request')).headers['X-Hub-Message-Id'],
      hubPublicKey: new Map([[certificateKid(hub), hub.publicKey]]),
    });
  expect(check()).toMatchObject({ ok: true, kid: certificateKid(hub) });
  expect(check({ hash: block('eddsa.request-hash') }).ok).toBe(false);
  expect(check({ body: Buffer.concat([responseBody, Buffer.from('\n')]) }).ok).toBe(false);
});
