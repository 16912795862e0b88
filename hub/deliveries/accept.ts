/**
 * Accepting a delivery: the same checks as an exchange (signature, replay, rate limit, access policy,
 * the destination service's input contract), then the delivery — with the sender's signed request kept
 * as evidence — goes into its destination's queue, and the answer is 202 only once Redis has it. The same
 * Idempotency-Key from the same member returns the same delivery and never makes a second job.
 */
import { createHash } from 'node:crypto';
import { contractProblem, fieldErrorsFromJoi } from '../../contracts';
import { deliveryId, NotDurableError, type DeliveryData } from '../../queue';
import type { HubDeps } from '../context';
import type { CatalogEntry } from '../exchange/catalog';
import { jsonAnswer, type Answer } from '../exchange/respond';
import type { RouteState } from '../http/member-route';
import { HubError } from '../http/problem';
import type { VerifiedRequest } from '../protocol';

export interface DeliveryRequest {
  entry: CatalogEntry;
  input: unknown;
  orderingKey?: string;
  dossierCode?: string;
  procedure?: string;
  notify?: Record<string, unknown>;
}

export async function acceptDelivery(
  deps: HubDeps,
  v: VerifiedRequest,
  raw: Buffer,
  signature: string,
  st: RouteState,
  req: DeliveryRequest,
): Promise<Answer> {
  if (!deps.deliveries)
    throw new HubError('SERVICE_UNKNOWN', { service: 'deliveries (no queue configured)' });
  const { entry } = req;
  deps.policy.authorise(v.client, entry.id, v.purpose);
  if (!v.idempotencyKey) throw new HubError('HEADER_INVALID', { header: 'Idempotency-Key' });
  const checked = entry.service.input.validate(req.input, { abortEarly: false, errors: { render: false } });
  if (checked.error) {
    const name = String((entry.service.input.describe().flags as { id?: string } | undefined)?.id ?? 'input');
    const p = contractProblem(name, fieldErrorsFromJoi(checked.error));
    throw new HubError(
      'CONTRACT_INVALID',
      { contract: name },
      { detail: p.detail, detailVi: p.detailVi, errors: p.errors },
    );
  }
  const input = checked.value as Record<string, unknown>;
  st.subject = entry.service.subject?.(input as never);
  st.dossierCode = req.dossierCode;
  st.procedure = req.procedure;
  const destination = entry.adapter.definition.id;
  st.upstream = destination;
  const data: DeliveryData = {
    id: deliveryId(destination, v.client, v.idempotencyKey),
    service: entry.id,
    destination,
    client: v.client,
    purpose: v.purpose,
    input,
    signed: { signature, messageId: v.messageId, body: raw.toString('base64') },
    requestHash: v.requestHash,
    bodyDigest: createHash('sha256').update(raw).digest('base64url'),
    orderingKey: req.orderingKey,
    acceptedAt: new Date((deps.clock ?? Date.now)()).toISOString(),
    subject: st.subject,
    procedure: req.procedure,
    dossierCode: req.dossierCode,
    notify: req.notify,
  };
  const r = await deps.deliveries.enqueue(data).catch((err: unknown) => {
    // Stored, maybe, but no replica confirmed it: not accepted (a repeat with the same key is safe).
    if (err instanceof NotDurableError) throw new HubError('DELIVERY_NOT_DURABLE');
    throw err;
  });
  if ('conflict' in r) throw new HubError('IDEMPOTENCY_CONFLICT');
  st.fields = [];
  const location = `/v1/deliveries/${r.id}`;
  return jsonAnswer(202, { id: r.id, status: 'accepted', created: r.created, location }, { location });
}
