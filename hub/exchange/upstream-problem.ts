/** How an UpstreamError becomes a problem answer: its code, HTTP status and the agency's reason. */
import type { UpstreamError } from '../../adapters/sdk';
import { HubError } from '../http/problem';

export function upstreamProblem(err: UpstreamError): HubError {
  const upstream = err.upstream;
  switch (err.code) {
    case 'timeout':
      return new HubError('UPSTREAM_TIMEOUT', { upstream });
    case 'unavailable':
      return new HubError('UPSTREAM_UNAVAILABLE', { upstream }, { detail: err.reason });
    case 'malformed':
      return new HubError('UPSTREAM_MALFORMED', { upstream }, { detail: err.reason });
    case 'misconfigured':
      // The reason names what to fix (which setting), never a secret; the caller can do nothing about it.
      return new HubError('UPSTREAM_MISCONFIGURED', { upstream });
    case 'unbuildable':
      // Our request could not be written (what the member sent cannot be expressed upstream): final.
      return new HubError('UPSTREAM_REQUEST_UNBUILDABLE', { upstream, reason: err.reason });
    case 'rejected':
      return err.notFound
        ? new HubError('UPSTREAM_NOT_FOUND', { upstream }, { detail: err.upstreamCode })
        : new HubError(
            'UPSTREAM_REJECTED',
            { upstream, reason: err.upstreamCode ?? `HTTP ${err.status ?? ''}`.trim() },
            { detail: err.reason },
          );
  }
}
