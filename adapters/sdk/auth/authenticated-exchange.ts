/**
 * One exchange with the upstream's authentication, shared by the REST and SOAP transports: the provider's
 * headers on the request and, on a 401, one more try with fresh credentials (a refreshed token, a rotated
 * secret file); a second 401, or a first one the provider cannot cure, is `misconfigured`. (WS-Security
 * travels in the envelope: SoapTransport puts the provider's `soapHeader()` in soap:Header.)
 */
import type { HttpAnswer } from '../http-call';
import type { CallContext } from '../types';
import { misconfigured } from './secret';
import type { UpstreamAuth } from './types';

export async function authenticatedExchange(
  upstream: string,
  auth: UpstreamAuth,
  ctx: CallContext,
  send: (headers: Record<string, string>) => Promise<HttpAnswer>,
): Promise<HttpAnswer> {
  let sent = await auth.headers(ctx);
  let res = await send(sent);
  if (res.status === 401 && auth.refused(sent)) {
    sent = await auth.headers(ctx);
    res = await send(sent);
    if (res.status === 401) auth.refused(sent);
  }
  if (res.status === 401) {
    throw misconfigured(
      upstream,
      `the upstream refused the hub's credentials (HTTP 401, ${auth.kind}): check upstreams.${upstream}.auth`,
    );
  }
  return res;
}
