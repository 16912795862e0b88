/**
 * proof-of-delivery/v1: what the postman recorded when the shipment was handed over → proof-of-delivery@1.
 * Before delivery the service answers 305 (not delivered yet): a not-found refusal; a procedure tracks the
 * shipment until it is delivered, then reads this.
 */
import { defineService, readUpstream } from '../../sdk';
import { bangChungSchema, type BangChungPhat } from '../dialect';
import type { PostalClient } from '../index';
import { fromBangChung } from '../mapping';
import { readEnvelope, trackingInput } from './common';

export const proofOfDelivery = defineService<
  PostalClient,
  { trackingNumber: string },
  Record<string, unknown>
>({
  name: 'proof-of-delivery',
  version: 1,
  title: 'The proof of delivery of a shipment',
  kind: 'read',
  input: trackingInput,
  output: 'proof-of-delivery@1',
  async execute(ctx, input) {
    const res = await ctx.client.request(ctx, {
      method: 'GET',
      path: `/api/v2/buu-gui/${input.trackingNumber}/bang-chung-phat`,
    });
    return fromBangChung(
      readUpstream<BangChungPhat>(
        ctx.client.upstream,
        bangChungSchema,
        readEnvelope(ctx.client.upstream, res),
      ),
    );
  },
});
