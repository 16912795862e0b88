/**
 * request-payment/v1: asks the platform for a payment of a dossier's fees or obligations → payment@1,
 * pending, with the link where the payer pays. The platform refuses a request id it has seen (409,
 * maLoi 21) without the first answer: the SDK sends the delivery's stable key as X-Request-Id and keeps the
 * receipt; when the first answer was lost, `recoverReceipt` reads the payment back by its reference.
 */
import { defineService } from '../../sdk';
import type { PaymentClient } from '../index';
import { fromGiaoDich, toYeuCau, type PaymentRequest } from '../mapping';
import { paymentRequestInput, readGiaoDich } from './common';
import { paymentStatus } from './payment-status';

export const requestPayment = defineService<PaymentClient, PaymentRequest, Record<string, unknown>>({
  name: 'request-payment',
  version: 1,
  title: 'Request a payment of fees or obligations from the national payment platform',
  kind: 'write',
  input: paymentRequestInput,
  output: 'payment@1',
  subject: (r) =>
    r.payer.kind === 'individual'
      ? { kind: 'citizen', id: r.payer.personalId ?? '' }
      : { kind: 'business', id: r.payer.taxCode ?? '' },
  async execute(ctx, input) {
    const res = await ctx.client.transport.request(ctx, {
      method: 'POST',
      path: '/api/v1/giao-dich',
      body: toYeuCau(input, ctx.client.notificationUrl),
    });
    return fromGiaoDich(readGiaoDich(ctx.client.transport.upstream, res));
  },
  recoverReceipt: (ctx, input) => paymentStatus.execute(ctx, { paymentRef: input.paymentRef }),
});
