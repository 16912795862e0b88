/**
 * birth-certificate/v1: the electronic birth certificate (giấy chứng sinh điện tử) a health facility signed
 * and sent to Vietnam Social Security (Decree 63/2024/NĐ-CP), read by its number → BirthCertificate_v1, so
 * that the joint birth procedure takes the child's date, time and place of birth from the facility instead of
 * asking the parents. The mother's personal ID is asked too: the upstream answers only when it is the mother
 * on the certificate (a number alone would let anyone read a newborn's data), and the call is about her.
 */
import { Joi } from '../../../contracts';
import { addressSchema, sexSchema } from '../../../contracts/schemas/common';
import { defineService, readUpstream } from '../../sdk';
import type { HealthInsuranceClient } from '../index';
import { fromGiayChungSinh, giayChungSinhSchema, type GiayChungSinh } from '../mapping-birth';
import { toTraCuuGiayChungSinh, type BirthCertificateInput } from '../requests';

const anyPersonalId = () => Joi.personalId({ dobKey: null, sexKey: null });
const personOnCertificate = Joi.object({
  personalId: anyPersonalId().required(),
  fullName: Joi.personName().required(),
});

export const birthCertificateOutput = Joi.object({
  number: Joi.string().max(100).required().description('The certificate number the facility gave'),
  issuedAt: Joi.timestamp().required(),
  facility: Joi.object({
    code: Joi.string().max(20).required().description('The facility code (mã cơ sở khám chữa bệnh)'),
    name: Joi.vnText().max(300).required(),
  }).required(),
  child: Joi.object({
    dateOfBirth: Joi.fullDate({ notFuture: true }).required(),
    timeOfBirth: Joi.string()
      .pattern(/^([01]\d|2[0-3]):[0-5]\d$/)
      .required()
      .description('HH:mm, local time'),
    sex: sexSchema.required(),
    birthWeightGrams: Joi.number().integer().min(300).max(8000),
    placeOfBirth: addressSchema
      .required()
      .description('The facility: its commune and province (post-reform codes)'),
  }).required(),
  mother: personOnCertificate.required(),
  father: personOnCertificate,
  signature: Joi.string()
    .max(10000)
    .required()
    .description('The facility’s signature over the certificate, as received (opaque)'),
}).id('BirthCertificate_v1');

export const birthCertificate = defineService<
  HealthInsuranceClient,
  BirthCertificateInput,
  Record<string, unknown>
>({
  name: 'birth-certificate',
  version: 1,
  title: 'The electronic birth certificate a health facility issued',
  kind: 'read',
  input: Joi.object({
    number: Joi.string()
      .min(1)
      .max(100)
      .required()
      .description('The certificate number (số giấy chứng sinh)'),
    motherPersonalId: anyPersonalId().required().description('The mother on the certificate'),
  }).id('BirthCertificateRequest_v1'),
  output: birthCertificateOutput,
  subject: (input) => ({ kind: 'citizen', id: input.motherPersonalId }),
  async execute(ctx, input) {
    // The mother's ID travels in the body, never in the URL (access logs).
    const res = await ctx.client.request(ctx, {
      method: 'POST',
      path: '/api/v1/giay-chung-sinh/tra-cuu',
      body: toTraCuuGiayChungSinh(input),
    });
    return fromGiayChungSinh(readUpstream<GiayChungSinh>(ctx.client.upstream, giayChungSinhSchema, res.data));
  },
});
