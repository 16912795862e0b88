/**
 * createHubClient against a small hub stand-in on 127.0.0.1: requests are verified with verifyRequest,
 * answers signed with signResponse; the client accepts those and refuses tampered or unbound ones.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestPki } from '../trust/test-support';
import { HubClientError } from './errors';
import { createHubClient, type HubClient } from './client';
import { signResponse } from './response';
import { verifyRequest } from './verify-request';

const MEMBER = 'VN:GOV:79:UBND-PBN';
const SERVICE = 'VN:GOV:01:CA-HN/DANCU/person-lookup/v1';
const pki = createTestPki();
const memberKey = pki.issue(MEMBER, 'ES256');
const trust = pki.store();

type Mode = 'normal' | 'tamper-body' | 'unsigned' | 'other-request' | 'redirect';
let mode: Mode = 'normal';
let seen: { path?: string; body?: string } = {};

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    seen = { path: req.url, body: body.toString() };
    const v = verifyRequest({
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body,
      trust,
    });
    const status = v.ok ? 200 : 401;
    const answer = v.ok
      ? { received: JSON.parse(body.length ? body.toString() : '{}'), purpose: v.purpose, member: v.memberId }
      : { type: 'urn:lienthong:problem:x', status, code: v.code, title: 'refused' };
    let bytes = Buffer.from(JSON.stringify(answer));
    const requestHash = mode === 'other-request' ? 'AAAA' + (v.requestHash ?? '').slice(4) : v.requestHash;
    const headers = signResponse({
      body: bytes,
      status,
      requestHash,
      messageId: v.messageId,
      signer: trust.hubSigner,
    });
    if (mode === 'tamper-body') bytes = Buffer.from(JSON.stringify({ ...answer, member: 'VN:GOV:01:EVIL' }));
    if (mode === 'unsigned') delete headers['Hub-Signature'];
    if (mode === 'redirect') {
      res.writeHead(302, { Location: 'http://127.0.0.1:1/elsewhere' }).end();
      return;
    }
    res.writeHead(status, {
      'Content-Type': v.ok ? 'application/json' : 'application/problem+json',
      ...headers,
    });
    res.end(bytes);
  });
});

let client: HubClient;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = createHubClient({
    member: MEMBER,
    subsystem: 'MOTCUA',
    key: { privateKey: memberKey.privateKey },
    cert: memberKey.certificate.toString(),
    baseUrl: `http://127.0.0.1:${port}/gw`,
    hubCertificate: pki.hubCertificate.toString(),
  });
});
afterAll(async () => {
  client.close();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  mode = 'normal';
});

it('calls a service: signed request, verified response, parsed body', async () => {
  const r = await client.call(SERVICE, {
    purpose: 'residence.registration',
    body: { id: '079203000123', name: 'Trần Văn Đức' },
  });
  expect(r).toMatchObject({
    status: 200,
    verified: true,
    body: {
      received: { id: '079203000123', name: 'Trần Văn Đức' },
      purpose: 'residence.registration',
      member: MEMBER,
    },
  });
  expect(seen.path).toBe(`/gw/v1/services/${SERVICE}`);
  expect(r.headers['x-hub-request-hash']).toBe(r.requestHash);
  expect(r.headers['x-hub-message-id']).toBe(r.messageId);
});

it('sends a GET with an empty signed body through request()', async () => {
  const r = await client.request('GET', '/v1/status?verbose=1', { purpose: 'ops.status' });
  expect(r.status).toBe(200);
  expect(seen).toEqual({ path: '/gw/v1/status?verbose=1', body: '' });
});

it('returns a verified problem+json answer instead of throwing', async () => {
  const stranger = createTestPki().issue(MEMBER, 'ES256');
  const other = createHubClient({
    member: MEMBER,
    subsystem: 'MOTCUA',
    key: stranger,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hubPublicKey: pki.hubCertificate.publicKey,
  });
  const r = await other.call(SERVICE, { purpose: 'residence.registration', body: {} });
  other.close();
  expect(r).toMatchObject({ status: 401, verified: true, body: { code: 'KEY_UNKNOWN' } });
});

it.each([
  ['a tampered body', 'tamper-body', 'signature does not verify'],
  ['an unsigned answer', 'unsigned', 'response is not signed'],
  ['an answer to another request', 'other-request', 'hub.reqhash does not match the request'],
  ['an unsigned redirect (not followed)', 'redirect', 'response is not signed'],
] as const)('throws RESPONSE_UNVERIFIED for %s', async (_name, m, reason) => {
  mode = m;
  const err = await client
    .call(SERVICE, { purpose: 'residence.registration', body: {} })
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(HubClientError);
  expect(err).toMatchObject({ code: 'RESPONSE_UNVERIFIED', details: { reason } });
});

it('throws INVALID_ARGUMENT for a bad service id or purpose, TRANSPORT when nothing answers', async () => {
  await expect(client.call('nope', { purpose: 'x.y' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  await expect(client.call(SERVICE, { purpose: 'Bad Purpose' })).rejects.toMatchObject({
    code: 'INVALID_ARGUMENT',
  });
  const dead = createHubClient({
    member: MEMBER,
    subsystem: 'MOTCUA',
    key: memberKey,
    baseUrl: 'http://127.0.0.1:1',
    hubPublicKey: pki.hubCertificate.publicKey,
  });
  await expect(dead.call(SERVICE, { purpose: 'x.y' })).rejects.toMatchObject({ code: 'TRANSPORT' });
  dead.close();
});
