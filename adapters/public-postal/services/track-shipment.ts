/** track-shipment/v1: a shipment by its tracking number → shipment@1 with its status and journey. */
import { defineService, readUpstream } from '../../sdk';
import { buuGuiSchema, type BuuGui } from '../dialect';
import type { PostalClient } from '../index';
import { fromBuuGui } from '../mapping';
import { readEnvelope, trackingInput } from './common';

export const trackShipment = defineService<PostalClient, { trackingNumber: string }, Record<string, unknown>>(
  {
    name: 'track-shipment',
    version: 1,
    title: 'A shipment’s status and journey, by its tracking number',
    kind: 'read',
    input: trackingInput,
    output: 'shipment@1',
    async execute(ctx, input) {
      const res = await ctx.client.request(ctx, {
        method: 'GET',
        path: `/api/v2/buu-gui/${input.trackingNumber}`,
      });
      return fromBuuGui(
        readUpstream<BuuGui>(ctx.client.upstream, buuGuiSchema, readEnvelope(ctx.client.upstream, res)),
      );
    },
  },
);
