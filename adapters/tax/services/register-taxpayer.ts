/**
 * register-taxpayer/v1: a tax registration of an individual or a household business → tax-registration@1 with
 * the assigned tax ID. From 1 July 2025 an individual's tax ID is their personal ID, and a household business
 * uses its owner's (Circular 86/2024/TT-BTC): the authority assigns no new number, it activates the ID.
 * Organisations get their code with their enterprise registration, not here.
 */
import { Joi } from '../../../contracts';
import { addressSchema, partySchema, vndSchema } from '../../../contracts/schemas/common';
import { defineService, readUpstream } from '../../sdk';
import { nguoiNopThueSchema, type NguoiNopThue } from '../dialect';
import type { TaxClient } from '../index';
import { fromNguoiNopThue, toDangKyThue, type RegisterTaxpayerInput } from '../mapping';

export const registerTaxpayer = defineService<TaxClient, RegisterTaxpayerInput, Record<string, unknown>>({
  name: 'register-taxpayer',
  version: 1,
  title: 'Register an individual or a household business for tax',
  kind: 'write',
  input: Joi.object({
    taxpayer: partySchema
      .keys({ kind: Joi.string().valid('individual').required() })
      .required()
      .description('The individual, or the owner of the household business'),
    businessName: Joi.vnText().max(300).description('The household business name: present for a business'),
    address: addressSchema
      .or('communeCode', 'provinceCode')
      .required()
      .description('Residence, or the business address; its province decides the tax office'),
    activityCodes: Joi.array()
      .items(Joi.string().pattern(/^\d{4,5}$/))
      .min(1)
      .unique()
      .when('businessName', { is: Joi.exist(), then: Joi.required() })
      .description('VSIC 2018, the main activity first'),
    capital: vndSchema,
  }).id('RegisterTaxpayerRequest_v1'),
  output: 'tax-registration@1',
  subject: (input) =>
    input.taxpayer.personalId ? { kind: 'citizen', id: input.taxpayer.personalId } : undefined,
  async execute(ctx, input) {
    const res = await ctx.client.request(ctx, {
      method: 'POST',
      path: '/api/nguoi-nop-thue',
      body: toDangKyThue(input),
    });
    return fromNguoiNopThue(readUpstream<NguoiNopThue>(ctx.client.upstream, nguoiNopThueSchema, res.data));
  },
});
