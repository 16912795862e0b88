/** Civil-status events: birth@1, death@1, marriage@1 (Luật Hộ tịch 2014). */
import { Joi } from '../extensions';
import { addressSchema, issuedReferenceSchema, nameFields, personRefSchema, sexSchema } from './common';

/** Birth must be registered within 60 days (Art. 15), death within 15 days (Art. 33). */
export const BIRTH_REGISTRATION_DAYS = 60;
export const DEATH_REGISTRATION_DAYS = 15;

const childSchema = Joi.object({
  ...nameFields,
  fullName: nameFields.fullName.required(),
  dateOfBirth: Joi.fullDate({ notFuture: true }).required(),
  timeOfBirth: Joi.string()
    .pattern(/^([01]\d|2[0-3]):[0-5]\d$/)
    .description('HH:mm, local time'),
  sex: sexSchema.required(),
  placeOfBirth: addressSchema.required(),
  personalId: Joi.personalId().description('Assigned by the population database at registration'),
  ethnicity: Joi.vnText().max(50),
  nationality: Joi.string()
    .pattern(/^[A-Z]{2}$/)
    .default('VN'),
}).meta({ derive: 'name' });

export const birthEventSchema = Joi.object({
  child: childSchema.required(),
  mother: personRefSchema.required(),
  father: personRefSchema.description('Absent when the father is not declared'),
  birthCertificate: issuedReferenceSchema
    .required()
    .description('The electronic birth certificate (giấy chứng sinh) issued by the health facility'),
  healthFacility: Joi.object({ code: Joi.string().max(20).required(), name: Joi.vnText().max(300) }),
  declarant: personRefSchema,
  registeringCommune: addressSchema.required().description('The commune that registers the birth'),
  registerNumber: Joi.string().max(50).description('Number in the birth register (số đăng ký)'),
  registeredAt: Joi.timestamp(),
}).description('A birth, as registered by the commune civil-status office');

export const deathEventSchema = Joi.object({
  deceased: personRefSchema.required(),
  dateOfDeath: Joi.fullDate({ notFuture: true }).required(),
  timeOfDeath: Joi.string().pattern(/^([01]\d|2[0-3]):[0-5]\d$/),
  placeOfDeath: addressSchema.required(),
  cause: Joi.vnText().max(500),
  deathNotice: issuedReferenceSchema.required().description('The death notice (giấy báo tử)'),
  declarant: personRefSchema.required(),
  registeringCommune: addressSchema.required(),
  registerNumber: Joi.string().max(50),
  registeredAt: Joi.timestamp(),
}).description('A death, as registered by the commune civil-status office');

export const marriageEventSchema = Joi.object({
  spouses: Joi.array().items(personRefSchema).length(2).required(),
  dateOfMarriage: Joi.fullDate({ notFuture: true }).required(),
  registeringCommune: addressSchema.required(),
  registerNumber: Joi.string().max(50),
  registeredAt: Joi.timestamp(),
}).description('A marriage, as registered by the commune civil-status office');
