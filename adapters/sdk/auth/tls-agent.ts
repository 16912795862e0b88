/**
 * A keep-alive HTTPS agent presenting the hub's TLS client certificate to one upstream (mutual TLS), with
 * the upstream's CA when it is not a public one. PEMs come from configuration as secrets (files, the
 * environment); the server certificate is always verified.
 */
import { Agent } from 'node:https';
import { readSecret } from './secret';
import type { TlsClientConfig } from './types';

export function tlsClientAgent(upstream: string, tls: TlsClientConfig): Agent {
  return new Agent({
    keepAlive: true,
    keepAliveMsecs: 60_000,
    maxSockets: 256,
    cert: readSecret(upstream, tls.cert, 'tls.cert'),
    key: readSecret(upstream, tls.key, 'tls.key'),
    ca: tls.ca ? readSecret(upstream, tls.ca, 'tls.ca') : undefined,
    passphrase: tls.passphrase ? readSecret(upstream, tls.passphrase, 'tls.passphrase') : undefined,
    servername: tls.servername,
    rejectUnauthorized: true,
  });
}
