/**
 * Credentials for simulated agencies that authenticate the hub: the sandbox and local worlds start each
 * simulator with the credentials the configuration gives its upstream (`upstreams.<id>.auth`), so the hub
 * and the simulator agree. A secret the configuration takes from an environment variable that is not set
 * is made up (random) and set, for this world only: no credential is ever written in the repository.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SimulatorCredentials } from '../../adapters/sdk/simulator/auth';
import type { SecretRefConfig, UpstreamConfig } from '../../config/loader';

export interface WorldCredentials {
  credentials: SimulatorCredentials;
  /** Environment variables that were made up (set them for a hub that should reach the simulator). */
  madeUp: Record<string, string>;
}

export function credentialsFor(
  upstream: UpstreamConfig | undefined,
  env: Record<string, string | undefined>,
): WorldCredentials {
  const madeUp: Record<string, string> = {};
  const read = (ref: SecretRefConfig | undefined): string | undefined => {
    if (ref === undefined) return undefined;
    if (typeof ref === 'string') return ref;
    if ('file' in ref) return readFileSync(ref.file, 'utf8').replace(/\r?\n$/, '');
    const value = env[ref.env] || madeUp[ref.env] || randomBytes(18).toString('base64url');
    if (!env[ref.env]) madeUp[ref.env] = value;
    return value;
  };
  const a = upstream?.auth ?? {};
  const credentials: SimulatorCredentials = {};
  const put = (k: keyof SimulatorCredentials, v: string | undefined) => {
    if (v !== undefined) credentials[k] = v;
  };
  put('clientId', a.clientId);
  put('clientSecret', read(a.clientSecret));
  put('token', read(a.token));
  put('apiKey', read(a.apiKey));
  put('username', a.username);
  put('password', read(a.password));
  return { credentials, madeUp };
}
