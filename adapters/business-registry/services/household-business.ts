/**
 * household-business/v1: a registered household business by its registration number or by its owner's
 * personal ID (a person owns at most one) → household-business@1.
 */
import { Joi } from '../../../contracts';
import { defineService, readUpstream } from '../../sdk';
import type { BusinessRegistryClient } from '../index';
import {
  fromHoKinhDoanh,
  hoKinhDoanhAnswerSchema,
  type HoKinhDoanh,
  type TraCuuHoKinhDoanh,
} from '../mapping';

interface In {
  registrationNumber?: string;
  ownerPersonalId?: string;
}

export const householdBusiness = defineService<BusinessRegistryClient, In, Record<string, unknown>>({
  name: 'household-business',
  version: 1,
  title: 'A household business by registration number or owner',
  kind: 'read',
  input: Joi.object({
    registrationNumber: Joi.string()
      .max(30)
      .pattern(/^[0-9A-Z-]+$/)
      .description('Mã số đăng ký hộ kinh doanh'),
    ownerPersonalId: Joi.personalId({ dobKey: null, sexKey: null }),
  })
    .xor('registrationNumber', 'ownerPersonalId')
    .id('HouseholdBusinessRequest_v1'),
  output: 'household-business@1',
  // By registration number the owner is known only from the answer, which `subject` cannot see.
  subject: (input) => (input.ownerPersonalId ? { kind: 'citizen', id: input.ownerPersonalId } : undefined),
  async execute(ctx, input) {
    const body: TraCuuHoKinhDoanh = input.ownerPersonalId
      ? { soDinhDanhChuHo: input.ownerPersonalId }
      : { maSoDangKy: input.registrationNumber! };
    // The owner's ID travels in the body, never in the URL (access logs).
    const res = await ctx.client.request(ctx, {
      method: 'POST',
      path: '/api/v1/ho-kinh-doanh/tra-cuu',
      body,
    });
    const r = readUpstream<{ duLieu: HoKinhDoanh }>(ctx.client.upstream, hoKinhDoanhAnswerSchema, res.data);
    return fromHoKinhDoanh(r.duLieu);
  },
});
