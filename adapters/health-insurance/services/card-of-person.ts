/** card-of-person/v1: the health-insurance card a citizen holds, by personal ID → health-insurance-card@1. */
import { Joi } from '../../../contracts';
import { defineService, readUpstream } from '../../sdk';
import type { HealthInsuranceClient } from '../index';
import { fromTheBhyt, theBhytSchema, type TheBhyt } from '../mapping';

export const cardOfPerson = defineService<
  HealthInsuranceClient,
  { personalId: string },
  Record<string, unknown>
>({
  name: 'card-of-person',
  version: 1,
  title: 'The health-insurance card of a citizen',
  kind: 'read',
  input: Joi.object({ personalId: Joi.personalId().required() }).id('CardOfPersonRequest_v1'),
  output: 'health-insurance-card@1',
  subject: (input) => ({ kind: 'citizen', id: input.personalId }),
  async execute(ctx, input) {
    // The ID travels in the body, never in the URL (access logs).
    const res = await ctx.client.request(ctx, {
      method: 'POST',
      path: '/api/v1/bhyt/tra-cuu-the',
      body: { soDinhDanh: input.personalId },
    });
    return fromTheBhyt(readUpstream<TheBhyt>(ctx.client.upstream, theBhytSchema, res.data));
  },
});
