/** residence@1: a permanent or temporary residence registration (Luật Cư trú 2020). */
import { Joi } from '../extensions';
import { addressSchema, personRefSchema } from './common';

export const RELATIONS_TO_HEAD = [
  'self',
  'spouse',
  'child',
  'parent',
  'grandchild',
  'grandparent',
  'sibling',
  'other-relative',
  'other',
] as const;

export const residenceSchema = Joi.object({
  type: Joi.string().valid('permanent', 'temporary').required(),
  resident: personRefSchema.required(),
  address: addressSchema.required(),
  householdId: Joi.string().max(30),
  headOfHousehold: personRefSchema,
  relationToHead: Joi.string().valid(...RELATIONS_TO_HEAD),
  validFrom: Joi.fullDate().required(),
  validTo: Joi.fullDate().notBefore(Joi.ref('validFrom')).description('Temporary residence: end of validity'),
  status: Joi.string().valid('active', 'removed').default('active'),
  removalReason: Joi.string().valid('death', 'moved', 'other').when('status', {
    is: 'removed',
    then: Joi.required(),
    otherwise: Joi.forbidden(),
  }),
  registrationNumber: Joi.string().max(50),
}).description('A residence registration held by the residence database');
