/**
 * register-birth/v1: the commune registers a birth (Luật Hộ tịch 2014 Art. 16; step 2 of the Decree 63/2024
 * joint procedure) → birth-event@1 with the register number and time filled by the registry. A write: the
 * hub's idempotency key travels to the registry, which applies it once.
 */
import { Joi } from '../../../contracts';
import {
  addressSchema,
  issuedReferenceSchema,
  personRefSchema,
  sexSchema,
} from '../../../contracts/schemas/common';
import { defineService } from '../../sdk';
import { dangKyKhaiSinhAnswerSchema, type KhaiSinh, type CongDan } from '../dialect';
import type { CivilStatusClient } from '../index';
import { fromKhaiSinh, readAnswer, toYeuCauKhaiSinh } from '../mapping';
import { identifiedPersonSchema, registeringCommuneSchema, timeOfDaySchema } from './request-parts';

export const registerBirthInput = Joi.object({
  child: Joi.object({
    fullName: Joi.personName().required(),
    dateOfBirth: Joi.fullDate({ notFuture: true }).required(),
    timeOfBirth: timeOfDaySchema,
    sex: sexSchema.required(),
    placeOfBirth: addressSchema.required(),
    personalId: Joi.personalId().description(
      'When the population database has already issued it (checked against dateOfBirth and sex)',
    ),
    ethnicity: Joi.vnText().max(50),
    nationality: Joi.string()
      .pattern(/^[A-Z]{2}$/)
      .default('VN'),
  }).required(),
  mother: identifiedPersonSchema.required(),
  father: identifiedPersonSchema,
  birthCertificate: issuedReferenceSchema
    .required()
    .description('The electronic birth certificate (giấy chứng sinh) issued by the health facility'),
  healthFacility: Joi.object({ code: Joi.string().max(20).required(), name: Joi.vnText().max(300) }),
  declarant: personRefSchema,
  registeringCommune: registeringCommuneSchema.required(),
}).id('RegisterBirthRequest_v1');

type In = Record<string, unknown> & { child: { personalId?: string }; mother: { personalId: string } };

export const registerBirth = defineService<CivilStatusClient, In, Record<string, unknown>>({
  name: 'register-birth',
  version: 1,
  title: 'Register a birth in the commune birth register',
  description:
    'Late registrations (more than 60 days after the birth, Art. 15) are accepted; the registry marks them.',
  kind: 'write',
  input: registerBirthInput,
  output: 'birth-event@1',
  subject: (input) => ({ kind: 'citizen', id: input.child.personalId ?? input.mother.personalId }),
  async execute(ctx, input) {
    const res = await ctx.client.call(ctx, {
      operation: 'DangKyKhaiSinh',
      body: { ...toYeuCauKhaiSinh(input) },
    });
    const r = readAnswer<{ khaiSinh: KhaiSinh & { me: CongDan } }>(
      ctx.client.upstream,
      res,
      'DangKyKhaiSinhResponse',
      dangKyKhaiSinhAnswerSchema,
    );
    return fromKhaiSinh(r.khaiSinh);
  },
});
