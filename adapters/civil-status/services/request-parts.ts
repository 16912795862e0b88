/**
 * Request-schema parts shared by the civil-status services, built from the contracts' own building blocks so
 * that a request reads like the event it registers.
 */
import { Joi } from '../../../contracts';
import { addressSchema, personRefSchema } from '../../../contracts/schemas/common';
import { UNIT_CATALOGUES } from '../../../contracts/validators/admin-units';

/** The registering commune: a post-reform commune code (the registry refuses legacy codes). */
export const registeringCommuneSchema = addressSchema
  .keys({
    communeCode: Joi.communeCode().required(),
    catalogue: Joi.string()
      .valid(...UNIT_CATALOGUES)
      .required(),
  })
  .description('The commune that registers the event: a post-reform commune code (any catalogue but legacy)');

/** A person the registry must find in the population database: the personal ID is required. */
export const identifiedPersonSchema = personRefSchema
  .keys({ personalId: Joi.personalId().required() })
  .description('A person by personal ID (the registry takes name, birth date and sex from its sources)');

export const timeOfDaySchema = Joi.string()
  .pattern(/^([01]\d|2[0-3]):[0-5]\d$/)
  .description('HH:mm, local time');
