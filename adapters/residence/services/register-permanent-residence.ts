/**
 * register-permanent-residence/v1: registers a person (typically a newborn, by the personal ID the population
 * database has just issued) into an existing household, with the head of household's consent → residence@1.
 * Step 3 of the birth joint procedure (Decree 63/2024). A write: applied once per idempotency key.
 */
import { Joi } from '../../../contracts';
import { RELATIONS_TO_HEAD } from '../../../contracts/schemas/residence';
import { defineService, readUpstream } from '../../sdk';
import type { ResidenceClient } from '../index';
import { dangKySchema, fromDangKy, type DangKyThuongTru } from '../mapping';
import { toDangKy, type RegisterInput } from '../requests';
import { HOUSEHOLD_ID } from './household';

export const registerPermanentResidence = defineService<
  ResidenceClient,
  RegisterInput,
  Record<string, unknown>
>({
  name: 'register-permanent-residence',
  version: 1,
  title: 'Register a person’s permanent residence in a household, with the head’s consent',
  kind: 'write',
  input: Joi.object({
    householdId: Joi.string().pattern(HOUSEHOLD_ID).required(),
    // Declared before personalId: the ID's year digits are checked against the normalised date.
    dateOfBirth: Joi.fullDate({ notFuture: true }).required(),
    personalId: Joi.personalId().required(),
    fullName: Joi.personName().required(),
    relationToHead: Joi.string()
      .valid(...RELATIONS_TO_HEAD.filter((r) => r !== 'self'))
      .required()
      .description('Relation of the person to the head of household (a new member is never the head)'),
    headConsent: Joi.object({
      personalId: Joi.personalId({ dobKey: null, sexKey: null }).required(),
      confirmedAt: Joi.timestamp().required(),
    })
      .required()
      .description('The head of household’s consent (Luật Cư trú 2020 Art. 20(1))'),
  }).id('RegisterPermanentResidenceRequest_v1'),
  output: 'residence@1',
  subject: (input) => ({ kind: 'citizen', id: input.personalId }),
  async execute(ctx, input) {
    const res = await ctx.client.request(ctx, {
      method: 'POST',
      path: '/api/v1/thuong-tru/dang-ky',
      body: toDangKy(input),
    });
    return fromDangKy(readUpstream<DangKyThuongTru>(ctx.client.upstream, dangKySchema, res.data));
  },
});
