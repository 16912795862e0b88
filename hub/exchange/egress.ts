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
 * see) and `GET /v1/deliveries/{id}`, procedure reads and prefill, and the operators' views of deliveries
 * (dead letters, API and CLI, and the queue dashboard), whose payloads may carry data read from sources.
 */
import type { FieldGrant } from '../../config/loader';
import type { DeadLetter, DeliveryData } from '../../queue';
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

/** A delivery as an operator sees it: where it goes, for whom, why — and only the names of its input. */
export interface DeliveryForOperator {
  id: string;
  service: string;
  destination: string;
  client: string;
  purpose: string;
  acceptedAt: string;
  /** Names of the input's fields; the values are the sender's or read from sources, not the operator's. */
  inputFields: string[];
  /** The sender's signature (evidence of who asked) and message id; the signed body is not shown. */
  signed: { signature: string; messageId: string };
  requestHash: string;
  bodyDigest: string;
  subjectKind?: string;
  orderingKey?: string;
  seq?: number;
  procedure?: string;
  dossierCode?: string;
  redriven?: boolean;
}

/** Releases a delivery's job data to an operator (dead-letter views, the queue dashboard). */
export function deliveryForOperator(data: DeliveryData): DeliveryForOperator {
  return {
    id: data.id,
    service: data.service,
    destination: data.destination,
    client: data.client,
    purpose: data.purpose,
    acceptedAt: data.acceptedAt,
    inputFields: data.input && typeof data.input === 'object' ? Object.keys(data.input) : [],
    signed: { signature: data.signed?.signature, messageId: data.signed?.messageId },
    requestHash: data.requestHash,
    bodyDigest: data.bodyDigest,
    subjectKind: data.subject?.kind,
    orderingKey: data.orderingKey,
    seq: data.seq,
    procedure: data.procedure,
    dossierCode: data.dossierCode,
    redriven: data.redriven,
  };
}

/** A dead letter as an operator sees it: the delivery (see deliveryForOperator) and every attempt's error. */
export function deadLetterForOperator(d: DeadLetter): Omit<DeadLetter, 'data'> & {
  data: DeliveryForOperator;
} {
  return { id: d.id, deadAt: d.deadAt, data: deliveryForOperator(d.data), errors: d.errors };
}
