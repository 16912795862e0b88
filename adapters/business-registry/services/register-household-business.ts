/**
 * register-household-business/v1: registers a household business (hộ kinh doanh) with the business
 * registration office of the commune where it trades → household-business@1 with the registration number the
 * office assigns. Since 1 July 2025 household businesses register at the commune (Decree 168/2025/NĐ-CP). The
 * first step of the joint procedure "household business registration + tax registration". A write: the
 * hub's idempotency key travels to the registry, which applies it once.
 */
import { Joi } from '../../../contracts';
import { addressSchema, emailSchema, vndSchema } from '../../../contracts/schemas/common';
import { UNIT_CATALOGUES } from '../../../contracts/validators/admin-units';
import { defineService, readUpstream } from '../../sdk';
import type { BusinessRegistryClient } from '../index';
import {
  fromHoKinhDoanh,
  hoKinhDoanhAnswerSchema,
  toDangKy,
  type HoKinhDoanh,
  type RegisterInput,
} from '../mapping';

export const registerHouseholdBusinessInput = Joi.object({
  owner: Joi.object({
    personalId: Joi.personalId({ dobKey: null, sexKey: null }).required(),
    fullName: Joi.personName().required(),
  })
    .required()
    .description('The owner: an adult citizen who owns no other household business'),
  businessName: Joi.vnText()
    .max(300)
    .required()
    .description('"Hộ kinh doanh" followed by its own name, unique in the commune'),
  address: addressSchema
    .keys({
      communeCode: Joi.communeCode().required(),
      catalogue: Joi.string()
        .valid(...UNIT_CATALOGUES)
        .required(),
    })
    .required()
    .description('Where the business trades; its commune registers it'),
  activityCodes: Joi.array()
    .items(Joi.string().pattern(/^\d{4,5}$/))
    .min(1)
    .max(50)
    .unique()
    .required()
    .description('Business lines, VSIC 2018 (4 or 5 digits), the main line first'),
  capital: vndSchema.required(),
  employees: Joi.number().integer().min(0).max(10000).default(0),
  phone: Joi.phone(),
  email: emailSchema,
}).id('RegisterHouseholdBusinessRequest_v1');

export const registerHouseholdBusiness = defineService<
  BusinessRegistryClient,
  RegisterInput,
  Record<string, unknown>
>({
  name: 'register-household-business',
  version: 1,
  title: 'Register a household business with the commune',
  description:
    'Refused: a name already registered in the commune (TRUNG_TEN), an owner who already owns a household business (CHU_HO_DA_CO_HO_KINH_DOANH), an owner under 18 (CHU_HO_CHUA_DU_18_TUOI), an unknown business line (MA_NGANH_KHONG_HOP_LE).',
  kind: 'write',
  input: registerHouseholdBusinessInput,
  output: 'household-business@1',
  subject: (input) => ({ kind: 'citizen', id: input.owner.personalId }),
  async execute(ctx, input) {
    const res = await ctx.client.request(ctx, {
      method: 'POST',
      path: '/api/v1/ho-kinh-doanh/dang-ky',
      body: toDangKy(input),
    });
    const r = readUpstream<{ duLieu: HoKinhDoanh }>(ctx.client.upstream, hoKinhDoanhAnswerSchema, res.data);
    return fromHoKinhDoanh(r.duLieu);
  },
});
