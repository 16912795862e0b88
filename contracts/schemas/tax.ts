/** Tax: tax-registration@1, tax-obligation@1, household-business@1. */
import { Joi } from '../extensions';
import { addressSchema, emailSchema, nameFields, partySchema, personRefSchema, vndSchema } from './common';

/** VSIC 2018 activity codes are 4 or 5 digits at the levels used for registration. */
const activityCodesSchema = Joi.array()
  .items(Joi.string().pattern(/^\d{4,5}$/))
  .min(1)
  .max(50)
  .unique()
  .description('Business activity codes (VSIC 2018)');

export const taxRegistrationSchema = Joi.object({
  taxpayer: partySchema.required(),
  businessName: Joi.vnText().max(300),
  address: addressSchema.required(),
  activityCodes: activityCodesSchema,
  capital: vndSchema,
  taxId: Joi.taxCode().description('Assigned by the tax authority'),
  taxOffice: Joi.object({ code: Joi.string().max(20).required(), name: Joi.vnText().max(300) }),
  registeredAt: Joi.timestamp(),
  status: Joi.string().valid('pending', 'active', 'suspended', 'closed').default('pending'),
}).description('A tax registration of a person, household business or organisation');

export const TAX_KINDS = [
  'personal-income-tax',
  'registration-fee',
  'land-use-levy',
  'land-rental',
  'other',
] as const;

export const taxObligationSchema = Joi.object({
  kind: Joi.string()
    .valid(...TAX_KINDS)
    .required(),
  taxpayer: partySchema.required(),
  amount: vndSchema.required(),
  basis: Joi.object({
    taxableValue: vndSchema.required(),
    rate: Joi.number().min(0).max(1).required().description('Rate as a fraction, e.g. 0.02'),
  }).description('How the amount was computed'),
  dossierCode: Joi.string().max(50),
  noticeNumber: Joi.string().max(50).required(),
  issuedAt: Joi.timestamp(),
  dueDate: Joi.fullDate().required(),
  paymentStatus: Joi.string().valid('unpaid', 'paid', 'partially-paid', 'exempt').required(),
  payment: Joi.object({
    voucherNumber: Joi.string().max(50).required(),
    paidAt: Joi.timestamp().required(),
    amount: vndSchema.required(),
    channel: Joi.string().valid('bank', 'portal', 'counter', 'other'),
  }).when('paymentStatus', { is: Joi.valid('paid', 'partially-paid'), then: Joi.required() }),
}).description('A financial obligation notified by the tax authority');

export const householdBusinessSchema = Joi.object({
  owner: personRefSchema.required(),
  ...nameFields,
  fullName: nameFields.fullName.description('The household business name'),
  businessName: Joi.vnText().max(300).required(),
  address: addressSchema.required(),
  activityCodes: activityCodesSchema.required(),
  capital: vndSchema.required(),
  employees: Joi.number().integer().min(0).max(10000),
  phone: Joi.phone(),
  email: emailSchema,
  registrationNumber: Joi.string().max(30).description('Household business registration number'),
  registeredAt: Joi.timestamp(),
  taxId: Joi.taxCode(),
})
  .meta({ derive: 'name' })
  .description('A household business (hộ kinh doanh) registration');
