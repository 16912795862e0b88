/**
 * Request-schema parts shared by the civil-status services, built from the contracts' own building blocks so
 * that a request reads like the event it registers.
 */
import { Joi } from '../../../contracts';
import { addressSchema, personRefSchema } from '../../../contracts/schemas/common';

/** The registering commune: a commune code of the 2025-07-01 catalogue (the registry refuses legacy codes). */
export const registeringCommuneSchema = addressSchema
  .keys({
    communeCode: Joi.communeCode().required(),
    catalogue: Joi.string().valid('2025-07-01').required(),
  })
  .description('The commune that registers the event: a 2025-07-01 commune code');

/** A person the registry must find in the population database: the personal ID is required. */
export const identifiedPersonSchema = personRefSchema
  .keys({ personalId: Joi.personalId().required() })
  .description('A person by personal ID (the registry takes name, birth date and sex from its sources)');

export const timeOfDaySchema = Joi.string()
  .pattern(/^([01]\d|2[0-3]):[0-5]\d$/)
  .description('HH:mm, local time');
