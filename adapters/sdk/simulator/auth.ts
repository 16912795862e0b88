/**
 * The upstream side of authentication, for simulators: a simulated agency checks the hub's credentials
 * the way the real one does — an OAuth 2.0 token endpoint (client credentials, form body, client
 * authenticated by HTTP Basic or in the form) and bearer tokens with a lifetime, a static bearer token,
 * an API key header, HTTP Basic, or a WS-Security UsernameToken. Credentials are the simulator's options
 * (random per simulator when not given, so none is written in the repository). Knobs, in code or at
 * `POST /__admin/auth`: expire every issued token, revoke the client (the token endpoint then answers
 * `invalid_client`, and issued tokens stop working), restore it, change the token lifetime.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import Joi from 'joi';
import { checkUsernameToken } from '../auth/ws-security';

export type SimulatorAuthSpec =
  | { kind: 'oauth2-client-credentials'; tokenPath: string; tokenLifetimeSec?: number }
  | { kind: 'bearer' }
  | { kind: 'api-key'; header: string; prefix?: string }
  | { kind: 'basic' }
  | { kind: 'ws-security' };

/** The credentials a simulator accepts. */
export interface SimulatorCredentials {
  clientId?: string;
  clientSecret?: string;
  token?: string;
  apiKey?: string;
  username?: string;
  password?: string;
}

export interface AuthKnobs {
  /** Every token issued so far stops working (the upstream restarted, or its keys rotated). */
  expireTokens?: boolean;
  /** The client is revoked: tokens and static credentials are refused, the token endpoint says invalid_client. */
  revoked?: boolean;
  /** Lifetime of tokens issued from now on. */
  tokenLifetimeSec?: number;
}

export const authKnobsSchema = Joi.object<AuthKnobs>({
  expireTokens: Joi.boolean(),
  revoked: Joi.boolean(),
  tokenLifetimeSec: Joi.number().integer().min(1).max(86_400),
});

export interface AuthStats {
  kind: SimulatorAuthSpec['kind'];
  tokensIssued: number;
  /** Calls refused for their credentials (401). */
  refused: number;
  /** Calls that presented a token past its lifetime (the client did not refresh it in time). */
  expiredTokensSent: number;
  revoked: boolean;
  tokenLifetimeSec?: number;
}

const random = () => randomBytes(18).toString('base64url');

/** Fills in random credentials for what the kind needs. */
export function simulatorCredentials(
  spec: SimulatorAuthSpec,
  given: SimulatorCredentials = {},
): SimulatorCredentials {
  switch (spec.kind) {
    case 'oauth2-client-credentials':
      return { clientId: given.clientId ?? 'lienthong-hub', clientSecret: given.clientSecret ?? random() };
    case 'bearer':
      return { token: given.token ?? random() };
    case 'api-key':
      return { apiKey: given.apiKey ?? random() };
    case 'basic':
    case 'ws-security':
      return { username: given.username ?? 'lienthong-hub', password: given.password ?? random() };
  }
}

const same = (a: string | undefined, b: string | undefined) =>
  a !== undefined &&
  b !== undefined &&
  a.length === b.length &&
  timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

export type AuthVerdict = { ok: true } | { ok: false; status: number; body: Record<string, string> };
const refuse = (error: string, description: string): AuthVerdict => ({
  ok: false,
  status: 401,
  body: { error, error_description: description },
});

export class SimulatorAuth {
  private tokens = new Map<string, number>();
  private readonly nonces = new Set<string>();
  private lifetimeSec: number;
  private revoked = false;
  private issued = 0;
  private refusedCount = 0;
  private expiredSent = 0;

  constructor(
    readonly spec: SimulatorAuthSpec,
    readonly credentials: SimulatorCredentials,
    private readonly now: () => number = Date.now,
  ) {
    this.lifetimeSec = spec.kind === 'oauth2-client-credentials' ? (spec.tokenLifetimeSec ?? 3600) : 0;
  }

  get tokenPath(): string | undefined {
    return this.spec.kind === 'oauth2-client-credentials' ? this.spec.tokenPath : undefined;
  }

  set(k: AuthKnobs): void {
    if (k.expireTokens) this.tokens.clear();
    if (k.revoked !== undefined) this.revoked = k.revoked;
    if (k.tokenLifetimeSec !== undefined) this.lifetimeSec = k.tokenLifetimeSec;
  }

