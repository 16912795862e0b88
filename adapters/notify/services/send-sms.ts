/**
 * send-sms/v1: a text message to a Vietnamese mobile through the gateway's brandname SMS API. Vietnamese text
 * goes as Unicode (UCS-2). The gateway refuses numbers that are not Vietnamese mobiles (CodeResult 118).
 */
import { Joi } from '../../../contracts';
import { defineService } from '../../sdk';
import { readAnswer, smsAcceptedSchema } from '../dialect';
import type { NotifyClient } from '../index';
import { toAck, toSmsRequest, type SmsInput } from '../mapping';
import { messageText, notifyAck, reference } from './common';

export const sendSmsInput = Joi.object({
  to: Joi.phone().required().description('E.164; the gateway delivers to Vietnamese mobiles only'),
  text: messageText(480).required().description('At most 480 characters (7 Unicode segments)'),
  reference,
}).id('SendSmsRequest_v1');

export const sendSms = defineService<NotifyClient, SmsInput, Record<string, unknown>>({
  name: 'send-sms',
  version: 1,
  title: 'Send a text message (brandname SMS)',
  kind: 'write',
  input: sendSmsInput,
  output: notifyAck,
  async execute(ctx, input) {
    const res = await ctx.client.rest.request(ctx, {
      method: 'POST',
      path: '/api/sms/send',
      body: toSmsRequest(input, ctx.client.sender, ctx.idempotencyKey ?? ctx.messageId),
    });
    return toAck('sms', readAnswer(ctx.client.rest.upstream, res.data, smsAcceptedSchema, res.status));
  },
});
