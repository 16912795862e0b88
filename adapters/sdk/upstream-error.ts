/**
 * UpstreamError: the one error type every transport and adapter throws for an upstream failure.
 * `code` says what went wrong, `retryable` whether trying again may help: 4xx answers are not
 * retryable; 5xx, timeouts and connection failures are. The raw answer, redacted, is kept for diagnosis.
 * `misconfigured` is the hub's own configuration for the upstream at fault (credentials refused or missing,
 * e.g. OAuth `invalid_client`): never retried, never counted by the breaker, fixed by an operator.
 */
export type UpstreamErrorCode = 'timeout' | 'unavailable' | 'rejected' | 'malformed' | 'misconfigured';

export interface UpstreamErrorInit {
  upstream: string;
  code: UpstreamErrorCode;
  retryable?: boolean;
  /** HTTP status of the answer, when there was one. */
  status?: number;
  /** The agency's own error code, when it sent one. */
  upstreamCode?: string;
  /** Whether the upstream said it holds no such record (a 404 or its dialect's equivalent). */
  notFound?: boolean;
  /** Human-readable reason, free of personal data. */
  reason: string;
  /** The raw answer (or its start), with personal data redacted. */
  raw?: string;
  cause?: unknown;
}

const DEFAULT_RETRYABLE: Record<UpstreamErrorCode, boolean> = {
  timeout: true,
  unavailable: true,
  rejected: false,
  malformed: false,
  misconfigured: false,
};

export class UpstreamError extends Error {
  readonly upstream: string;
  readonly code: UpstreamErrorCode;
  readonly retryable: boolean;
  readonly status?: number;
  readonly upstreamCode?: string;
  readonly notFound: boolean;
  readonly reason: string;
  readonly raw?: string;

  constructor(init: UpstreamErrorInit) {
    super(`${init.upstream}: ${init.code}: ${init.reason}`, init.cause ? { cause: init.cause } : undefined);
    this.name = 'UpstreamError';
    this.upstream = init.upstream;
    this.code = init.code;
    this.retryable = init.retryable ?? DEFAULT_RETRYABLE[init.code];
    this.status = init.status;
    this.upstreamCode = init.upstreamCode;
    this.notFound = init.notFound ?? false;
    this.reason = init.reason;
    this.raw = init.raw;
  }

  toJSON(): Record<string, unknown> {
    return {
      upstream: this.upstream,
      code: this.code,
      retryable: this.retryable,
      status: this.status,
      upstreamCode: this.upstreamCode,
      notFound: this.notFound || undefined,
      reason: this.reason,
    };
  }
}

export const isUpstreamError = (e: unknown): e is UpstreamError => e instanceof UpstreamError;

/** The status classes: which HTTP answers are worth retrying. */
export function classifyStatus(status: number): { code: UpstreamErrorCode; retryable: boolean } | undefined {
  if (status >= 200 && status < 300) return undefined;
  if (status === 408 || status === 425 || status === 429) return { code: 'unavailable', retryable: true };
  if (status >= 500) return { code: 'unavailable', retryable: true };
  return { code: 'rejected', retryable: false };
}
