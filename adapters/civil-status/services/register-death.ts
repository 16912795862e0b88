/**
 * register-death/v1: the commune registers a death (Luật Hộ tịch 2014 Art. 33; step 2 of the death joint
 * procedure) → death-event@1 with the register number and time filled by the registry. Refused for a person
 * the population database does not know, or one whose death is already registered.
 */
import { Joi } from '../../../contracts';
import { addressSchema, issuedReferenceSchema, personRefSchema } from '../../../contracts/schemas/common';
import { defineService } from '../../sdk';
import { dangKyKhaiTuAnswerSchema, type KhaiTu } from '../dialect';
import type { CivilStatusClient } from '../index';
import { fromKhaiTu, readAnswer, toYeuCauKhaiTu } from '../mapping';
import { identifiedPersonSchema, registeringCommuneSchema, timeOfDaySchema } from './request-parts';

export const registerDeathInput = Joi.object({
  deceased: identifiedPersonSchema.required(),
  dateOfDeath: Joi.fullDate({ notFuture: true }).required(),
  timeOfDeath: timeOfDaySchema,
  placeOfDeath: addressSchema.required(),
  cause: Joi.vnText().max(500),
  deathNotice: issuedReferenceSchema.required().description('The death notice (giấy báo tử)'),
  declarant: personRefSchema.required(),
  registeringCommune: registeringCommuneSchema.required(),
}).id('RegisterDeathRequest_v1');

type In = Record<string, unknown> & { deceased: { personalId: string } };

export const registerDeath = defineService<CivilStatusClient, In, Record<string, unknown>>({
  name: 'register-death',
  version: 1,
  title: 'Register a death in the commune death register',
  description:
    'Late registrations (more than 15 days after the death, Art. 33) are accepted; the registry marks them.',
  kind: 'write',
  input: registerDeathInput,
  output: 'death-event@1',
  subject: (input) => ({ kind: 'citizen', id: input.deceased.personalId }),
  async execute(ctx, input) {
    const res = await ctx.client.call(ctx, { operation: 'DangKyKhaiTu', body: { ...toYeuCauKhaiTu(input) } });
    const r = readAnswer<{ khaiTu: KhaiTu }>(
      ctx.client.upstream,
      res,
      'DangKyKhaiTuResponse',
      dangKyKhaiTuAnswerSchema,
    );
    return fromKhaiTu(r.khaiTu);
  },
});
