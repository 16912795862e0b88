/**
 * The parts of a local world that are not the hub itself: a temporary directory with a trust dir (the
 * hub's CA and a key per member), the subject-hash key and the admin token, the simulated agencies on
 * 127.0.0.1, and the LIENTHONG_* environment that points a hub at all of it. `startWorld` serves a hub
 * in-process on top of this; the fault drills and benchmarks hand `env` to hub and worker child processes
 * instead, which is why the secrets are written here and not left to the first hub that starts.
 */
import { randomBytes, createPrivateKey, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { adapterIds, loadAdapters } from '../../adapters/registry';
import type { RunningSimulator } from '../../adapters/sdk';
import type { SimulatorOptions } from '../../adapters/sdk/simulator/server';
import { DEFAULT_CONFIG_DIR, loadConfig, type HubConfig } from '../../config/loader';
import { calendarOf } from '../procedures/calendar';
import { createHubClient, defaultAlgForKey, type HubClient, type JwsAlg } from '../protocol';
import { createTrustStore, initTrust, issueMemberKey, issueServerCertificate } from '../trust';
import { upstreamKeyDir } from '../procedures/upstream-keys';
import { credentialsFor } from './simulator-credentials';

export interface PrepareWorldOptions {
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
  /** Extra environment for the configuration. */
  env?: Record<string, string>;
  /** Serve HTTPS with a server certificate for 127.0.0.1 from the world's CA, and this client-certificate policy. */
  tls?: { clientAuth: 'off' | 'optional' | 'required' };
}

export interface PreparedWorld {
  dir: string;
  trustDir: string;
  /** The environment a hub or worker process of this world runs with (process.env included). */
  env: Record<string, string>;
  config: HubConfig;
  configDir: string;
  simulators: Record<string, RunningSimulator>;
  hubCertificatePem: string;
  /** The operators' token of this world's hubs. */
  adminToken: string;
  /** A member's signing key (for tests that craft requests by hand). */
  key(member: string): { privateKey: KeyObject; kid: string; alg: JwsAlg };
  /** A signing client of a member's subsystem, talking to the hub at `baseUrl`. */
  client(member: string, subsystem: string, baseUrl: string): HubClient;
  /** Closes the clients and simulators and removes the directory. */
  close(): Promise<void>;
}

export const upstreamEnvName = (adapterId: string): string =>
  `LIENTHONG_UPSTREAM_${adapterId.toUpperCase().replace(/-/g, '_')}`;

/** Writes a secret file the way the hub runtime does when it finds none: random bytes, base64url, 0600. */
function writeSecret(path: string, bytes: number): string {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const value = randomBytes(bytes).toString('base64url');
  writeFileSync(path, value + '\n', { mode: 0o600 });
  return value;
}

/** Writes the payment platform simulator's notification key into the trust dir (upstream-keys.ts). */
async function trustPlatformKey(url: string, trustDir: string): Promise<void> {
  const state = (await fetch(`${url}/__admin/state`).then((r) => r.json())) as {
    keyId: string;
    publicKeyPem: string;
  };
  const dir = upstreamKeyDir(trustDir, 'payment-platform');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${state.keyId}.pem`), state.publicKeyPem);
}

export async function prepareWorld(options: PrepareWorldOptions): Promise<PreparedWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-world-'));
  const simulators: Record<string, RunningSimulator> = {};
  const clients: HubClient[] = [];
  const close = async () => {
    for (const c of clients) c.close();
    await Promise.all(Object.values(simulators).map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const trustDir = join(dir, 'trust');
    initTrust({ dir: trustDir });
    if (options.tls) issueServerCertificate({ dir: trustDir, hosts: ['127.0.0.1', 'localhost'] });
    const subjectKeyFile = join(dir, 'keys', 'subject.key');
    const adminTokenFile = join(dir, 'keys', 'admin.token');
    writeSecret(subjectKeyFile, 32);
    const adminToken = writeSecret(adminTokenFile, 24);
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      LIENTHONG_REDIS_URL: options.redisUrl,
      LIENTHONG_TRUST_DIR: trustDir,
      LIENTHONG_AUDIT_DIR: join(dir, 'audit'),
      LIENTHONG_SUBJECT_KEY_FILE: subjectKeyFile,
      LIENTHONG_ADMIN_TOKEN_FILE: adminTokenFile,
      LIENTHONG_LOG_LEVEL: options.logLevel ?? 'silent',
      // Several workers of several worlds run at once in the tests: each takes a free port.
      LIENTHONG_WORKER_PORT: '0',
      ...(options.tls ? { LIENTHONG_TLS: 'true', LIENTHONG_TLS_CLIENT_AUTH: options.tls.clientAuth } : {}),
      ...options.env,
    };
    const wanted = options.adapters ?? adapterIds();
    const configDir = options.configDir ?? DEFAULT_CONFIG_DIR;
    // The portal judges on-time (DungHan) on the same working-day calendar as the hub.
    const calendar = existsSync(join(configDir, 'calendar')) ? calendarOf(configDir) : undefined;
    const simulatorOptions = (id: string) =>
      id === 'national-portal' && calendar
        ? { workingMs: calendar.workingMs, ...options.simulators?.[id] }
        : options.simulators?.[id];
    // The configuration's credentials for each upstream, for its simulator (made up when not set).
    const declared = loadConfig(configDir, env).upstreams;
    for (const entry of loadAdapters(wanted)) {
      const id = entry.adapter.id;
      if (!wanted.includes(id)) continue;
      const given = options.upstreams?.[id];
      if (given) {
        env[upstreamEnvName(id)] = given;
        continue;
      }
      const { credentials, madeUp } = credentialsFor(declared[id], env);
      Object.assign(env, madeUp);
      const simOptions = simulatorOptions(id);
      const simulator = entry.simulator({
        ...simOptions,
        credentials: { ...credentials, ...simOptions?.credentials },
      });
      const sim = await simulator.start(0);
      simulators[id] = sim;
      env[upstreamEnvName(id)] = sim.url;
      // The civil-status registry signs its answers: the world's hubs verify them, as a deployment would.
      const signsWith = (simulator as { publicKeyPem?: unknown }).publicKeyPem;
      if (
        id === 'civil-status' &&
        typeof signsWith === 'string' &&
        env.LIENTHONG_CIVIL_STATUS_PUBLIC_KEY === undefined
      )
        env.LIENTHONG_CIVIL_STATUS_PUBLIC_KEY = signsWith;
      // The payment platform signs its notifications: its public key goes where a deployment puts it.
      if (id === 'payment-platform') await trustPlatformKey(sim.url, trustDir);
    }
    const config = loadConfig(configDir, env);
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
    const hubCertificatePem = createTrustStore({ dir: trustDir }).hubSigner.certificate.toString();
    const key = (member: string) => {
      const k = keys.get(member);
      if (!k) throw new Error(`no key issued to ${member}`);
      const privateKey = createPrivateKey(readFileSync(k.privateKeyPath, 'utf8'));
      return { privateKey, kid: k.kid, alg: defaultAlgForKey(privateKey)! };
    };
    return {
      dir,
      trustDir,
      env,
      config,
      configDir,
      simulators,
      hubCertificatePem,
      adminToken,
      key,
      client(member, subsystem, baseUrl) {
        const { privateKey, kid } = key(member);
        const c = createHubClient({
          member,
          subsystem,
          key: { privateKey, kid },
          baseUrl,
          hubCertificate: hubCertificatePem,
        });
        clients.push(c);
        return c;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
