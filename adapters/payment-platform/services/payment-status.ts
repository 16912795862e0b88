/**
 * payment-status/v1: a payment by the hub's reference → payment@1, with its status (pending, paid, expired,
 * failed, cancelled) and, once paid, the receipt. A procedure polls it, or waits for the notification.
 */
import { Joi } from '../../../contracts';
import { defineService } from '../../sdk';
import type { PaymentClient } from '../index';
import { fromGiaoDich } from '../mapping';
import { paymentRef, readGiaoDich } from './common';

export const paymentStatus = defineService<PaymentClient, { paymentRef: string }, Record<string, unknown>>({
  name: 'payment-status',
  version: 1,
  title: 'A payment’s status and receipt, by the hub’s reference',
  kind: 'read',
  input: Joi.object({ paymentRef: paymentRef.required() }).id('PaymentStatusByRefRequest_v1'),
  output: 'payment@1',
  async execute(ctx, input) {
    const res = await ctx.client.transport.request(ctx, {
      method: 'GET',
      path: '/api/v1/giao-dich',
      query: { maThamChieu: input.paymentRef },
    });
    return fromGiaoDich(readGiaoDich(ctx.client.transport.upstream, res));
  },
});
