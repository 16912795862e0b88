/** identity-check/v1: do personal ID, name and date of birth belong together? Answers yes/no per field. */
import { Joi } from '../../../contracts';
import { formatDisplayDate } from '../../../contracts/validators/date';
import { defineService, readUpstream } from '../../sdk';
import type { PopulationClient } from '../index';
import { xacThucSchema } from '../mapping';

interface In {
  personalId: string;
  fullName: string;
  dateOfBirth: string;
}

export const identityCheckOutput = Joi.object({
  match: Joi.boolean().required(),
  fields: Joi.object({
    personalId: Joi.boolean().required(),
    fullName: Joi.boolean().required(),
    dateOfBirth: Joi.boolean().required(),
  }).required(),
}).id('IdentityCheckResult_v1');

export const identityCheck = defineService<PopulationClient, In, Record<string, unknown>>({
  name: 'identity-check',
  version: 1,
  title: 'Check that a personal ID, a name and a date of birth belong together',
  kind: 'read',
  input: Joi.object({
    personalId: Joi.personalId({ dobKey: null, sexKey: null }).required(),
    fullName: Joi.personName().required(),
    dateOfBirth: Joi.partialDate().required(),
  }).id('IdentityCheckRequest_v1'),
  output: identityCheckOutput,
  subject: (input) => ({ kind: 'citizen', id: input.personalId }),
  async execute(ctx, input) {
    const res = await ctx.client.request(ctx, {
      method: 'POST',
      path: '/api/v1/cong-dan/xac-thuc',
      body: {
        soDinhDanh: input.personalId,
        hoVaTen: input.fullName,
        ngaySinh: formatDisplayDate(input.dateOfBirth),
      },
    });
    const r = readUpstream<{ ketQua: string; chiTiet: Record<string, boolean> }>(
      ctx.client.upstream,
      xacThucSchema,
      res.data,
    );
    return {
      match: r.ketQua === 'KHOP',
      fields: {
        personalId: r.chiTiet.soDinhDanh,
        fullName: r.chiTiet.hoVaTen,
        dateOfBirth: r.chiTiet.ngaySinh,
      },
    };
  },
});
