/** person-by-id/v1: a citizen's record by personal ID → person@1. */
import { Joi } from '../../../contracts';
import { defineService, readUpstream } from '../../sdk';
import type { PopulationClient } from '../index';
import { congDanSchema, fromCongDan, type CongDan } from '../mapping';

export const personById = defineService<PopulationClient, { personalId: string }, Record<string, unknown>>({
  name: 'person-by-id',
  version: 1,
  title: 'A citizen by personal ID',
  kind: 'read',
  input: Joi.object({ personalId: Joi.personalId().required() }).id('PersonByIdRequest_v1'),
  output: 'person@1',
  subject: (input) => ({ kind: 'citizen', id: input.personalId }),
  async execute(ctx, input) {
    const res = await ctx.client.request(ctx, {
      method: 'GET',
      path: `/api/v1/cong-dan/${input.personalId}`,
    });
    return fromCongDan(readUpstream<CongDan>(ctx.client.upstream, congDanSchema, res.data));
  },
});
