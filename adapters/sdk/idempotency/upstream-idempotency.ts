/**
 * Idempotency toward an upstream that detects duplicates its own way. The adapter declares it
 * (`AdapterDefinition.idempotency`): which header carries the key, and what the upstream's answer to a
 * duplicate looks like (an HTTP status, the upstream's own error codes). Each write is then sent with the
 * call's stable idempotency key (a delivery's id, the same on every attempt and every worker) in that
 * header; the canonical answer of the first success is kept as a receipt; a repeat the upstream answers
 * "duplicate" yields that receipt — or, when none was kept (the first answer was lost), the one the
 * service's `recoverReceipt` reads back from the upstream. Without either, the repeat fails for good
 * with a reason saying so: the upstream has applied the write, and retrying cannot change that.
 */
import { UpstreamError, isUpstreamError } from '../upstream-error';
import { requestHash, type ReceiptStore } from './receipts';

export interface UpstreamIdempotency {
  /** The header that carries the stable key on every attempt, e.g. `X-Request-Id`. */
  header: string;
  /** How the upstream answers a request it has seen: any of these HTTP statuses or its own error codes. */
  duplicate: { status?: number[]; upstreamCodes?: string[] };
  /** How long receipts are kept. @defaultValue 604800 (7 days) */
  receiptTtlSec?: number;
}

export const isDuplicateAnswer = (decl: UpstreamIdempotency, err: unknown): err is UpstreamError =>
  isUpstreamError(err) &&
  err.code === 'rejected' &&
  (Boolean(err.status && decl.duplicate.status?.includes(err.status)) ||
    Boolean(err.upstreamCode && decl.duplicate.upstreamCodes?.includes(err.upstreamCode)));

export interface CallOnceOptions<Out> {
  upstream: string;
  /** `name/vN` of the service: receipts are per service. */
  service: string;
  decl: UpstreamIdempotency;
  store: ReceiptStore;
  key: string;
  input: unknown;
  /** Calls the upstream with the key in the declared header. */
  execute(headers: Record<string, string>): Promise<Out>;
  /** Reads the original answer back from the upstream. */
  recover?(): Promise<Out>;
}

export async function callOnce<Out>(o: CallOnceOptions<Out>): Promise<Out> {
  const scope = `${o.upstream}:${o.service}`;
  const ttl = o.decl.receiptTtlSec ?? 604_800;
  const hash = requestHash(o.input);
  try {
    const out = await o.execute({ [o.decl.header.toLowerCase()]: o.key });
    await o.store.put(scope, o.key, { requestHash: hash, output: out, at: Date.now() }, ttl);
    return out;
  } catch (err) {
    if (!isDuplicateAnswer(o.decl, err)) throw err;
    const held = await o.store.get(scope, o.key);
    if (held) {
      if (held.requestHash !== hash) {
        throw new UpstreamError({
          upstream: o.upstream,
          code: 'rejected',
          status: err.status,
          upstreamCode: err.upstreamCode,
          reason: 'the idempotency key was already used for a different request',
        });
      }
      return held.output as Out;
    }
    if (o.recover) {
      const out = await o.recover();
      await o.store.put(scope, o.key, { requestHash: hash, output: out, at: Date.now() }, ttl);
      return out;
    }
    throw new UpstreamError({
      upstream: o.upstream,
      code: 'rejected',
      retryable: false,
      status: err.status,
      upstreamCode: err.upstreamCode,
      reason:
        'the upstream already applied this request (duplicate) and its first answer was not kept: ' +
        'look the result up in the upstream',
    });
  }
}
