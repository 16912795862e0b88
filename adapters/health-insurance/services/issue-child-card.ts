/**
 * issue-child-card/v1: a health-insurance card for a child under 6 (group TE, benefit level 1, valid from the
 * date of birth until the day before the 6th birthday — child-card-validity.ts) → health-insurance-card@1.
 * Step 4 of the birth joint procedure (Decree 63/2024). A write: applied once per idempotency key.
 */
import { Joi } from '../../../contracts';
import { addressSchema } from '../../../contracts/schemas/common';
import { defineService, readUpstream } from '../../sdk';
import type { HealthInsuranceClient } from '../index';
import { fromTheBhyt, theBhytSchema, type TheBhyt } from '../mapping';
import { toCapTheTreEm, type ChildCardInput } from '../requests';

export const issueChildCard = defineService<HealthInsuranceClient, ChildCardInput, Record<string, unknown>>({
  name: 'issue-child-card',
  version: 1,
  title: 'Issue a health-insurance card to a child under 6',
  kind: 'write',
  input: Joi.object({
    // Declared before personalId: the ID's century, year and sex digits are checked against them.
    dateOfBirth: Joi.fullDate({ notFuture: true }).required(),
    sex: Joi.string().valid('male', 'female').required(),
    personalId: Joi.personalId().required(),
    fullName: Joi.personName().required(),
    primaryCareFacilityCode: Joi.string()
      .pattern(/^\d{5}$/)
      .required()
      .description('Initial primary-care facility (nơi đăng ký KCB ban đầu): province (2) + facility (3)'),
    address: addressSchema
      .keys({ provinceCode: Joi.provinceCode().required() })
      .required()
      .description('The household’s address; its province is the card’s'),
  }).id('IssueChildCardRequest_v1'),
  output: 'health-insurance-card@1',
  subject: (input) => ({ kind: 'citizen', id: input.personalId }),
  async execute(ctx, input) {
    const res = await ctx.client.request(ctx, {
      method: 'POST',
      path: '/api/v1/bhyt/cap-the-tre-em',
      body: toCapTheTreEm(input),
    });
    return fromTheBhyt(readUpstream<TheBhyt>(ctx.client.upstream, theBhytSchema, res.data));
  },
});
