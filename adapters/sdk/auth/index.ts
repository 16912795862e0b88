/**
 * Upstream authentication for adapters: the adapter declares what its upstream requires
 * (`AdapterDefinition.auth`), config/ gives the credentials (`upstreams.<id>.auth`, `upstreams.<id>.tls`),
 * and `createAdapterInstance` builds the provider with `createUpstreamAuth` and hands it to the adapter's
 * client (`deps.auth`), which gives it to its transport.
 */
import type { Agent } from 'node:http';
import { oauth2ClientCredentials } from './oauth2-client-credentials';
import { misconfigured } from './secret';
import { apiKeyAuth, basicAuth, bearerAuth } from './static-credentials';
import type { AuthCredentials, AuthDeclaration, UpstreamAuth } from './types';
import { wsSecurityAuth } from './ws-security';

export * from './types';
export { describeSecret, readSecret, misconfigured, type SecretRef } from './secret';
export { oauth2ClientCredentials, type OAuth2Options } from './oauth2-client-credentials';
export { apiKeyAuth, basicAuth, bearerAuth } from './static-credentials';
export {
  wsSecurityAuth,
  checkUsernameToken,
  passwordDigest,
  WSSE_NS,
  WSU_NS,
  PASSWORD_DIGEST,
  PASSWORD_TEXT,
  type UsernameTokenCheck,
} from './ws-security';
export { tlsClientAgent } from './tls-agent';

/**
 * The provider for an upstream, or undefined when it needs none. Throws `misconfigured` when the
 * declaration is unknown; missing secrets are reported at the first call (the hub still starts and
 * serves its other upstreams).
 */
export function createUpstreamAuth(
  upstream: string,
  declared: AuthDeclaration | undefined,
  creds: AuthCredentials = {},
  env: { baseUrl: string; agent: Agent },
): UpstreamAuth | undefined {
  if (!declared || declared.kind === 'none') return undefined;
  switch (declared.kind) {
    case 'bearer':
      return bearerAuth(upstream, creds.token);
    case 'api-key':
      return apiKeyAuth(upstream, declared.header, creds.apiKey, declared.prefix);
    case 'basic':
      return basicAuth(upstream, creds.username, creds.password);
    case 'ws-security':
      return wsSecurityAuth(upstream, creds.username, creds.password, declared.passwordType);
    case 'oauth2-client-credentials': {
      const base = env.baseUrl.replace(/\/+$/, '');
      const path = declared.tokenPath.startsWith('/') ? declared.tokenPath : `/${declared.tokenPath}`;
      return oauth2ClientCredentials({
        upstream,
        tokenUrl: creds.tokenUrl ?? `${base}${path}`,
        clientId: creds.clientId,
        clientSecret: creds.clientSecret,
        scope: creds.scope ?? declared.scope,
        clientAuth: declared.clientAuth,
        refreshAheadSec: creds.refreshAheadSec,
        agent: env.agent,
      });
    }
    default:
      throw misconfigured(upstream, `unknown auth kind ${(declared as { kind: string }).kind}`);
  }
}
