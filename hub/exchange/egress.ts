/**
 * The one egress of upstream data (CONVENTIONS §11, "one egress"). An upstream answer, once checked
 * against its contract, is an UpstreamRecord: its values sit in a private field that no code outside this
 * file can read. `release()` is the only way to open one, and it opens it to an audience:
 *
 * - a member: the top-level fields its grant allows for (client, service, purpose) — re-read from the
 *   access policy at the moment of release — narrowed to the fields it asked for; nothing when it holds
 *   no grant;
 * - an operator: no values at all, only the names of the fields.
 *
 * Every path that hands upstream data to anyone goes through here: the synchronous answer, the result a
 * delivery worker stores (already released to the sender, so Redis never holds more than the sender may
 * see, and sealed at rest, queue/results.ts) and `GET /v1/deliveries/{id}`, procedure reads and prefill,
 * and the operators' views of deliveries (dead letters, API and CLI, and the queue dashboard, which shows
 * jobs as the queues store them: metadata, the content sealed), whose payloads may carry data read from
 * sources.
 */
import type { FieldGrant } from '../../config/loader';
import type {
  AttemptError,
  DeadLetter,
  DeadLetterSummary,
  DeliveryData,
  DeliveryMeta,
  StoredDelivery,
} from '../../queue';
import type { AccessPolicy } from './policy';

/** Reads a record's sealed value: assigned inside the class, visible to this file only. */
let open: (record: UpstreamRecord) => Record<string, unknown>;

