/** What a delivery carries through the queue, and what is recorded about it. */

/** Whom a delivery is about. */
export interface DeliverySubject {
  kind: 'citizen' | 'business';
  id: string;
}

/** The job data of one delivery. */
export interface DeliveryData {
  /** The delivery id (also the BullMQ job id and the idempotency key sent to the destination). */
  id: string;
  /** `member/subsystem/service/version` of the destination service. */
  service: string;
  /** Adapter id: which queue, breaker and rate limit. */
  destination: string;
  /** The sender, `member/subsystem`. */
  client: string;
  purpose: string;
  /** The validated input of the destination service. */
  input: Record<string, unknown>;
  /** The sender's signed request, kept as evidence: its Hub-Signature header and exact body (base64). */
  signed: { signature: string; messageId: string; body: string };
  requestHash: string;
  /** SHA-256 of the request body: a repeat with the same Idempotency-Key must carry the same body. */
  bodyDigest: string;
  /** Deliveries with the same ordering key (e.g. a dossier code) reach the destination in acceptance order. */
  orderingKey?: string;
  /** Position within the ordering key, from 1. */
  seq?: number;
  acceptedAt: string;
  subject?: DeliverySubject;
  procedure?: string;
  dossierCode?: string;
  /** Who to tell when the delivery ends (a procedure step); interpreted by the hub, opaque here. */
  notify?: Record<string, unknown>;
  /** Set when an operator sent the delivery again from the dead-letter queue. */
  redriven?: boolean;
}

/** The parts of a delivery that are personal data or evidence: sealed at rest (sealing.ts). */
export type DeliveryContent = Pick<DeliveryData, 'input' | 'signed' | 'subject' | 'notify'>;

/** What is kept in clear about a delivery: routing, ordering, idempotency and times — nothing personal. */
export type DeliveryMeta = Omit<DeliveryData, keyof DeliveryContent> & {
  /** The sender's message id (a UUID): tells whose job an idempotent add kept. */
  messageId: string;
};

/** A delivery as BullMQ and the dead-letter queue store it: its metadata, and its content sealed. */
export interface StoredDelivery extends DeliveryMeta {
  /** The sealed {@link DeliveryContent}. */
  sealed: string;
}

/** One failed attempt. */
export interface AttemptError {
  at: string;
  attempt: number;
  code: string;
  reason: string;
  retryable: boolean;
  /** The destination's own error code, when it sent one. */
  upstreamCode?: string;
  /** The start of the destination's answer, personal data redacted. */
  excerpt?: string;
}

export type DeliveryState =
  'waiting' | 'active' | 'delayed' | 'completed' | 'failed' | 'dead' | 'discarded' | 'unknown';

export interface DeliveryStatus {
  id: string;
  service: string;
  state: DeliveryState;
  attempts: number;
  acceptedAt: string;
  finishedAt?: string;
  lastError?: AttemptError;
  errors: AttemptError[];
  /** The result, as released to the sender (results.ts), once completed. */
  result?: unknown;
  client: string;
  purpose: string;
  orderingKey?: string;
  seq?: number;
  /** Set when an operator discarded the dead delivery: when, who, why. */
  discarded?: { at: string; by: string; reason: string };
}
