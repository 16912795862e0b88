/**
 * taxpayer/v1: a taxpayer by tax ID (12-digit personal ID, an older 10-digit code, or an organisation's code)
 * or by personal ID → tax-registration@1.
 */
import { Joi } from '../../../contracts';
import { defineService, readUpstream } from '../../sdk';
import { nguoiNopThueSchema, type NguoiNopThue } from '../dialect';
import type { TaxClient } from '../index';
import { fromNguoiNopThue } from '../mapping';

interface In {
  taxId?: string;
  personalId?: string;
}

export const taxpayer = defineService<TaxClient, In, Record<string, unknown>>({
  name: 'taxpayer',
  version: 1,
  title: 'A taxpayer by tax ID or personal ID',
  kind: 'read',
  input: Joi.object({
    taxId: Joi.taxCode(),
    personalId: Joi.personalId({ dobKey: null, sexKey: null }),
  })
    .xor('taxId', 'personalId')
    .id('TaxpayerRequest_v1'),
  output: 'tax-registration@1',
  // A 12-digit tax ID is a person's ID; 10 and 13 digits are taken as a business (an older personal code is
  // also 10 digits: the audit then files it under that code, not under the person).
  subject: (input) =>
    input.personalId
      ? { kind: 'citizen', id: input.personalId }
      : /^\d{12}$/.test(input.taxId ?? '')
        ? { kind: 'citizen', id: input.taxId! }
        : { kind: 'business', id: input.taxId! },
  async execute(ctx, input) {
    const res = input.personalId
      ? await ctx.client.request(ctx, {
          method: 'GET',
          path: '/api/nguoi-nop-thue',
          query: { soDinhDanh: input.personalId },
        })
      : await ctx.client.request(ctx, {
          method: 'GET',
          path: `/api/nguoi-nop-thue/${encodeURIComponent(input.taxId!)}`,
        });
    return fromNguoiNopThue(readUpstream<NguoiNopThue>(ctx.client.upstream, nguoiNopThueSchema, res.data));
  },
});
