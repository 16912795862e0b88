/**
 * obligations-for-transfer/v1: tax computes the obligations of a land-use-right transfer from the land office's
 * Mẫu 15 slip and issues its notices (step 4; the dossier goes to status 6) → TransferObligations_v1: the
 * notices as tax-obligation@1 (personal income tax from the seller, registration fee from the buyer) and
 * their total. The tax office is found through the crosswalk from the parcel's commune.
 */
import { Joi } from '../../../contracts';
import { vndSchema } from '../../../contracts/schemas/common';
import { informationSlipSchema } from '../../../contracts/schemas/land';
import { taxObligationSchema } from '../../../contracts/schemas/tax';
import { defineService, readUpstream } from '../../sdk';
import { nghiaVuSchema, type NghiaVuChuyenNhuong } from '../dialect';
import type { TaxClient } from '../index';
import { fromNghiaVu, toYeuCauNghiaVu, type InformationSlip } from '../mapping-obligations';

export const transferObligations = Joi.object({
  dossierCode: Joi.string().max(50).required(),
  obligations: Joi.array().items(taxObligationSchema).min(1).required(),
  total: vndSchema.required().description('Sum of the notices, VND'),
}).id('TransferObligations_v1');

interface In {
  dossierCode: string;
  informationSlip: InformationSlip;
}

export const obligationsForTransfer = defineService<TaxClient, In, Record<string, unknown>>({
  name: 'obligations-for-transfer',
  version: 1,
  title: 'Compute and notify the obligations of a land-use-right transfer',
  kind: 'write',
  input: Joi.object({
    dossierCode: Joi.string().max(50).required().description('The transfer dossier the slip belongs to'),
    informationSlip: informationSlipSchema.required(),
  }).id('ObligationsForTransferRequest_v1'),
  output: transferObligations,
  subject: (input) => {
    const seller = input.informationSlip.transferors[0];
    if (seller?.personalId) return { kind: 'citizen', id: seller.personalId };
    return seller?.taxCode ? { kind: 'business', id: seller.taxCode } : undefined;
  },
  async execute(ctx, input) {
    const res = await ctx.client.request(ctx, {
      method: 'POST',
      path: '/api/nghia-vu-tai-chinh/chuyen-nhuong-bat-dong-san',
      body: toYeuCauNghiaVu(input.dossierCode, input.informationSlip),
    });
    return fromNghiaVu(readUpstream<NghiaVuChuyenNhuong>(ctx.client.upstream, nghiaVuSchema, res.data));
  },
});
