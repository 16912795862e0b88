/**
 * A whole local world for the demo, the end-to-end tests and the benchmarks: a trust directory with the
 * hub's CA and a key per member, every simulated agency on 127.0.0.1, and the hub configured to reach them
 * — all under one temporary directory, nothing in the repository. prepare-world.ts builds everything but
 * the hub; this serves the hub in-process on top of it.
 */
import type { KeyObject } from 'node:crypto';
import type { RunningSimulator } from '../../adapters/sdk';
import type { SimulatorOptions } from '../../adapters/sdk/simulator/server';
import type { HubConfig } from '../../config/loader';
import type { HubClient, JwsAlg } from '../protocol';
import { serveHub, type RunningHub } from '../server';
import type { Logger } from '../observability/logger';
import { prepareWorld, type PreparedWorld } from './prepare-world';

export { upstreamEnvName } from './prepare-world';

export interface WorldOptions {
  redisUrl: string;
  /** Members to issue keys to (default: every member of the configuration). */
  members?: string[];
  /** Options per simulator id (faults, seed). */
  simulators?: Record<string, SimulatorOptions>;
  /** Only these adapters' simulators (default: all registered). */
  adapters?: string[];
  /** Upstream base URLs to use instead of starting a simulator, by adapter id. */
  upstreams?: Record<string, string>;
  configDir?: string;
  logLevel?: string;
  logger?: Logger;
  /** Name of the hub's audit chain. */
  nodeId?: string;
  /** Extra environment for the configuration. */
  env?: Record<string, string>;
  /** Clock of dossiers (see HubRuntimeOptions.procedureClock). */
  procedureClock?: () => number;
  /** HTTPS, with this client-certificate policy (see PrepareWorldOptions.tls). */
  tls?: { clientAuth: 'off' | 'optional' | 'required' };
}

export interface World {
  dir: string;
  hub: RunningHub;
  config: HubConfig;
  simulators: Record<string, RunningSimulator>;
  /** A signing client of a member's subsystem. */
  client(member: string, subsystem: string): HubClient;
  /** A member's signing key (for tests that craft requests by hand). */
  key(member: string): { privateKey: KeyObject; kid: string; alg: JwsAlg };
  trustDir: string;
  hubCertificatePem: string;
  /** The operators' token (operator `admin`) of this world's hub. */
  adminToken: string;
  /** The environment a `lienthong` command of this world runs with (process.env included). */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The payment platform posts its notifications to this world's hub, whose port is known only now: the
 * configuration the world's workers are built from (and the environment of its child processes) gets
 * the URL, unless one was given.
 */
function pointPlatformAt(prepared: PreparedWorld, hubUrl: string): void {
  const platform = prepared.config.upstreams['payment-platform'];
  if (!platform || prepared.env.LIENTHONG_PAYMENT_PLATFORM_NOTIFICATION_URL) return;
  const url = `${hubUrl}/v1/notifications/payment-platform`;
  platform.options = { ...platform.options, notificationUrl: url };
  prepared.env.LIENTHONG_PAYMENT_PLATFORM_NOTIFICATION_URL = url;
}

export async function startWorld(options: WorldOptions): Promise<World> {
  const prepared = await prepareWorld(options);
  let hub: RunningHub;
  try {
    hub = await serveHub({
      config: prepared.config,
      port: 0,
      handleSignals: false,
      logger: options.logger,
      nodeId: options.nodeId,
      procedureClock: options.procedureClock,
    });
  } catch (err) {
    await prepared.close();
    throw err;
  }
  pointPlatformAt(prepared, hub.url);
  return {
    dir: prepared.dir,
    hub,
    config: prepared.config,
    simulators: prepared.simulators,
    hubCertificatePem: prepared.hubCertificatePem,
    trustDir: prepared.trustDir,
    adminToken: prepared.adminToken,
    env: prepared.env,
    key: prepared.key,
    client: (member, subsystem) => prepared.client(member, subsystem, hub.url),
    async close() {
      await hub.stop();
      await prepared.close();
    },
  };
}
