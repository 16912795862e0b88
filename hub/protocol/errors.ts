/** Typed errors of the hub client: what went wrong is in `code`, never only in the message. */

export type HubClientErrorCode =
  /** The response's signature is missing or does not verify, or it does not answer this request. */
  | 'RESPONSE_UNVERIFIED'
  /** The response claims JSON but its body does not parse. */
  | 'RESPONSE_NOT_JSON'
  /** No HTTP answer: connection refused or reset, timeout, TLS failure. */
  | 'TRANSPORT'
  /** The caller passed something the protocol cannot carry (a bad service id, purpose …). */
  | 'INVALID_ARGUMENT';

export class HubClientError extends Error {
  override readonly name = 'HubClientError';
  constructor(
    readonly code: HubClientErrorCode,
    message: string,
    readonly details: { status?: number; reason?: string; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
  }
}
