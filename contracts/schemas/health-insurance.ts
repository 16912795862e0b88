/** health-insurance-card@1: a social health-insurance card (thẻ BHYT). */
import { Joi } from '../extensions';

/** Layout unverified (DOMAIN.md): 2-letter group, benefit level 1–5, 2-digit province, 10-digit social-insurance number. */
export const HEALTH_CARD_NUMBER_PATTERN = /^[A-Z]{2}[1-5]\d{2}\d{10}$/;

export const healthInsuranceCardSchema = Joi.object({
  number: Joi.string().uppercase().pattern(HEALTH_CARD_NUMBER_PATTERN).required(),
  socialInsuranceNumber: Joi.string()
    .pattern(/^\d{10}$/)
    .description('Mã số BHXH, 10 digits'),
  holderPersonalId: Joi.personalId({ dobKey: null, sexKey: null }).required(),
  holderName: Joi.personName(),
  beneficiaryGroup: Joi.string()
    .pattern(/^[A-Z]{2}$/)
    .required()
    .description('e.g. TE: child under 6'),
  benefitLevel: Joi.number().integer().min(1).max(5).required(),
  primaryCareFacility: Joi.object({
    code: Joi.string()
      .pattern(/^\d{5}$/)
      .required(),
    name: Joi.vnText().max(300),
  }).required(),
  validFrom: Joi.fullDate().required(),
  validTo: Joi.fullDate().notBefore(Joi.ref('validFrom')),
}).description('A health-insurance card issued by Vietnam Social Security');
