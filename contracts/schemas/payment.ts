/**
 * Payments and shipments, for the procedures that charge fees online and post results home (level-4
 * online service): payment@1 is a payment requested from the national payment platform, its status and,
 * once paid, its receipt — what a procedure waits on; shipment@1 a result posted to the applicant through
 * the public postal service (Decision 45/2016/QĐ-TTg), with its tracking events; proof-of-delivery@1 what
 * the postman recorded when it was handed over.
 */
import { Joi } from '../extensions';
import { addressSchema, nameFields, partySchema, PROCEDURE_CODE_PATTERN, vndSchema } from './common';

/** A reference the hub gives a payment or a shipment: unique per request, safe in URLs and headers. */
export const referenceSchema = Joi.string()
  .pattern(/^[A-Za-z0-9][A-Za-z0-9._-]{3,49}$/)
  .description('The requester’s reference: 4–50 letters, digits, dots, hyphens, underscores');

export const PAYMENT_STATUSES = ['pending', 'paid', 'expired', 'failed', 'cancelled'] as const;
export const PAYMENT_ITEM_KINDS = ['fee', 'charge', 'tax', 'land-levy', 'other'] as const;
export const PAYMENT_CHANNELS = ['bank-transfer', 'card', 'e-wallet', 'qr', 'other'] as const;

export const paymentItemSchema = Joi.object({
  kind: Joi.string()
    .valid(...PAYMENT_ITEM_KINDS)
    .required()
    .description('fee (lệ phí), charge (phí), tax, land-levy (tiền sử dụng đất) or other'),
  description: Joi.vnText().min(1).max(300).required(),
  amount: vndSchema.required(),
  noticeNumber: Joi.string().max(50).description('The tax notice paid by this item, if any'),
});

export const paymentSchema = Joi.object({
  paymentRef: referenceSchema.required(),
  platformTransactionId: Joi.string().max(64).required().description('The payment platform’s own id'),
  dossierCode: Joi.string().max(50),
  procedureCode: Joi.string().pattern(PROCEDURE_CODE_PATTERN),
  payer: partySchema.required(),
  items: Joi.array().items(paymentItemSchema).min(1).max(50).required(),
  amount: vndSchema.required().description('The total, the sum of the items'),
  currency: Joi.string().valid('VND').default('VND'),
  status: Joi.string()
    .valid(...PAYMENT_STATUSES)
    .required(),
  payUrl: Joi.string()
    .uri({ scheme: ['https', 'http'] })
    .description('Where the payer pays, while the payment is pending'),
  createdAt: Joi.timestamp().required(),
  expiresAt: Joi.timestamp().required(),
  paidAt: Joi.timestamp().when('status', { is: 'paid', then: Joi.required() }),
  receipt: Joi.object({
    transactionNumber: Joi.string()
      .max(64)
      .required()
      .description('The bank’s or wallet’s transaction number'),
    bank: Joi.string().max(100),
    channel: Joi.string()
      .valid(...PAYMENT_CHANNELS)
      .required(),
    paidAt: Joi.timestamp().required(),
    amount: vndSchema.required(),
  }).when('status', { is: 'paid', then: Joi.required() }),
  failureReason: Joi.vnText().max(300),
}).description('A payment of fees or obligations through the national payment platform');

export const SHIPMENT_STATUSES = [
  'booked',
  'picked-up',
  'in-transit',
  'out-for-delivery',
  'delivered',
  'delivery-failed',
  'returned',
  'cancelled',
] as const;

const contactSchema = Joi.object({
  fullName: nameFields.fullName.required(),
  unit: Joi.vnText().max(300).description('For an office: its name'),
  phone: Joi.phone(),
  address: addressSchema.required(),
});

export const shipmentSchema = Joi.object({
  shipmentRef: referenceSchema.required(),
  trackingNumber: Joi.string()
    .pattern(/^[A-Z]{2}\d{9}VN$/)
    .required()
    .description('The postal item number (S10 format, e.g. EB123456789VN)'),
  dossierCode: Joi.string().max(50),
  sender: contactSchema.required(),
  recipient: contactSchema.required(),
  contents: Joi.vnText().min(1).max(300).required(),
  postage: vndSchema.required(),
  cashOnDelivery: vndSchema.description(
    'Collected from the recipient on delivery (the postage, when they pay it)',
  ),
  pickupWindow: Joi.object({ from: Joi.timestamp().required(), to: Joi.timestamp().required() }),
  status: Joi.string()
    .valid(...SHIPMENT_STATUSES)
    .required(),
  bookedAt: Joi.timestamp().required(),
  deliveredAt: Joi.timestamp().when('status', { is: 'delivered', then: Joi.required() }),
  events: Joi.array()
    .items(
      Joi.object({
        at: Joi.timestamp().required(),
        status: Joi.string()
          .valid(...SHIPMENT_STATUSES)
          .required(),
        location: Joi.vnText().max(200),
        note: Joi.vnText().max(300),
      }),
    )
    .max(200)
    .default([]),
}).description('A result posted to the applicant through the public postal service');

export const proofOfDeliverySchema = Joi.object({
  trackingNumber: shipmentSchema.extract('trackingNumber').required(),
  shipmentRef: referenceSchema,
  deliveredAt: Joi.timestamp().required(),
  receivedBy: Joi.object({
    fullName: nameFields.fullName.required(),
    relation: Joi.string().valid('self', 'family', 'authorised', 'other').required(),
    personalId: Joi.personalId({ dobKey: null, sexKey: null }),
  }).required(),
  signatureSha256: Joi.string()
    .pattern(/^[0-9a-f]{64}$/)
    .description('SHA-256 of the recipient’s signature image kept by the postal service'),
  photoSha256: Joi.string().pattern(/^[0-9a-f]{64}$/),
  location: Joi.object({
    lat: Joi.number().min(-90).max(90).required(),
    lon: Joi.number().min(-180).max(180).required(),
  }),
  postman: Joi.vnText().max(200),
}).description('What the postal service recorded when it handed a shipment over');
