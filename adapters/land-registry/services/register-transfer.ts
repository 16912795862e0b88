/**
 * register-transfer/v1: the registration of a land-use-right change at the land office (step 2 of the transfer
 * joint procedure, within 30 days of the contract — Land Law 2024 Art. 133(3)) → land-transfer@1, status
 * 'received'. The registry refuses transferors who are not the parcel's holders (BEN_CHUYEN_NHUONG_KHONG_DUNG)
 * and a parcel already under another pending change (THUA_DAT_DANG_CO_BIEN_DONG).
 */
import { Joi } from '../../../contracts';
import { partySchema, vndSchema } from '../../../contracts/schemas/common';
import { parcelKeySchema } from '../../../contracts/schemas/land';
import { defineService } from '../../sdk';
import { ask } from '../ask';
import { dangKyAnswer, type HoSoDaTiepNhan } from '../dialect';
import type { LandRegistryClient } from '../index';
import { fromHoSo, toHoSoBienDong, type RegisterTransferInput } from '../mapping-transfer';

export const registerTransferRequest = Joi.object({
  dossierCode: Joi.string().max(50).required().description('The one-stop dossier code (mã hồ sơ)'),
  kind: Joi.string().valid('transfer', 'gift', 'inheritance').default('transfer'),
  parcel: parcelKeySchema.required(),
  transferors: Joi.array().items(partySchema).min(1).required(),
  transferees: Joi.array().items(partySchema).min(1).required(),
  contract: Joi.object({
    number: Joi.string().max(50).required(),
    notarisedAt: Joi.fullDate({ notFuture: true }).required(),
    notary: Joi.vnText().max(300),
  }).required(),
  declaredPrice: vndSchema.required().description('Price declared in the contract, VND'),
}).id('RegisterTransferRequest_v1');

export const registerTransfer = defineService<
  LandRegistryClient,
  RegisterTransferInput,
  Record<string, unknown>
>({
  name: 'register-transfer',
  version: 1,
  title: 'Register a land-use-right transfer (registration of the change)',
  kind: 'write',
  input: registerTransferRequest,
  output: 'land-transfer@1',
  subject: (input) => {
    const first = input.transferors[0];
    if (first?.personalId) return { kind: 'citizen', id: first.personalId };
    return first?.taxCode ? { kind: 'business', id: first.taxCode } : undefined;
  },
  async execute(ctx, input) {
    const r = await ask<{ hoSo: HoSoDaTiepNhan }>(
      ctx,
      'DangKyBienDong',
      { hoSo: toHoSoBienDong(input) },
      dangKyAnswer,
    );
    return fromHoSo(r.hoSo);
  },
});
