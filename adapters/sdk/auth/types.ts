/**
 * Upstream authentication: what an adapter declares its upstream requires (`AdapterDefinition.auth`), the
 * credentials an operator configures for it (`AdapterConfig.auth`, `AdapterConfig.tls`), and the provider
 * the transports ask for headers before each call and tell when the upstream answered 401.
 */
import type { CallContext } from '../types';
import type { SecretRef } from './secret';

/** What the upstream requires, as the adapter declares it (no secrets here). */
export type AuthDeclaration =
  | { kind: 'none' }
  /** `Authorization: Bearer <token>`, a long-lived token issued to the hub. */
  | { kind: 'bearer' }
  /** A key in a header of the upstream's choosing, e.g. `X-Api-Key`, optionally with a prefix. */
  | { kind: 'api-key'; header: string; prefix?: string }
  /** HTTP Basic (RFC 7617). */
  | { kind: 'basic' }
  /** OAuth 2.0 client credentials (RFC 6749 §4.4): a token from `tokenPath` (relative to the base URL). */
  | {
      kind: 'oauth2-client-credentials';
      tokenPath: string;
      scope?: string;
      /** How the client authenticates at the token endpoint. @defaultValue 'basic' (client_secret_basic) */
      clientAuth?: 'basic' | 'post';
    }
  /** WS-Security UsernameToken in the SOAP header (OASIS WSS 1.1 UsernameToken Profile). */
  | { kind: 'ws-security'; passwordType?: 'text' | 'digest' };

export type AuthKind = AuthDeclaration['kind'];

/** The credentials, from config/ (`upstreams.<id>.auth`). Only the fields of the declared kind are used. */
export interface AuthCredentials {
  /** bearer */
  token?: SecretRef;
  /** api-key */
  apiKey?: SecretRef;
  /** basic, ws-security */
  username?: string;
  /** basic, ws-security */
  password?: SecretRef;
  /** oauth2-client-credentials */
  clientId?: string;
  /** oauth2-client-credentials */
  clientSecret?: SecretRef;
  /** oauth2: an absolute token URL, when the token endpoint is not under the base URL. */
  tokenUrl?: string;
  /** oauth2: overrides the declared scope. */
  scope?: string;
  /**
   * oauth2: a token is refreshed this long before it expires (at most half its lifetime).
   * @defaultValue 30
   */
  refreshAheadSec?: number;
}

/** A TLS client certificate presented to the upstream (PEM). */
export interface TlsClientConfig {
  cert: SecretRef;
  key: SecretRef;
  /** The CA that signed the upstream's server certificate, when not a public one. */
  ca?: SecretRef;
  passphrase?: SecretRef;
  /** Server name to verify, when the base URL holds an address. */
  servername?: string;
}

/** What the transports use: headers for each call, and what to do when the upstream says 401. */
export interface UpstreamAuth {
  readonly kind: AuthKind;
  /** Headers to send with a call (may fetch or refresh a token first). */
  headers(ctx: CallContext): Promise<Record<string, string>>;
  /**
   * The upstream answered 401 to a call made with `sent` (what `headers` gave). Drops what was refused;
   * true when a second try with fresh credentials is worth it (a transport tries again once).
   */
  refused(sent: Record<string, string>): boolean;
  /** SOAP only: header blocks to put in the envelope's soap:Header (xml2js object form). */
  soapHeader?(): Record<string, unknown>;
}
