/**
 * Secrets of upstream credentials, named in configuration and read when they are needed: from an
 * environment variable (`{ "env": "NAME" }`), from a file (`{ "file": "path" }`, e.g. a mounted secret,
 * read again when credentials are refused so a rotated file takes effect), or written inline (a string —
 * for tests and sandboxes; config/ should name the environment or a file). A secret's value is never part
 * of an error, a log line or a JSON dump: errors name where the secret should be, not what it is.
 */
import { readFileSync } from 'node:fs';
import { UpstreamError } from '../upstream-error';

export type SecretRef = string | { env: string } | { file: string };

/** Where a secret comes from, for messages (never its value). */
export function describeSecret(ref: SecretRef | undefined): string {
  if (ref === undefined) return 'nothing (not configured)';
  if (typeof ref === 'string') return 'an inline value';
  if ('env' in ref) return `environment variable ${ref.env}`;
  return `file ${ref.file}`;
}

/** A configuration fault of an upstream's credentials: final, and the operator's to fix. */
export function misconfigured(upstream: string, reason: string, extra: { upstreamCode?: string } = {}) {
  return new UpstreamError({ upstream, code: 'misconfigured', retryable: false, reason, ...extra });
}

/**
 * Reads a secret. `what` names the setting in errors (`auth.clientSecret`).
 * @throws UpstreamError `misconfigured` when the secret is not set, empty or unreadable.
 */
export function readSecret(
  upstream: string,
  ref: SecretRef | undefined,
  what: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  let value: string | undefined;
  if (typeof ref === 'string') value = ref;
  else if (ref && 'env' in ref) value = env[ref.env];
  else if (ref && 'file' in ref) {
    try {
      value = readFileSync(ref.file, 'utf8').replace(/\r?\n$/, '');
    } catch {
      throw misconfigured(upstream, `${what}: ${describeSecret(ref)} cannot be read`);
    }
  }
  if (!value) throw misconfigured(upstream, `${what} is not set: expected it in ${describeSecret(ref)}`);
  return value;
}
