/**
 * book-pickup/v1: books the pick-up of a dossier's result at the one-stop desk, for delivery to the
 * applicant → shipment@1, booked, with its tracking number. The postal service answers a repeated
 * X-Client-Request-Id with code 208 and no data; the SDK then yields the kept receipt, or reads the booking
 * back by the hub's reference (`recoverReceipt`).
 */
import { Joi } from '../../../contracts';
import { referenceSchema, shipmentSchema } from '../../../contracts/schemas/payment';
import { defineService, readUpstream, type ExecuteContext } from '../../sdk';
import { buuGuiSchema, type BuuGui } from '../dialect';
import type { PostalClient } from '../index';
import { fromBuuGui, toDonHang, type Booking } from '../mapping';
import { readEnvelope } from './common';

export const bookPickupInput = Joi.object({
  shipmentRef: referenceSchema.required().description('The hub’s reference: unique per booking'),
  dossierCode: Joi.string().max(50),
  sender: shipmentSchema
    .extract('sender')
    .required()
    .description('The one-stop desk the result is picked up at'),
  recipient: shipmentSchema.extract('recipient').required(),
  contents: shipmentSchema.extract('contents').required(),
  cashOnDelivery: shipmentSchema.extract('cashOnDelivery'),
  pickupWindow: shipmentSchema.extract('pickupWindow'),
}).id('BookPickupRequest_v1');

const byOrderCode = async (
  ctx: ExecuteContext<PostalClient>,
  ref: string,
): Promise<Record<string, unknown>> => {
  const res = await ctx.client.request(ctx, {
    method: 'GET',
    path: '/api/v2/don-hang',
    query: { maDonHangKH: ref },
  });
  return fromBuuGui(
    readUpstream<BuuGui>(ctx.client.upstream, buuGuiSchema, readEnvelope(ctx.client.upstream, res)),
  );
};

export const bookPickup = defineService<PostalClient, Booking, Record<string, unknown>>({
  name: 'book-pickup',
  version: 1,
  title: 'Book the pick-up of a result for delivery to the applicant',
  kind: 'write',
  input: bookPickupInput,
  output: 'shipment@1',
  async execute(ctx, input) {
    const res = await ctx.client.request(ctx, {
      method: 'POST',
      path: '/api/v2/don-hang',
      body: toDonHang(input),
    });
    return fromBuuGui(
      readUpstream<BuuGui>(ctx.client.upstream, buuGuiSchema, readEnvelope(ctx.client.upstream, res)),
    );
  },
  recoverReceipt: (ctx, input) => byOrderCode(ctx, input.shipmentRef),
});
