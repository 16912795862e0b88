/** Shared by the transports: network failures and byte-level answer faults as UpstreamErrors. */
import { AxiosError } from 'axios';
import { redactText } from './redact';
import { UpstreamError } from './upstream-error';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes an answer as strict UTF-8; invalid bytes are a malformed answer. */
export function decodeUtf8(upstream: string, data: Buffer | undefined): string {
  if (!data || data.length === 0) return '';
  try {
    return utf8.decode(data);
  } catch {
    throw new UpstreamError({
      upstream,
      code: 'malformed',
      reason: 'answer is not valid UTF-8',
      raw: redactText(data.toString('latin1'), 1024),
    });
  }
}

/** Maps an axios/network failure: our deadline → timeout; refused/reset → unavailable; too large → malformed. */
export function mapNetworkError(upstream: string, err: unknown, deadlineHit: boolean): UpstreamError {
  if (err instanceof UpstreamError) return err;
  const ax = err instanceof AxiosError ? err : undefined;
  const code = ax?.code ?? (err as { code?: string } | undefined)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (deadlineHit || code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED') {
    return new UpstreamError({
      upstream,
      code: 'timeout',
      reason: 'no answer before the deadline',
      cause: err,
    });
  }
  if (code === 'ERR_BAD_RESPONSE' && /maxContentLength/i.test(message)) {
    return new UpstreamError({
      upstream,
      code: 'malformed',
      reason: 'answer larger than the size limit',
      cause: err,
    });
  }
  return new UpstreamError({
    upstream,
    code: 'unavailable',
    reason: code ? `connection failed (${code})` : 'connection failed',
    cause: err,
  });
}
