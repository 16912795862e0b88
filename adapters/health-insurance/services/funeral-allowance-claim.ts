/**
 * funeral-allowance-claim/v1: claims the funeral grant (trợ cấp mai táng) for a deceased insured person →
 * FuneralAllowanceClaim_v1. The amount is the upstream's decision (10 × the base level, funeral-grant.ts).
 * Step 4 of the death joint procedure. A write: applied once per idempotency key; a second claim for the
 * same person under another key is refused.
 */
import { Joi } from '../../../contracts';
import { vndSchema } from '../../../contracts/schemas/common';
import { defineService, readUpstream } from '../../sdk';
import type { HealthInsuranceClient } from '../index';
import { CLAIMANT_RELATIONS, fromHoSoMaiTang, hoSoMaiTangSchema, type HoSoMaiTang } from '../mapping';
import { toMaiTang, type FuneralClaimInput } from '../requests';

const anyPersonalId = () => Joi.personalId({ dobKey: null, sexKey: null });

export const funeralAllowanceClaim = Joi.object({
  claimId: Joi.string().max(50).required().description('The dossier number at Vietnam Social Security'),
  deceasedPersonalId: anyPersonalId().required(),
  amount: vndSchema.required(),
  status: Joi.string().valid('accepted', 'paid').required(),
  decidedAt: Joi.timestamp().required(),
}).id('FuneralAllowanceClaim_v1');

export const funeralAllowanceClaimService = defineService<
  HealthInsuranceClient,
  FuneralClaimInput,
  Record<string, unknown>
>({
  name: 'funeral-allowance-claim',
  version: 1,
  title: 'Claim the funeral grant for a deceased insured person',
  kind: 'write',
  input: Joi.object({
    deceasedPersonalId: anyPersonalId().required(),
    deathRegisterNumber: Joi.string().max(50).required().description('Entry in the death register'),
    dateOfDeath: Joi.fullDate({ notFuture: true }).required(),
    claimant: Joi.object({
      personalId: anyPersonalId().required(),
      fullName: Joi.personName().required(),
      relation: Joi.string()
        .valid(...Object.keys(CLAIMANT_RELATIONS))
        .required()
        .description('Relation to the deceased; other = the person who organised the funeral'),
    }).required(),
    bankAccount: Joi.object({
      bankCode: Joi.string()
        .pattern(/^\d{6}$/)
        .required()
        .description('The bank’s NAPAS identification number (BIN), e.g. 970436'),
      accountNumber: Joi.string()
        .pattern(/^\d{6,19}$/)
        .required(),
      accountHolder: Joi.personName().required(),
    }).required(),
  }).id('FuneralAllowanceClaimRequest_v1'),
  output: funeralAllowanceClaim,
  subject: (input) => ({ kind: 'citizen', id: input.deceasedPersonalId }),
  async execute(ctx, input) {
    const res = await ctx.client.request(ctx, {
      method: 'POST',
      path: '/api/v1/bhxh/tro-cap-mai-tang',
      body: toMaiTang(input),
    });
    return fromHoSoMaiTang(readUpstream<HoSoMaiTang>(ctx.client.upstream, hoSoMaiTangSchema, res.data));
  },
});
