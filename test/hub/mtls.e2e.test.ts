/**
 * HTTPS with TLS client certificates (mTLS), on top of the signatures: the hub serves a certificate from its
 * CA; a member may present its own certificate (issued by the hub CA for its signing key); presented, it
 * must be a live certificate of the member that signs. With clientAuth `required` a connection without one
 * is refused in the handshake.
 */
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getPopulation } from '../../adapters/sdk/simulator/population';
import { createHubClient, type HubClient } from '../../hub/protocol';
import { startWorld, type World } from '../../hub/sandbox/world';
import { serveHub, type RunningHub } from '../../hub/server';
import { buildCertificate, trustPaths } from '../../hub/trust';
import { memberDirName } from '../../hub/trust/member-id';
import { useRedis } from '../helpers/redis';

const redis = useRedis();
let world: World;
let strict: RunningHub;
const clients: HubClient[] = [];
const mother = getPopulation().person(getPopulation().scenarios.birth.motherId)!;
const WARD = 'VN:GOV:01:UBND-NGOCHA';
const LAND = 'VN:GOV:01:VPDKDD';

beforeAll(async () => {
  world = await startWorld({
    redisUrl: redis.url,
    adapters: ['national-population'],
    tls: { clientAuth: 'optional' },
  });
  // A second hub on the same world that insists on a client certificate.
  const config = {
    ...world.config,
    hub: { ...world.config.hub, tls: { ...world.config.hub.tls, clientAuth: 'required' as const } },
  };
  strict = await serveHub({ config, port: 0, handleSignals: false, nodeId: 'strict-hub' });
  redis.beforeStop(async () => {
    for (const c of clients) c.close();
    await strict.stop();
    await world.close();
  });
}, 60_000);

const caPem = () => readFileSync(trustPaths(world.trustDir).caCert, 'utf8');
const certOf = (member: string) =>
  readFileSync(
    join(trustPaths(world.trustDir).members, memberDirName(member), `${world.key(member).kid}.cert.pem`),
    'utf8',
  );

/** A client of the ward that signs with its key and presents `tlsAs`'s certificate (or none, or a stranger's). */
function ward(baseUrl: string, tlsAs?: string | { cert: string; key: string }): HubClient {
  const k = world.key(WARD);
  const presented =
    typeof tlsAs === 'string'
      ? {
          cert: certOf(tlsAs),
          key: world.key(tlsAs).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
        }
      : tlsAs;
  const c = createHubClient({
    member: WARD,
    subsystem: 'MOTCUA',
    key: { privateKey: k.privateKey, kid: k.kid },
    baseUrl,
    hubCertificate: world.hubCertificatePem,
    tls: { ca: caPem(), ...(presented ?? {}) },
  });
  clients.push(c);
  return c;
}

const read = (c: HubClient) =>
  c.call('VN:GOV:00:BCA/DANCU/person-by-id/v1', {
    purpose: 'xac-thuc.danh-tinh',
    body: { personalId: mother.personalId },
  });

describe('mTLS', () => {
  it('serves HTTPS with a certificate from the hub CA', () => {
    expect(world.hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const cert = new X509Certificate(readFileSync(trustPaths(world.trustDir).tlsCert));
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkIssued(new X509Certificate(caPem()))).toBe(true);
  });

  it("accepts the signer's own certificate, and (clientAuth optional) no certificate", async () => {
    const own = await read(ward(world.hub.url, WARD));
    expect(own.status).toBe(200);
    expect(own.verified).toBe(true);
    expect((await read(ward(world.hub.url))).status).toBe(200);
  });

  it("refuses another member's certificate under the ward's signature", async () => {
    const res = await read(ward(world.hub.url, LAND));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'CLIENT_CERT_MISMATCH' });
  });

  it('refuses a certificate the hub CA did not issue', async () => {
    // Another CA, issuing a certificate that names the ward.
    const otherCa = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const notAfter = new Date(Date.now() + 86_400_000);
    const caCert = buildCertificate({
      profile: 'ca',
      commonName: 'not the hub CA',
      publicKey: otherCa.publicKey,
      selfSigningKey: otherCa.privateKey,
      notAfter,
    });
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const cert = buildCertificate({
      profile: 'member',
      commonName: WARD,
      publicKey: stranger.publicKey,
      issuer: { certificate: caCert, privateKey: otherCa.privateKey },
      notAfter,
    });
    const res = await read(
      ward(world.hub.url, {
        cert: cert.toString(),
        key: stranger.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      }),
    );
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'CLIENT_CERT_INVALID' });
  });

  it('with clientAuth required, a connection without a certificate never reaches the hub; with one it does', async () => {
    await expect(read(ward(strict.url))).rejects.toThrow();
    expect((await read(ward(strict.url, WARD))).status).toBe(200);
  });
});
