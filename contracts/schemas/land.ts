/** Land: land-parcel@1 and land-transfer@1, with the Mẫu 15 information slip to tax (Land Law 2024). */
import { Joi } from '../extensions';
import { addressSchema, partySchema, vndSchema } from './common';

/** Land-use purpose codes (mục đích sử dụng đất), e.g. ONT rural residential, ODT urban residential. */
const usePurposeSchema = Joi.string()
  .pattern(/^[A-Z]{2,4}$/)
  .description('Land-use purpose code, e.g. ODT (urban residential), ONT (rural residential), CLN, LUC');

export const parcelKeySchema = Joi.object({
  communeCode: Joi.string()
    .pattern(/^\d{5}$/)
    .required()
    .description('Commune code after the 2025 reform (the same in every post-reform catalogue)'),
  mapSheetNumber: Joi.string()
    .pattern(/^\d{1,6}$/)
    .required()
    .description('Map sheet (tờ bản đồ số)'),
  parcelNumber: Joi.string()
    .pattern(/^\d{1,6}$/)
    .required()
    .description('Parcel (thửa đất số)'),
}).description('How a parcel is found: commune + map sheet + parcel number');

export const landParcelSchema = Joi.object({
  key: parcelKeySchema.required(),
  address: addressSchema.required(),
  areaM2: Joi.number().greater(0).max(1e9).precision(1).required(),
  uses: Joi.array()
    .items(
      Joi.object({
        purpose: usePurposeSchema.required(),
        areaM2: Joi.number().greater(0).precision(1).required(),
        term: Joi.alternatives(Joi.string().valid('long-term'), Joi.fullDate()).required(),
      }),
    )
    .min(1)
    .required(),
  origin: Joi.vnText().max(500).description('Origin of the use right (nguồn gốc sử dụng)'),
  certificate: Joi.object({
    serial: Joi.string()
      .pattern(/^[A-ZĐ]{1,2} ?\d{6,8}$/)
      .required()
      .description(
        'Certificate serial as printed, e.g. "CX 123456" or "BĐ 582904" (series letters include Đ)',
      ),
    registerNumber: Joi.string().max(30).required().description('Số vào sổ cấp giấy chứng nhận'),
    issuedAt: Joi.fullDate().required(),
    issuer: Joi.vnText().max(300),
  }),
  holders: Joi.array().items(partySchema).min(1).required(),
}).description('A land parcel as held by the land registry');

/** Mẫu số 15: phiếu chuyển thông tin để xác định nghĩa vụ tài chính về đất đai. */
export const informationSlipSchema = Joi.object({
  slipNumber: Joi.string().max(50).required(),
  issuedAt: Joi.timestamp().required(),
  landOffice: Joi.object({ code: Joi.string().max(50).required(), name: Joi.vnText().max(300) }).required(),
  taxOffice: Joi.object({ code: Joi.string().max(50).required(), name: Joi.vnText().max(300) }),
  parcel: parcelKeySchema.required(),
  address: addressSchema.required(),
  areaM2: Joi.number().greater(0).precision(1).required(),
  usePurpose: usePurposeSchema.required(),
  transferors: Joi.array().items(partySchema).min(1).required(),
  transferees: Joi.array().items(partySchema).min(1).required(),
  declaredPrice: vndSchema.required(),
  landPricePerM2: vndSchema.description('Price from the provincial land price table'),
  exemptions: Joi.array().items(Joi.vnText().max(300)),
}).description('Form 15: the land office sends it to tax to determine the financial obligations');

export const landTransferSchema = Joi.object({
  dossierCode: Joi.string().max(50).required(),
  kind: Joi.string().valid('transfer', 'gift', 'inheritance').default('transfer'),
  parcel: parcelKeySchema.required(),
  transferors: Joi.array().items(partySchema).min(1).required(),
  transferees: Joi.array().items(partySchema).min(1).required(),
  contract: Joi.object({
    number: Joi.string().max(50).required(),
    notarisedAt: Joi.fullDate({ notFuture: true }).required(),
    notary: Joi.vnText().max(300),
  }).required(),
  declaredPrice: vndSchema.required(),
  receivedCompleteAt: Joi.timestamp().description('When the dossier was received complete'),
  informationSlip: informationSlipSchema,
  status: Joi.string().valid(
    'received',
    'sent-to-tax',
    'obligations-issued',
    'paid',
    'registered',
    'refused',
  ),
}).description('A land-use-right transfer registration');
