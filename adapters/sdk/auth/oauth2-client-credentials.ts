/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4) toward an upstream: the token is asked for with a
 * form-encoded body, the client authenticated with HTTP Basic (client_secret_basic) or in the form
 * (client_secret_post); it is cached and refreshed ahead of its expiry; concurrent calls share one token
 * request (single flight); a 401 from the upstream drops the token so that the transport's one retry gets
 * a fresh one. A token endpoint that refuses the client (`invalid_client`, `unauthorized_client`, …) is a
 * configuration fault: `misconfigured`, never retried, and remembered for `failureHoldMs` so that a
 * revoked client does not send every call to the token endpoint. 5xx answers and timeouts of the token
 * endpoint are `unavailable` / `timeout` like any upstream failure.
 */
import type { Agent } from 'node:http';
import { httpCall, httpTarget } from '../http-call';
import { redactText } from '../redact';
import { decodeUtf8, mapNetworkError } from '../transport-errors';
import type { CallContext } from '../types';
import { classifyStatus, UpstreamError } from '../upstream-error';
import { misconfigured, readSecret, type SecretRef } from './secret';
import type { UpstreamAuth } from './types';

export interface OAuth2Options {
  upstream: string;
  /** Absolute URL of the token endpoint. */
  tokenUrl: string;
  clientId: string | undefined;
  clientSecret: SecretRef | undefined;
  scope?: string;
  /** @defaultValue 'basic' */
  clientAuth?: 'basic' | 'post';
  agent: Agent;
  /** Refresh this long before expiry (capped at half the token's lifetime). @defaultValue 30 */
  refreshAheadSec?: number;
  /** Time allowed for one token request. @defaultValue 10000 */
  tokenTimeoutMs?: number;
  /** How long a refused client is remembered before the token endpoint is asked again. @defaultValue 5000 */
  failureHoldMs?: number;
  /** Lifetime assumed when the token answer has no expires_in. @defaultValue 300 */
  defaultLifetimeSec?: number;
  now?: () => number;
}

interface Token {
  header: string;
  expiresAt: number;
  refreshAt: number;
}

/** Error codes of RFC 6749 §5.2 that only a change of configuration can cure. */
const CONFIG_ERRORS = new Set(['invalid_client', 'unauthorized_client', 'invalid_grant', 'invalid_scope']);

export function oauth2ClientCredentials(o: OAuth2Options): UpstreamAuth & {
  /** Token requests made so far (tests, metrics). */
  tokenRequests(): number;
} {
  const now = o.now ?? Date.now;
  const target = httpTarget(o.tokenUrl);
  const url = new URL(o.tokenUrl);
  const path = (url.pathname || '/') + url.search;
  let token: Token | undefined;
  let inflight: Promise<Token> | undefined;
  let failure: { error: UpstreamError; until: number } | undefined;
  let requests = 0;

  const fetchToken = async (): Promise<Token> => {
    requests++;
    const clientId = readSecret(o.upstream, o.clientId, 'auth.clientId');
    const secret = readSecret(o.upstream, o.clientSecret, 'auth.clientSecret');
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (o.scope) form.set('scope', o.scope);
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if ((o.clientAuth ?? 'basic') === 'basic') {
      // RFC 6749 §2.3.1: id and secret are form-urlencoded before Basic encoding.
      const pair = `${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`;
      headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    } else {
      form.set('client_id', clientId);
      form.set('client_secret', secret);
    }
    const started = now();
    let res;
    try {
      res = await httpCall(o.upstream, target, o.agent, {
        method: 'POST',
        path,
        headers,
        body: form.toString(),
        deadline: Date.now() + (o.tokenTimeoutMs ?? 10_000),
        maxBytes: 64 * 1024,
      });
    } catch (err) {
      throw mapNetworkError(o.upstream, err, false);
    }
    const text = decodeUtf8(o.upstream, res.data);
    let body: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        body = parsed as Record<string, unknown>;
    } catch {
      body = undefined;
    }
    const failed = classifyStatus(res.status);
    if (failed) {
      const code = typeof body?.error === 'string' ? body.error : undefined;
      if ((code && CONFIG_ERRORS.has(code)) || res.status === 401) {
        throw misconfigured(
          o.upstream,
          `the token endpoint refused the hub's client credentials (${code ?? `HTTP ${res.status}`}): ` +
            'check auth.clientId and auth.clientSecret',
          { upstreamCode: code },
        );
      }
      throw new UpstreamError({
        upstream: o.upstream,
        ...failed,
        status: res.status,
        upstreamCode: code,
        reason: `token endpoint answered HTTP ${res.status}`,
        raw: redactText(text, 500),
      });
    }
    const access = body?.access_token;
    const type = body?.token_type;
    if (typeof access !== 'string' || !access || (typeof type === 'string' && !/^bearer$/i.test(type))) {
      throw new UpstreamError({
        upstream: o.upstream,
        code: 'malformed',
        status: res.status,
        reason: 'token answer has no bearer access_token',
      });
    }
    const lifetimeSec =
      typeof body?.expires_in === 'number' && body.expires_in > 0
        ? body.expires_in
        : Number(body?.expires_in) > 0
          ? Number(body?.expires_in)
          : (o.defaultLifetimeSec ?? 300);
    const ahead = Math.min((o.refreshAheadSec ?? 30) * 1000, (lifetimeSec * 1000) / 2);
    const expiresAt = started + lifetimeSec * 1000;
    return { header: `Bearer ${access}`, expiresAt, refreshAt: expiresAt - ahead };
  };

  /** One token request at a time; every caller waits for the same one, each within its own deadline. */
  const refresh = (): Promise<Token> => {
    if (failure && now() < failure.until) return Promise.reject(failure.error);
    inflight ??= fetchToken()
      .then((t) => {
        token = t;
        failure = undefined;
        return t;
      })
      .catch((err: unknown) => {
        if (err instanceof UpstreamError && err.code === 'misconfigured') {
          token = undefined;
          failure = { error: err, until: now() + (o.failureHoldMs ?? 5000) };
        }
        throw err;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };

  const withinDeadline = <T>(p: Promise<T>, ctx: CallContext): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timeout = () =>
        reject(
          new UpstreamError({
            upstream: o.upstream,
            code: 'timeout',
            reason: 'no token before the deadline',
          }),
        );
      if (ctx.signal.aborted) return timeout();
      const timer = setTimeout(timeout, Math.max(0, ctx.deadline - Date.now()));
      const onAbort = () => timeout();
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      p.then(resolve, reject).finally(() => {
        clearTimeout(timer);
        ctx.signal.removeEventListener('abort', onAbort);
      });
    });

  return {
    kind: 'oauth2-client-credentials',
    async headers(ctx) {
      const t = token;
      const at = now();
      if (t && at < t.refreshAt) return { authorization: t.header };
      if (t && at < t.expiresAt) {
        // Ahead of expiry: refresh, but a token endpoint that fails now must not fail a call the
        // current token can still make.
        try {
          return { authorization: (await withinDeadline(refresh(), ctx)).header };
        } catch (err) {
          if (err instanceof UpstreamError && err.code === 'misconfigured') throw err;
          return { authorization: t.header };
        }
      }
      return { authorization: (await withinDeadline(refresh(), ctx)).header };
    },
    refused(sent) {
      if (token && token.header === sent.authorization) token = undefined;
      return !(failure && now() < failure.until);
    },
    tokenRequests: () => requests,
  };
}
