/** Shared by the transports: network failures and byte-level answer faults as UpstreamErrors. */
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

/**
 * Maps a network failure: the deadline → timeout; refused/reset → unavailable. (./http-call already
 * throws UpstreamErrors for the deadline, the caller's abort and the size limit; they pass through.)
 */
export function mapNetworkError(upstream: string, err: unknown, deadlineHit: boolean): UpstreamError {
  if (err instanceof UpstreamError) return err;
  const code = (err as { code?: string } | undefined)?.code;
  if (deadlineHit || code === 'ETIMEDOUT' || code === 'ABORT_ERR') {
    return new UpstreamError({
      upstream,
      code: 'timeout',
      reason: 'no answer before the deadline',
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
