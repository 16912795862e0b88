/** envelope@1: the hub's message envelope — who sends what, about whom, for which purpose. */
import { Joi } from '../extensions';
import { MEMBER_ID_PATTERN } from './common';

const memberPart = MEMBER_ID_PATTERN.source.slice(1, -1);
/** `member/subsystem`, e.g. `VN:GOV:79:UBND-PBN/MOTCUA`. */
export const CLIENT_ID_PATTERN = new RegExp(`^${memberPart}/[A-Za-z0-9][A-Za-z0-9_-]{0,39}$`);
/** `member/subsystem/service/version`. */
export const SERVICE_ID_PATTERN = new RegExp(
  `^${memberPart}/[A-Za-z0-9][A-Za-z0-9_-]{0,39}/[a-z0-9][a-z0-9-]{0,63}/v[1-9]\\d{0,2}$`,
);
export const PURPOSE_PATTERN = /^[a-z0-9][a-z0-9.-]{1,63}$/;

export const envelopeSchema = Joi.object({
  messageId: Joi.string()
    .guid({ version: ['uuidv4', 'uuidv7'] })
    .required(),
  client: Joi.string().pattern(CLIENT_ID_PATTERN).required().description('member/subsystem of the sender'),
  service: Joi.string()
    .pattern(SERVICE_ID_PATTERN)
    .required()
    .description('member/subsystem/service/version'),
  purpose: Joi.string()
    .pattern(PURPOSE_PATTERN)
    .required()
    .description('Purpose code: the legal basis of the read'),
  subject: Joi.object({
    kind: Joi.string().valid('citizen', 'business').required(),
    id: Joi.alternatives()
      .conditional('kind', { is: 'citizen', then: Joi.personalId(), otherwise: Joi.taxCode() })
      .required(),
  }).description('Whom the message is about'),
  issuedAt: Joi.timestamp().required(),
  idempotencyKey: Joi.string().max(200),
}).description('The hub message envelope');
