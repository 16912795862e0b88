/**
 * Mutual TLS toward an upstream: an HTTPS server on 127.0.0.1 that requires a client certificate from its
 * CA answers an adapter configured with `tls` (certificate, key, the server's CA, as files), and refuses
 * one without it. Certificates are made here with node-forge (node:crypto cannot issue X.509).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { createAdapterInstance, defineAdapter, defineService, RestTransport } from '..';
import { callContext, silentLogger } from '../conformance';
import Joi from 'joi';

function issue(cn: string, ca?: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey }, ip = false) {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = String(Math.floor(Math.random() * 1e9));
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  cert.setSubject([{ name: 'commonName', value: cn }]);
  cert.setIssuer(ca ? ca.cert.subject.attributes : [{ name: 'commonName', value: cn }]);
  cert.setExtensions(
    ca
      ? [
          ip
            ? { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }
            : { name: 'extKeyUsage', clientAuth: true },
        ]
      : [
          { name: 'basicConstraints', cA: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true },
        ],
  );
  cert.sign(ca ? ca.key : keys.privateKey, forge.md.sha256.create());
  return {
    cert,
    key: keys.privateKey,
    certPem: forge.pki.certificateToPem(cert),
    keyPem: forge.pki.privateKeyToPem(keys.privateKey),
  };
}

const adapter = defineAdapter<RestTransport>({
  id: 'mtls-test',
  version: 1,
  protocol: 'rest',
  title: 'mTLS test',
  spec: 'none',
  services: [
    defineService<RestTransport, Record<string, never>, Record<string, unknown>>({
      name: 'hello',
      version: 1,
      title: 'hello',
      kind: 'read',
      input: Joi.object({}).id('HelloRequest_v1'),
      output: Joi.object({ hello: Joi.string() }).id('Hello_v1'),
      async execute(ctx) {
        return (await ctx.client.request<Record<string, unknown>>(ctx, { method: 'GET', path: '/hello' }))
          .data;
      },
    }),
  ],
  createClient: (config, deps) =>
    new RestTransport({ upstream: 'mtls-test', baseUrl: config.baseUrl, agent: deps.agent }),
  async ping() {},
});

describe('TLS client certificate to the upstream', () => {
  let dir: string;
  let server: Server;
  let url: string;
  const files: Record<string, string> = {};
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lienthong-mtls-'));
    const ca = issue('Test upstream CA');
    const serverCert = issue('127.0.0.1', ca, true);
    const client = issue('lienthong-hub', ca);
    const stranger = issue('stranger', issue('Another CA'));
    for (const [name, pem] of Object.entries({
      ca: ca.certPem,
      cert: client.certPem,
      key: client.keyPem,
      strangerCert: stranger.certPem,
      strangerKey: stranger.keyPem,
    })) {
      files[name] = join(dir, `${name}.pem`);
      writeFileSync(files[name], pem, { mode: 0o600 });
    }
    server = createServer(
      {
        cert: serverCert.certPem,
        key: serverCert.keyPem,
        ca: ca.certPem,
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => {
        const peer = (req.socket as import('node:tls').TLSSocket).getPeerCertificate();
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ hello: peer.subject?.CN ?? 'nobody' }));
      },
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
  }, 60_000);
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('presents the configured certificate; the upstream sees the hub', async () => {
    const inst = createAdapterInstance(
      adapter,
      { baseUrl: url, tls: { cert: { file: files.cert }, key: { file: files.key }, ca: { file: files.ca } } },
      { agent: new Agent(), logger: silentLogger },
    );
    try {
      expect(await inst.call('hello', {}, callContext())).toEqual({ hello: 'lienthong-hub' });
    } finally {
      await inst.close();
    }
  });

  it('a certificate from another CA is refused by the upstream: unavailable', async () => {
    const inst = createAdapterInstance(
      adapter,
      {
        baseUrl: url,
        tls: { cert: { file: files.strangerCert }, key: { file: files.strangerKey }, ca: { file: files.ca } },
      },
      { agent: new Agent(), logger: silentLogger },
    );
    try {
      await expect(inst.call('hello', {}, callContext())).rejects.toMatchObject({ code: 'unavailable' });
    } finally {
      await inst.close();
    }
  });
});
