/**
 * issue-personal-id/v1: the population database creates a newborn's personal ID at birth registration
 * (Decree 63/2024 joint procedure, step 2). A write: the hub's idempotency key travels to the upstream.
 */
import { Joi } from '../../../contracts';
import { formatDisplayDate, parseTimestamp } from '../../../contracts/validators/date';
import { defineService, readUpstream } from '../../sdk';
import type { PopulationClient } from '../index';
import { capSoSchema } from '../mapping';

interface In {
  fullName: string;
  dateOfBirth: string;
  sex: 'male' | 'female';
  birthProvinceCode: string;
  motherId: string;
  fatherId?: string;
  birthCertificateNumber: string;
}

export const issuedPersonalId = Joi.object({
  personalId: Joi.personalId({ dobKey: null, sexKey: null }).required(),
  issuedAt: Joi.timestamp().required(),
}).id('IssuedPersonalId_v1');

export const issuePersonalId = defineService<PopulationClient, In, Record<string, unknown>>({
  name: 'issue-personal-id',
  version: 1,
  title: "Create a newborn's personal ID",
  kind: 'write',
  input: Joi.object({
    fullName: Joi.personName().required(),
    dateOfBirth: Joi.fullDate({ notFuture: true }).required(),
    sex: Joi.string().valid('male', 'female').required(),
    birthProvinceCode: Joi.string()
      .pattern(/^\d{2}$/)
      .required()
      .description('Province where the birth is registered'),
    motherId: Joi.personalId({ dobKey: null, sexKey: null }).required(),
    fatherId: Joi.personalId({ dobKey: null, sexKey: null }),
    birthCertificateNumber: Joi.string().max(100).required(),
  }).id('IssuePersonalIdRequest_v1'),
  output: issuedPersonalId,
  subject: (input) => ({ kind: 'citizen', id: input.motherId }),
  async execute(ctx, input) {
    const res = await ctx.client.request(ctx, {
      method: 'POST',
      path: '/api/v1/cong-dan/cap-so-dinh-danh',
      body: {
        hoVaTen: input.fullName,
        ngaySinh: formatDisplayDate(input.dateOfBirth),
        gioiTinh: input.sex === 'male' ? 1 : 2,
        maTinhDangKy: input.birthProvinceCode,
        soDinhDanhMe: input.motherId,
        soDinhDanhCha: input.fatherId ?? null,
        soGiayChungSinh: input.birthCertificateNumber,
      },
    });
    const r = readUpstream<{ soDinhDanh: string; ngayCap: string }>(
      ctx.client.upstream,
      capSoSchema,
      res.data,
    );
    const issuedAt = parseTimestamp(r.ngayCap);
    return { personalId: r.soDinhDanh, issuedAt: issuedAt.ok ? issuedAt.value : r.ngayCap };
  },
});
