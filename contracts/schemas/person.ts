/** person@1: a citizen as the population database knows them. */
import { Joi } from '../extensions';
import { addressSchema, emailSchema, nameFields, sexSchema } from './common';

export const personSchema = Joi.object({
  // Declared first: Joi validates keys in declaration order, so the personal ID's cross-check sees the
  // normalised date of birth and sex. (Output keys keep the input's order.)
  dateOfBirth: Joi.partialDate({ notFuture: true })
    .required()
    .description('Date of birth; may be partial (YYYY or YYYY-MM) in old records — never padded'),
  sex: sexSchema.required(),
  personalId: Joi.personalId().required().description('12-digit personal ID (số định danh cá nhân)'),
  legacyIds: Joi.array()
    .items(Joi.legacyId())
    .max(5)
    .unique()
    .description('Old identity-card numbers (CMND), history only'),
  ...nameFields,
  fullName: nameFields.fullName.required(),
  otherNames: Joi.array().items(Joi.personName()).max(5).description('Other names in use'),
  nationality: Joi.string()
    .pattern(/^[A-Z]{2}$/)
    .default('VN')
    .description('ISO 3166-1 alpha-2'),
  ethnicity: Joi.vnText().max(50).description('Ethnic group (dân tộc), e.g. Kinh'),
  religion: Joi.vnText().max(50),
  placeOfOrigin: addressSchema.description('Place of origin (quê quán)'),
  placeOfBirth: addressSchema.description('Place of birth registration (nơi đăng ký khai sinh)'),
  permanentResidence: addressSchema.description('Permanent residence (nơi thường trú)'),
  temporaryResidence: addressSchema.description('Temporary residence (nơi tạm trú)'),
  currentResidence: addressSchema.description('Where the person lives now (nơi ở hiện tại)'),
  householdId: Joi.string().max(30).description('Household number in the residence database'),
  phone: Joi.phone().description('E.164, e.g. +84912345678'),
  email: emailSchema,
  taxId: Joi.taxCode().description('Tax code alias (older 10-digit personal tax code)'),
  fatherId: Joi.personalId({ dobKey: null, sexKey: null }),
  motherId: Joi.personalId({ dobKey: null, sexKey: null }),
  spouseId: Joi.personalId({ dobKey: null, sexKey: null }),
  status: Joi.string().valid('living', 'deceased').default('living'),
  dateOfDeath: Joi.partialDate({ notFuture: true, onlyWhen: { key: 'status', is: 'deceased' } }).description(
    'Only with status deceased',
  ),
})
  .meta({ derive: 'name' })
  .description('A citizen as held by the national population database');
