/**
 * remove-permanent-residence/v1: removes a person's permanent residence (xóa đăng ký thường trú) → residence@1
 * with status 'removed'. Step 3 of the death joint procedure (reason 'death', with the death register
 * number), and the compensation of a birth registration refused after the residence was registered
 * (reason 'other', with the household id as a guard). A write: applied once per idempotency key.
 */
import { Joi } from '../../../contracts';
import { defineService, readUpstream } from '../../sdk';
import type { ResidenceClient } from '../index';
import { dangKySchema, fromDangKy, type DangKyThuongTru } from '../mapping';
import { toXoaDangKy, type RemoveInput } from '../requests';
import { HOUSEHOLD_ID } from './household';

export const removePermanentResidence = defineService<ResidenceClient, RemoveInput, Record<string, unknown>>({
  name: 'remove-permanent-residence',
  version: 1,
  title: 'Remove a person’s permanent residence (death, moved away, other)',
  kind: 'write',
  input: Joi.object({
    personalId: Joi.personalId().required(),
    reason: Joi.string().valid('death', 'moved', 'other').required(),
    deathRegisterNumber: Joi.string()
      .max(50)
      .when('reason', { is: 'death', then: Joi.required(), otherwise: Joi.forbidden() })
      .description('Entry in the death register (số đăng ký khai tử), with reason death only'),
    householdId: Joi.string()
      .pattern(HOUSEHOLD_ID)
      .description('When given, the removal is refused if the person is registered in another household'),
    note: Joi.vnText().max(500),
  }).id('RemovePermanentResidenceRequest_v1'),
  output: 'residence@1',
  subject: (input) => ({ kind: 'citizen', id: input.personalId }),
  async execute(ctx, input) {
    const res = await ctx.client.request(ctx, {
      method: 'POST',
      path: '/api/v1/thuong-tru/xoa-dang-ky',
      body: toXoaDangKy(input),
    });
    return fromDangKy(readUpstream<DangKyThuongTru>(ctx.client.upstream, dangKySchema, res.data));
  },
});
