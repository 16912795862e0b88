/**
 * A whole local world for the demo, the end-to-end tests and the benchmarks: a trust directory with the
 * hub's CA and a key per member, every simulated agency on 127.0.0.1, and the hub configured to reach them
 * — all under one temporary directory, nothing in the repository.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADAPTERS } from '../../adapters/registry';
import type { RunningSimulator } from '../../adapters/sdk';
import type { SimulatorOptions } from '../../adapters/sdk/simulator/server';
import { DEFAULT_CONFIG_DIR, loadConfig, type HubConfig } from '../../config/loader';
import { createHubClient, defaultAlgForKey, type HubClient, type JwsAlg } from '../protocol';
import { serveHub, type RunningHub } from '../server';
import { initTrust, issueMemberKey } from '../trust';
import type { Logger } from '../observability/logger';

export interface WorldOptions {
  redisUrl: string;
  /** Members to issue keys to (default: every member of the configuration). */
  members?: string[];
  /** Options per simulator id (faults, seed). */
  simulators?: Record<string, SimulatorOptions>;
  /** Only these adapters' simulators (default: all registered). */
  adapters?: string[];
  configDir?: string;
  logLevel?: string;
  logger?: Logger;
  /** Name of the hub's audit chain. */
  nodeId?: string;
  /** Extra environment for the configuration. */
  env?: Record<string, string>;
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
  close(): Promise<void>;
}

export const upstreamEnvName = (adapterId: string): string =>
  `LIENTHONG_UPSTREAM_${adapterId.toUpperCase().replace(/-/g, '_')}`;

export async function startWorld(options: WorldOptions): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-world-'));
  const trustDir = join(dir, 'trust');
  initTrust({ dir: trustDir });

  const simulators: Record<string, RunningSimulator> = {};
  const env: Record<string, string> = {
    ...process.env,
    LIENTHONG_REDIS_URL: options.redisUrl,
    LIENTHONG_TRUST_DIR: trustDir,
    LIENTHONG_AUDIT_DIR: join(dir, 'audit'),
    LIENTHONG_SUBJECT_KEY_FILE: join(dir, 'keys', 'subject.key'),
    LIENTHONG_ADMIN_TOKEN_FILE: join(dir, 'keys', 'admin.token'),
    LIENTHONG_LOG_LEVEL: options.logLevel ?? 'silent',
    ...options.env,
  };
  const wanted = options.adapters ?? ADAPTERS.map((a) => a.adapter.id);
  for (const entry of ADAPTERS) {
    if (!wanted.includes(entry.adapter.id)) continue;
    const sim = await entry.simulator(options.simulators?.[entry.adapter.id]).start(0);
    simulators[entry.adapter.id] = sim;
    env[upstreamEnvName(entry.adapter.id)] = sim.url;
  }
  const config = loadConfig(options.configDir ?? DEFAULT_CONFIG_DIR, env);
  const keys = new Map<string, { privateKeyPath: string; kid: string }>();
  for (const m of config.members) {
    if (options.members && !options.members.includes(m.id)) continue;
    const issued = issueMemberKey({
      dir: trustDir,
      memberId: m.id,
      out: join(dir, 'members', m.id.replace(/:/g, '_')),
    });
    keys.set(m.id, { privateKeyPath: issued.privateKeyPath!, kid: issued.kid });
  }
  const hub = await serveHub({
    config,
    port: 0,
    handleSignals: false,
    logger: options.logger,
    nodeId: options.nodeId,
  });
  const hubCertificatePem = hub.runtime.deps.trust.hubSigner.certificate.toString();
  const clients: HubClient[] = [];
  return {
    dir,
    hub,
    config,
    simulators,
    hubCertificatePem,
    trustDir,
    key(member) {
      const k = keys.get(member);
      if (!k) throw new Error(`no key issued to ${member}`);
      const privateKey = createPrivateKey(readFileSync(k.privateKeyPath, 'utf8'));
      return { privateKey, kid: k.kid, alg: defaultAlgForKey(privateKey)! };
    },
    client(member, subsystem) {
      const k = keys.get(member);
      if (!k) throw new Error(`no key issued to ${member}`);
      const c = createHubClient({
        member,
        subsystem,
        key: { privateKey: createPrivateKey(readFileSync(k.privateKeyPath, 'utf8')), kid: k.kid },
        baseUrl: hub.url,
        hubCertificate: hubCertificatePem,
      });
      clients.push(c);
      return c;
    },
    async close() {
      await hub.stop();
      for (const c of clients) await c.close?.();
      await Promise.all(Object.values(simulators).map((s) => s.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
