/**
 * What the notify services share: the acknowledgement NotifyAck_v1, and the message text schema — NFC
 * Unicode with TCVN3/VNI text converted, line breaks kept (Joi.vnText() would fold them into spaces).
 */
import { Joi } from '../../../contracts';
import { toUnicode } from '../../../contracts/validators/legacy-encoding';

export const notifyAck = Joi.object({
  messageId: Joi.string().min(1).max(100).required().description("The gateway's id of the message"),
  acceptedAt: Joi.timestamp().required().description('When the gateway accepted the message'),
  channel: Joi.string().valid('sms', 'email').required(),
})
  .id('NotifyAck_v1')
  .description('The gateway accepted a notification for delivery');

/** Message text: converted to NFC Unicode first, then measured. */
export const messageText = (max: number) =>
  Joi.string()
    .custom((v: string) => toUnicode(v).text, 'NFC Unicode, legacy encodings converted')
    .trim()
    .min(1)
    .max(max);

export const reference = Joi.string()
  .max(100)
  .description('What the message is about, e.g. the dossier code; echoed in delivery reports');
