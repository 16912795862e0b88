/**
 * The engine's messages as deliveries: every step call, compensation and announcement is a delivery in
 * its destination's queue (retried, dead-lettered, audited like any other), signed by the hub as evidence
 * and identified by a stable key, so that doing the same thing twice never sends it twice.
 */
import { createHash, randomUUID } from 'node:crypto';
import { deliveryId, type DeliveryData } from '../../queue';
import type { ServiceCatalog } from '../exchange/catalog';
import { compactDetached, encodeHeader, requestHash, signingInput, type Signer } from '../protocol';

export interface EngineMessage {
  key: string;
  service: string;
  client: string;
  purpose: string;
  input: Record<string, unknown>;
  procedure: string;
  dossierCode: string;
  orderingKey?: string;
  delayMs?: number;
  notify?: Record<string, unknown>;
}

/** A message whose input does not satisfy the destination service's contract (a procedure or data fault). */
export class MessageInputError extends Error {
  constructor(
    readonly service: string,
    readonly fields: string[],
  ) {
    super(`input of ${service} breaks its contract: ${fields.join('; ')}`);
    this.name = 'MessageInputError';
  }
}

/** Validates (and normalises) the input against the destination service's contract, signs it, and builds the delivery. */
export function toDelivery(
  catalog: ServiceCatalog,
  signer: Signer,
  m: EngineMessage,
  now: number,
): DeliveryData {
  const entry = catalog.get(m.service);
  if (!entry) throw new Error(`service ${m.service} is not configured`);
  const checked = entry.service.input.validate(m.input, { abortEarly: false, errors: { render: false } });
  if (checked.error)
    throw new MessageInputError(
      m.service,
      checked.error.details.map((d) => `${d.path.join('.')}: ${d.type}`),
    );
  const input = checked.value as Record<string, unknown>;
  const destination = entry.adapter.definition.id;
  const body = Buffer.from(JSON.stringify(input));
  const messageId = randomUUID();
  const headerB64 = encodeHeader(signer.alg, signer.kid, Math.floor(now / 1000), [
    ['hub.msgid', messageId],
    ['hub.client', m.client],
    ['hub.purpose', m.purpose],
    ['hub.service', m.service],
  ]);
  const signature = compactDetached(headerB64, signer.sign(signingInput(headerB64, body)));
  return {
    id: deliveryId(destination, m.client, m.key),
    service: m.service,
    destination,
    client: m.client,
    purpose: m.purpose,
    input,
    signed: { signature, messageId, body: body.toString('base64') },
    requestHash: requestHash(headerB64, body),
    bodyDigest: createHash('sha256').update(m.key).digest('base64url'),
    orderingKey: m.orderingKey,
    acceptedAt: new Date(now).toISOString(),
    subject: entry.service.subject?.(input as never),
    procedure: m.procedure,
    dossierCode: m.dossierCode,
    notify: m.notify,
  };
}
