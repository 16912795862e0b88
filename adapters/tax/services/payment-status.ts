/**
 * payment-status/v1: a notice by its number → tax-obligation@1 with its payment status and, once paid, the
 * voucher. The joint-procedure engine polls it until the transfer's notices are paid (step 5).
 */
import { Joi } from '../../../contracts';
import { defineService, readUpstream } from '../../sdk';
import { thongBaoSchema, type ThongBao } from '../dialect';
import type { TaxClient } from '../index';
import { fromThongBao } from '../mapping-obligations';

export const paymentStatus = defineService<TaxClient, { noticeNumber: string }, Record<string, unknown>>({
  name: 'payment-status',
  version: 1,
  title: 'The payment status of a tax notice',
  kind: 'read',
  input: Joi.object({
    noticeNumber: Joi.string().max(50).required().description('Số thông báo, e.g. 001000/TB-10100'),
  }).id('PaymentStatusRequest_v1'),
  output: 'tax-obligation@1',
  async execute(ctx, input) {
    const res = await ctx.client.request(ctx, {
      method: 'GET',
      path: '/api/thong-bao',
      query: { soThongBao: input.noticeNumber },
    });
    return fromThongBao(readUpstream<ThongBao>(ctx.client.upstream, thongBaoSchema, res.data));
  },
});
