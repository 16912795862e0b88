/**
 * Listens and shuts down gracefully: on SIGTERM or SIGINT the server stops accepting, finishes the
 * requests in flight (up to a grace period), flushes the audit log and closes Redis, then resolves.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions as TlsServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import type { HubConfig } from '../config/loader';
import { createClientErrorHandler } from './http/client-error';
import { createHubRuntime, type HubRuntime, type HubRuntimeOptions } from './runtime';
import { trustPaths } from './trust';

/**
 * The HTTPS options of the hub's configuration: its server certificate and key (the trust dir's tls/ by
 * default), the hub CA to check client certificates against, and whether to ask for one.
 */
export function tlsServerOptions(config: HubConfig, root = process.cwd()): TlsServerOptions {
  const at = (p: string) => (isAbsolute(p) ? p : resolve(root, p));
  const { tls, trustDir } = config.hub;
  const paths = trustPaths(at(trustDir));
  const certFile = at(tls.certFile || paths.tlsCert);
  const keyFile = at(tls.keyFile || paths.tlsKey);
  for (const [what, file] of [
    ['certificate', certFile],
    ['key', keyFile],
  ]) {
    if (!existsSync(file)) {
      throw new Error(
        `TLS is on (LIENTHONG_TLS) but the server ${what} ${file} is missing: issue one with ` +
          '`lienthong keys tls --host <name or IP>`, or set LIENTHONG_TLS_CERT_FILE and LIENTHONG_TLS_KEY_FILE',
      );
    }
  }
  return {
    cert: readFileSync(certFile),
    key: readFileSync(keyFile),
    ca: readFileSync(paths.caCert),
    requestCert: tls.clientAuth !== 'off',
    rejectUnauthorized: tls.clientAuth === 'required',
    minVersion: 'TLSv1.2',
  };
}

export interface RunningHub {
  runtime: HubRuntime;
  server: Server;
  url: string;
  /** Stops accepting, drains, releases everything. Idempotent. */
  stop(): Promise<void>;
}

export interface ServeOptions extends HubRuntimeOptions {
  /** Overrides the configured port (0: a free port). */
  port?: number;
  /** How long in-flight requests may take to finish. @defaultValue 10000 */
  graceMs?: number;
  /** Install SIGTERM/SIGINT handlers. @defaultValue true */
  handleSignals?: boolean;
}

export async function serveHub(options: ServeOptions = {}): Promise<RunningHub> {
  const runtime = await createHubRuntime(options);
  const { host } = runtime.deps.config.hub;
  const port = options.port ?? runtime.deps.config.hub.port;
  const tls = runtime.deps.config.hub.tls.enabled
    ? tlsServerOptions(runtime.deps.config, options.root)
    : undefined;
  const server: Server = tls
    ? createHttpsServer({ ...tls, keepAliveTimeout: 65_000, requestTimeout: 120_000 }, runtime.app)
    : createServer({ keepAliveTimeout: 65_000, requestTimeout: 120_000 }, runtime.app);
  // Requests Node's parser refuses (400, 431, 408) answer a signed problem document (http/client-error.ts).
  server.on('clientError', createClientErrorHandler(runtime.deps));
  let inFlight = 0;
  server.on('request', (_req, res) => {
    inFlight++;
    res.once('close', () => inFlight--);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const url = `${tls ? 'https' : 'http'}://${host}:${addr.port}`;
  runtime.deps.logger.info({ url }, 'hub listening');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      runtime.deps.logger.info({ inFlight }, 'hub stopping: draining requests in flight');
      server.close();
      server.closeIdleConnections();
      const deadline = Date.now() + (options.graceMs ?? 10_000);
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      server.closeAllConnections();
      await runtime.close();
      runtime.deps.logger.info('hub stopped');
    })());

  if (options.handleSignals !== false) {
    const onSignal = () => {
      void stop().then(() => process.exit(0));
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  return { runtime, server, url, stop };
}
