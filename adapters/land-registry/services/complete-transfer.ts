/**
 * complete-transfer/v1: after the obligations are paid, the land office updates the records and endorses the
 * certificate (step 6) → land-parcel@1 with the transferees as holders and a new register number. Input: the
 * dossier and the payment vouchers. The registry refuses a dossier whose slip was not sent (CHUA_CHUYEN_THUE).
 */
import { Joi } from '../../../contracts';
import { vndSchema } from '../../../contracts/schemas/common';
import { defineService } from '../../sdk';
import { ask } from '../ask';
import { capNhatAnswer, type ThuaDat } from '../dialect';
import type { LandRegistryClient } from '../index';
import { fromThuaDat } from '../mapping';
import { toChungTu, type Voucher } from '../mapping-transfer';

export const completeTransfer = defineService<
  LandRegistryClient,
  { dossierCode: string; vouchers: Voucher[] },
  Record<string, unknown>
>({
  name: 'complete-transfer',
  version: 1,
  title: 'Update the land records after the transfer obligations are paid',
  kind: 'write',
  input: Joi.object({
    dossierCode: Joi.string().max(50).required(),
    vouchers: Joi.array()
      .items(
        Joi.object({
          noticeNumber: Joi.string().max(50).required().description('The tax notice paid'),
          voucherNumber: Joi.string().max(50).required().description('The payment voucher (chứng từ)'),
          paidAt: Joi.timestamp().required(),
          amount: vndSchema.required(),
        }),
      )
      .min(1)
      .required(),
  }).id('CompleteTransferRequest_v1'),
  output: 'land-parcel@1',
  async execute(ctx, input) {
    const r = await ask<{ thuaDat: ThuaDat }>(
      ctx,
      'CapNhatBienDong',
      { maHoSo: input.dossierCode, chungTuNop: { chungTu: input.vouchers.map(toChungTu) } },
      capNhatAnswer,
    );
    return fromThuaDat(r.thuaDat);
  },
});
