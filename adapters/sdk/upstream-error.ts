/**
 * UpstreamError: the one error type every transport and adapter throws for an upstream failure.
 * `code` says what went wrong, `retryable` whether trying again may help: 4xx answers are not
 * retryable; 5xx, timeouts and connection failures are. `unbuildable` is the one code the upstream did
 * not cause: our request could not be written at all (final, the caller's; never counted by the breaker).
 * `misconfigured` is the hub's own configuration for the upstream at fault (credentials refused or missing,
 * e.g. OAuth `invalid_client`): never retried, never counted by the breaker, fixed by an operator.
 *
 * What the upstream said reaches members only through `reason` and `upstreamCode`, which the constructor
 * makes member-safe (./member-text.ts) whoever builds the error; the full text, redacted of personal
 * data, is kept in `upstreamText` for the operator's log and never serialised. The raw answer, redacted,
 * is kept for diagnosis.
 */
import { memberCode, memberText } from './member-text';
import { redactText } from './redact';

export type UpstreamErrorCode =
  'timeout' | 'unavailable' | 'rejected' | 'malformed' | 'unbuildable' | 'misconfigured';

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
  /** Human-readable reason (made member-safe by the constructor). */
  reason: string;
  /** The upstream's own words in full, for the operator's log (redacted by the constructor). */
  upstreamText?: string;
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
  unbuildable: false,
};

export class UpstreamError extends Error {
  readonly upstream: string;
  readonly code: UpstreamErrorCode;
  readonly retryable: boolean;
  readonly status?: number;
  readonly upstreamCode?: string;
  readonly notFound: boolean;
  /** Bounded, single-line, without markup, paths, addresses or personal identifiers. */
  readonly reason: string;
  /** Everything the upstream said (redacted): for the operator's log, never for members. */
  readonly upstreamText?: string;
  readonly raw?: string;

  constructor(init: UpstreamErrorInit) {
    const reason = memberText(init.reason) || 'no reason given';
    super(`${init.upstream}: ${init.code}: ${reason}`, init.cause ? { cause: init.cause } : undefined);
    this.name = 'UpstreamError';
    this.upstream = init.upstream;
    this.code = init.code;
    this.retryable = init.code === 'unbuildable' ? false : (init.retryable ?? DEFAULT_RETRYABLE[init.code]);
    this.status = init.status;
    this.upstreamCode = memberCode(init.upstreamCode);
    this.notFound = init.notFound ?? false;
    this.reason = reason;
    const said =
      init.upstreamText ??
      (reason !== init.reason || this.upstreamCode !== init.upstreamCode
        ? [init.upstreamCode, init.reason].filter(Boolean).join(' | ')
        : undefined);
    this.upstreamText = said === undefined ? undefined : redactText(said, 4096);
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
