/** Delivery ids: the destination (to find its queue) and a hash of the sender and its idempotency key. */
import { createHash } from 'node:crypto';

/** A delivery id: the destination (to find its queue) and a hash of the sender and its idempotency key. */
export function deliveryId(destination: string, client: string, idempotencyKey: string): string {
  const h = createHash('sha256').update(`${client}\n${idempotencyKey}`).digest('base64url').slice(0, 32);
  return `d.${destination}.${h}`;
}

/** The destination a delivery id names, or undefined when it is not a delivery id. */
export const destinationOf = (id: string): string | undefined =>
  /^d\.([a-z][a-z0-9-]*)\.[A-Za-z0-9_-]{32}$/.exec(id)?.[1];
