/**
 * A delivery between its two forms: the plain DeliveryData the hub and the worker handle, and the
 * StoredDelivery that Redis keeps (BullMQ job data, dead letters) — metadata in clear, content sealed.
 * Results are sealed the same way before BullMQ stores them as a job's return value. Everything the
 * queues write about a delivery passes here, so nothing personal reaches Redis unsealed.
 */
import type { Sealer } from './sealing';
import type { DeliveryContent, DeliveryData, DeliveryMeta, StoredDelivery } from './types';

const payloadContext = (id: string) => `payload:${id}`;
const resultContext = (id: string) => `result:${id}`;

/** The metadata of a delivery: everything but its content. */
export function metaOf(data: DeliveryData | StoredDelivery): DeliveryMeta {
  if ('sealed' in data) {
    const { sealed: _s, ...meta } = data;
    return meta;
  }
  const { input: _i, signed, subject: _su, notify: _n, ...rest } = data;
  return { ...rest, messageId: signed.messageId };
}

export function toStored(sealer: Sealer, data: DeliveryData): StoredDelivery {
  const content: DeliveryContent = {
    input: data.input,
    signed: data.signed,
    subject: data.subject,
    notify: data.notify,
  };
  return { ...metaOf(data), sealed: sealer.seal(content, payloadContext(data.id)) };
}

/**
 * Opens a stored delivery; throws SealError when its key is not kept or it was altered. A job accepted
 * before payloads were sealed (0.1) holds its content in clear: it is read as it is (and sealed when it
 * is redriven); it leaves Redis with the retention.
 */
export function fromStored(sealer: Sealer, stored: StoredDelivery): DeliveryData {
  if (!('sealed' in stored) && 'signed' in stored && 'input' in stored)
    return stored as unknown as DeliveryData;
  const content = sealer.open<DeliveryContent>(stored.sealed, payloadContext(stored.id));
  const { sealed: _s, messageId: _m, ...meta } = stored;
  const data: DeliveryData = { ...meta, input: content.input, signed: content.signed };
  if (content.subject !== undefined) data.subject = content.subject;
  if (content.notify !== undefined) data.notify = content.notify;
  return data;
}

/** A result as BullMQ stores it (the job's return value). */
export const sealResult = (sealer: Sealer, id: string, result: unknown): string =>
  sealer.seal(result ?? null, resultContext(id));

/** A stored result opened; a value that is not sealed (a skipped run's note) is returned as it is. */
export function openResult(sealer: Sealer, id: string, stored: unknown): unknown {
  if (typeof stored !== 'string' || sealer.kidOf(stored) === undefined) return stored ?? undefined;
  return sealer.open(stored, resultContext(id));
}
