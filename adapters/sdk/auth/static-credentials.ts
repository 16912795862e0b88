/**
 * Credentials that do not expire on their own: a bearer token, an API key in a header, HTTP Basic
 * (RFC 7617). The secret is read when first needed and again after a 401, so a rotated secret file is
 * picked up; a 401 with the same secret as before is final (the transport reports `misconfigured`).
 */
import type { UpstreamAuth } from './types';
import { readSecret, type SecretRef } from './secret';

interface StaticOptions {
  upstream: string;
  header: string;
  /** Builds the header value from the secret(s). */
  value(read: (ref: SecretRef | undefined, what: string) => string): string;
  kind: 'bearer' | 'api-key' | 'basic';
}

function staticAuth(o: StaticOptions): UpstreamAuth {
  const header = o.header.toLowerCase();
  let current: string | undefined;
  const read = (ref: SecretRef | undefined, what: string) => readSecret(o.upstream, ref, what);
  return {
    kind: o.kind,
    async headers() {
      current ??= o.value(read);
      return { [header]: current };
    },
    refused(sent) {
      const before = sent[header];
      current = undefined;
      try {
        current = o.value(read);
      } catch {
        return false;
      }
      return current !== before;
    },
  };
}

export function bearerAuth(upstream: string, token: SecretRef | undefined): UpstreamAuth {
  return staticAuth({
    upstream,
    kind: 'bearer',
    header: 'authorization',
    value: (read) => `Bearer ${read(token, 'auth.token')}`,
  });
}

export function apiKeyAuth(
  upstream: string,
  header: string,
  key: SecretRef | undefined,
  prefix = '',
): UpstreamAuth {
  return staticAuth({
    upstream,
    kind: 'api-key',
    header,
    value: (read) => `${prefix}${read(key, 'auth.apiKey')}`,
  });
}

/** RFC 7617: `user-id ":" password`, UTF-8, base64. A user id with a colon cannot be sent. */
export function basicAuth(
  upstream: string,
  username: string | undefined,
  password: SecretRef | undefined,
): UpstreamAuth {
  return staticAuth({
    upstream,
    kind: 'basic',
    header: 'authorization',
    value: (read) => {
      const user = read(username, 'auth.username');
      if (user.includes(':')) throw new RangeError('auth.username must not contain a colon (RFC 7617)');
      return `Basic ${Buffer.from(`${user}:${read(password, 'auth.password')}`, 'utf8').toString('base64')}`;
    },
  });
}
