/**
 * register-marriage/v1: the commune registers a marriage (Luật Hộ tịch 2014 Art. 17–18) → marriage-event@1.
 * The marriage takes effect on registration, so the registry fills its date with the register number.
 * Refused when either spouse is unknown, deceased, under the marriage age, or already married.
 */
import { Joi } from '../../../contracts';
import { defineService } from '../../sdk';
import { dangKyKetHonAnswerSchema, type KetHon } from '../dialect';
import type { CivilStatusClient } from '../index';
import { fromKetHon, readAnswer, toYeuCauKetHon } from '../mapping';
import { identifiedPersonSchema, registeringCommuneSchema } from './request-parts';

export const registerMarriageInput = Joi.object({
  spouses: Joi.array()
    .items(identifiedPersonSchema)
    .length(2)
    .unique((a: { personalId?: string }, b: { personalId?: string }) => a.personalId === b.personalId)
    .required()
    .description('The two spouses, by personal ID'),
  registeringCommune: registeringCommuneSchema.required(),
}).id('RegisterMarriageRequest_v1');

type In = Record<string, unknown> & { spouses: { personalId: string }[] };

export const registerMarriage = defineService<CivilStatusClient, In, Record<string, unknown>>({
  name: 'register-marriage',
  version: 1,
  title: 'Register a marriage in the commune marriage register',
  kind: 'write',
  input: registerMarriageInput,
  output: 'marriage-event@1',
  // One subject per call: the first spouse (the SDK's Subject cannot name both).
  subject: (input) => ({ kind: 'citizen', id: input.spouses[0].personalId }),
  async execute(ctx, input) {
    const res = await ctx.client.call(ctx, { operation: 'DangKyKetHon', body: { ...toYeuCauKetHon(input) } });
    const r = readAnswer<{ ketHon: KetHon }>(
      ctx.client.upstream,
      res,
      'DangKyKetHonResponse',
      dangKyKetHonAnswerSchema,
    );
    return fromKetHon(r.ketHon);
  },
});
