/** send-email/v1: a plain-text e-mail through the gateway. It refuses domains that take no mail (CodeResult 122). */
import { Joi } from '../../../contracts';
import { emailSchema } from '../../../contracts/schemas/common';
import { defineService } from '../../sdk';
import { emailAcceptedSchema, readAnswer } from '../dialect';
import type { NotifyClient } from '../index';
import { toAck, toEmailRequest, type EmailInput } from '../mapping';
import { messageText, notifyAck, reference } from './common';

export const sendEmailInput = Joi.object({
  to: emailSchema.required(),
  subject: messageText(200).required(),
  text: messageText(20_000).required().description('Plain text'),
  reference,
}).id('SendEmailRequest_v1');

export const sendEmail = defineService<NotifyClient, EmailInput, Record<string, unknown>>({
  name: 'send-email',
  version: 1,
  title: 'Send an e-mail (plain text)',
  kind: 'write',
  input: sendEmailInput,
  output: notifyAck,
  async execute(ctx, input) {
    const res = await ctx.client.rest.request(ctx, {
      method: 'POST',
      path: '/api/email/send',
      body: toEmailRequest(input, ctx.client.sender, ctx.idempotencyKey ?? ctx.messageId),
    });
    return toAck('email', readAnswer(ctx.client.rest.upstream, res.data, emailAcceptedSchema, res.status));
  },
});
