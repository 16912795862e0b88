/** Shared by the payment services: the request schema pieces and reading the platform's envelope. */
import { Joi } from '../../../contracts';
import { paymentItemSchema, referenceSchema } from '../../../contracts/schemas/payment';
import { PROCEDURE_CODE_PATTERN } from '../../../contracts/schemas/common';
import { readUpstream, type RestResponse } from '../../sdk';
import { giaoDichSchema, MA_LOI, phanHoiSchema, type GiaoDich } from '../dialect';
import { envelopeRefusal } from '../mapping';

export const paymentRef = referenceSchema;

export const paymentRequestInput = Joi.object({
  paymentRef: referenceSchema.required().description('The hub’s reference: unique per payment request'),
  dossierCode: Joi.string().max(50),
  procedureCode: Joi.string().pattern(PROCEDURE_CODE_PATTERN),
  payer: Joi.object({
    kind: Joi.string().valid('individual', 'organisation').required(),
    fullName: Joi.personName().required(),
    personalId: Joi.personalId({ dobKey: null, sexKey: null }),
    taxCode: Joi.taxCode(),
  })
    .when(Joi.object({ kind: Joi.valid('individual') }).unknown(), {
      then: Joi.object({ personalId: Joi.required() }),
      otherwise: Joi.object({ taxCode: Joi.required() }),
    })
    .required(),
  items: Joi.array().items(paymentItemSchema).min(1).max(50).required(),
  description: Joi.vnText().min(1).max(210).required().description('What is paid, as the payer sees it'),
  expiresInMinutes: Joi.number().integer().min(5).max(43_200).default(1440),
}).id('PaymentRequest_v1');

/** Reads the envelope and returns its data; an error code in a 2xx answer is a refusal too. */
export function readEnvelope(upstream: string, res: RestResponse): unknown {
  const env = readUpstream<{ maLoi: string; moTaLoi: string; duLieu: unknown }>(
    upstream,
    phanHoiSchema,
    res.data,
  );
  if (env.maLoi !== MA_LOI.THANH_CONG) throw envelopeRefusal(env.maLoi, env.moTaLoi);
  return env.duLieu;
}

export const readGiaoDich = (upstream: string, res: RestResponse): GiaoDich =>
  readUpstream<GiaoDich>(upstream, giaoDichSchema, readEnvelope(upstream, res));