/** A checked upstream answer, sealed: only `release()` reads its values. */
export class UpstreamRecord {
  readonly #value: Record<string, unknown>;
  private constructor(value: Record<string, unknown>) {
    this.#value = value;
  }
  static {
    open = (record) => record.#value;
  }
  /** Seals a checked upstream answer, or a stored result read back (already released once). */
  static seal(value: Record<string, unknown>): UpstreamRecord {
    return new UpstreamRecord(value);
  }
  /** Names of the fields it holds (never their values). */
  get fieldNames(): string[] {
    return Object.keys(this.#value);
  }
  /** Nothing of the values when logged or serialised by mistake. */
  toJSON(): { sealed: string[] } {
    return { sealed: this.fieldNames };
  }
}

/** Whom upstream data is released to. */
export type Audience =
  | {
      kind: 'member';
      /** The reader, `member/subsystem`. */
      client: string;
      /** The service the data came from. */
      service: string;
      /** The purpose it is read under. */
      purpose: string;
      /** Fields the reader asked for (`?fields=`); within the grant. */
      requested?: readonly string[];
    }
  | { kind: 'operator' };

export interface Released {
  value: Record<string, unknown>;
  /** Names of the fields released (for the audit log and the data tracker). */
  fields: string[];
}

const NOTHING = (): Released => ({ value: {}, fields: [] });

/** The fields an audience may see of a service's answers; `[]` when it holds no grant. */
function grantOf(policy: AccessPolicy, audience: Audience): FieldGrant {
  if (audience.kind === 'operator') return [];
  try {
    return policy.authorise(audience.client, audience.service, audience.purpose).fields;
  } catch {
    return [];
  }
}

/** Opens a record to an audience: only the fields it may see (see the file header). */
export function release(policy: AccessPolicy, record: UpstreamRecord, audience: Audience): Released {
  const value = open(record);
  const allowed = grantOf(policy, audience);
  const requested = audience.kind === 'member' ? audience.requested : undefined;
  if (allowed === '*' && !requested) return { value: { ...value }, fields: Object.keys(value) };
  if (allowed !== '*' && allowed.length === 0) return NOTHING();
  const keep = new Set<string>(requested ?? (allowed === '*' ? Object.keys(value) : allowed));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    if (keep.has(k) && (allowed === '*' || allowed.includes(k))) out[k] = v;
  return { value: out, fields: Object.keys(out) };
}

/** A delivery's envelope as an operator sees it: where it goes, for whom, why, when — named one by one. */
export interface DeliveryEnvelope {
  id: string;
  service: string;
  destination: string;
  client: string;
  purpose: string;
  acceptedAt: string;
  requestHash: string;
  bodyDigest: string;
  orderingKey?: string;
  seq?: number;
  procedure?: string;
  dossierCode?: string;
  redriven?: boolean;
}

/** A delivery as an operator sees it: its envelope, and only the names of its input. */
export interface DeliveryForOperator extends DeliveryEnvelope {
  /** Names of the input's fields; the values are the sender's or read from sources, not the operator's. */
  inputFields: string[];
  /** The sender's signature (evidence of who asked) and message id; the signed body is not shown. */
  signed: { signature: string; messageId: string };
  subjectKind?: string;
}

/** A delivery as the queues store it (payload sealed), as an operator sees it: its envelope only. */
export interface StoredDeliveryForOperator extends DeliveryEnvelope {
  messageId: string;
  /** `[sealed with <kid>]`, or `[content hidden]` for a job accepted before payloads were sealed (0.1). */
  sealed: string;
}

/** A dead letter as lists show it: the envelope of the delivery and every attempt's error. */
export interface DeadLetterSummaryForOperator extends Omit<DeadLetterSummary, 'data'> {
  data: DeliveryEnvelope & { messageId: string };
}

function envelopeOf(d: DeliveryData | DeliveryMeta): DeliveryEnvelope {
  return {
    id: d.id,
    service: d.service,
    destination: d.destination,
    client: d.client,
    purpose: d.purpose,
    acceptedAt: d.acceptedAt,
    requestHash: d.requestHash,
    bodyDigest: d.bodyDigest,
    orderingKey: d.orderingKey,
    seq: d.seq,
    procedure: d.procedure,
    dossierCode: d.dossierCode,
    redriven: d.redriven,
  };
}

/** Releases a delivery's opened data to an operator (a dead letter, API and CLI). */
export function deliveryForOperator(data: DeliveryData): DeliveryForOperator {
  return {
    ...envelopeOf(data),
    inputFields: data.input && typeof data.input === 'object' ? Object.keys(data.input) : [],
    signed: { signature: data.signed?.signature, messageId: data.signed?.messageId },
    subjectKind: data.subject?.kind,
  };
}

/**
 * Releases a job's data as the queues store it to an operator (the queue dashboard), without opening it:
 * its envelope, and its sealed content as the key id only. A job accepted before payloads were sealed
 * (0.1) holds its content in clear: it is left out all the same.
 */
export function storedDeliveryForOperator(data: unknown): StoredDeliveryForOperator | string {
  if (!data || typeof data !== 'object' || !('id' in data)) return '[not a delivery]';
  const stored = data as Partial<StoredDelivery> & DeliveryMeta;
  const sealed = stored.sealed;
  const messageId =
    typeof stored.messageId === 'string'
      ? stored.messageId
      : String((data as { signed?: { messageId?: unknown } }).signed?.messageId ?? '');
  return {
    ...envelopeOf(stored),
    messageId,
    sealed: typeof sealed === 'string' ? `[sealed with ${sealed.split('.')[1]}]` : '[content hidden]',
  };
}

/**
 * Releases a job's return value to an operator (the queue dashboard): the names of the result's fields
 * (the result itself is kept apart, queue/results.ts) or a skipped run's note; anything else — the result
 * a 0.1 worker kept in the job — is hidden.
 */
export function storedResultForOperator(value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort().join();
    const v = value as { result?: unknown; fields?: unknown; skipped?: unknown };
    if (keys === 'fields,result' && v.result === 'stored apart' && Array.isArray(v.fields))
      return { result: 'stored apart', fields: v.fields.filter((f) => typeof f === 'string') };
    if (keys === 'skipped' && typeof v.skipped === 'string') return { skipped: v.skipped };
  }
  return '[result hidden]';
}

/** A dead letter as an operator sees it: the delivery (see deliveryForOperator) and every attempt's error. */
export function deadLetterForOperator(d: DeadLetter): Omit<DeadLetter, 'data'> & {
  data: DeliveryForOperator;
} {
  return { id: d.id, deadAt: d.deadAt, data: deliveryForOperator(d.data), errors: d.errors };
}

/** A dead letter of a list (its content not opened) as an operator sees it. */
export function deadLetterSummaryForOperator(d: DeadLetterSummary): DeadLetterSummaryForOperator {
  return {
    id: d.id,
    deadAt: d.deadAt,
    data: { ...envelopeOf(d.data), messageId: d.data.messageId },
    errors: d.errors,
  };
}

/**
 * A failed attempt as a member reads it (a delivery's status, a dossier's timeline): code, reason and the
 * destination's error code. The start of the destination's raw answer (`excerpt`) is the operators' only.
 */
export function attemptErrorForMember(e: AttemptError): Omit<AttemptError, 'excerpt'> {
  const { excerpt: _operatorsOnly, ...shown } = e;
  return shown;
}