  reset(): void {
    this.tokens.clear();
    this.nonces.clear();
    this.revoked = false;
    this.issued = 0;
    this.refusedCount = 0;
    this.expiredSent = 0;
    this.lifetimeSec =
      this.spec.kind === 'oauth2-client-credentials' ? (this.spec.tokenLifetimeSec ?? 3600) : 0;
  }

  stats(): AuthStats {
    return {
      kind: this.spec.kind,
      tokensIssued: this.issued,
      refused: this.refusedCount,
      expiredTokensSent: this.expiredSent,
      revoked: this.revoked,
      tokenLifetimeSec: this.lifetimeSec || undefined,
    };
  }

  /** The token endpoint: a form body already parsed into `form`. */
  token(authorization: string | undefined, form: Record<string, unknown>): { status: number; body: object } {
    if (form.grant_type !== 'client_credentials')
      return { status: 400, body: { error: 'unsupported_grant_type' } };
    let id = typeof form.client_id === 'string' ? form.client_id : undefined;
    let secret = typeof form.client_secret === 'string' ? form.client_secret : undefined;
    const basic = /^Basic\s+(.+)$/i.exec(authorization ?? '');
    if (basic) {
      const pair = Buffer.from(basic[1], 'base64').toString('utf8');
      const i = pair.indexOf(':');
      if (i > 0) {
        id = decodeURIComponent(pair.slice(0, i));
        secret = decodeURIComponent(pair.slice(i + 1));
      }
    }
    if (
      this.revoked ||
      !same(id, this.credentials.clientId) ||
      !same(secret, this.credentials.clientSecret)
    ) {
      this.refusedCount++;
      return {
        status: 401,
        body: { error: 'invalid_client', error_description: 'Client authentication failed' },
      };
    }
    const token = random();
    this.tokens.set(token, this.now() + this.lifetimeSec * 1000);
    this.issued++;
    return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: this.lifetimeSec } };
  }

  /** Checks a call's HTTP credentials (every kind but ws-security). */
  check(req: Request): AuthVerdict {
    const verdict = this.verdict(req);
    if (!verdict.ok) this.refusedCount++;
    return verdict;
  }

  /** Checks a SOAP call's wsse:Security header (parsed, prefixes stripped). */
  checkSoapHeader(header: unknown): AuthVerdict {
    if (this.revoked) return this.count(refuse('FailedAuthentication', 'revoked'));
    const r = checkUsernameToken(header, {
      password: (u) => (u === this.credentials.username ? this.credentials.password : undefined),
      seenNonces: this.nonces,
      now: this.now,
    });
    return r.ok ? { ok: true } : this.count(refuse('FailedAuthentication', r.reason));
  }

  private count(v: AuthVerdict): AuthVerdict {
    if (!v.ok) this.refusedCount++;
    return v;
  }

  private verdict(req: Request): AuthVerdict {
    const s = this.spec;
    if (s.kind === 'ws-security') return { ok: true };
    if (this.revoked) return refuse('invalid_client', 'credentials revoked');
    const authz = req.header('authorization') ?? '';
    switch (s.kind) {
      case 'oauth2-client-credentials': {
        const token = /^Bearer\s+(\S+)$/i.exec(authz)?.[1];
        const until = token ? this.tokens.get(token) : undefined;
        if (!token || until === undefined) return refuse('invalid_token', 'unknown or expired token');
        if (this.now() >= until) {
          this.expiredSent++;
          this.tokens.delete(token);
          return refuse('invalid_token', 'token expired');
        }
        return { ok: true };
      }
      case 'bearer':
        return same(/^Bearer\s+(\S+)$/i.exec(authz)?.[1], this.credentials.token)
          ? { ok: true }
          : refuse('invalid_token', 'wrong token');
      case 'api-key': {
        const v = req.header(s.header) ?? '';
        const prefix = s.prefix ?? '';
        return v.startsWith(prefix) && same(v.slice(prefix.length), this.credentials.apiKey)
          ? { ok: true }
          : refuse('invalid_api_key', 'wrong or missing API key');
      }
      case 'basic': {
        const b = /^Basic\s+(.+)$/i.exec(authz)?.[1];
        const pair = b ? Buffer.from(b, 'base64').toString('utf8') : '';
        const i = pair.indexOf(':');
        return i > 0 &&
          same(pair.slice(0, i), this.credentials.username) &&
          same(pair.slice(i + 1), this.credentials.password)
          ? { ok: true }
          : refuse('invalid_credentials', 'wrong user or password');
      }
    }
  }
}
