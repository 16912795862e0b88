/**
 * notify: an SMS and e-mail gateway (a Vietnamese brandname SMS API with an e-mail endpoint), REST/JSON.
 * The joint procedures notify the applicant on each dossier status change through it. Refusals come with
 * HTTP 200 and a CodeResult other than "100" (dialect.ts).
 *
 * Options (`config.options`): `brandname` — the registered SMS sender name, at most 11 characters
 * (@defaultValue 'DVC-LTHONG'); `senderName` — the e-mail sender's display name
 * (@defaultValue 'Dịch vụ công liên thông').
 */
import Joi from 'joi';
import { defineAdapter, readUpstream, RestTransport } from '../sdk';
import { readError } from './dialect';
import type { Sender } from './mapping';
import { sendEmail } from './services/send-email';
import { sendSms } from './services/send-sms';

export interface NotifyClient {
  rest: RestTransport;
  sender: Sender;
}

const optionsSchema = Joi.object({
  brandname: Joi.string()
    .pattern(/^[A-Za-z0-9 .-]{1,11}$/)
    .default('DVC-LTHONG'),
  senderName: Joi.string().min(1).max(100).default('Dịch vụ công liên thông'),
});

/** The adapter's options, defaults applied. @throws Error when they are invalid (a configuration error). */
export function notifyOptions(options: Record<string, unknown> | undefined): Sender {
  const { error, value } = optionsSchema.validate(options ?? {}, { allowUnknown: false });
  if (error) throw new Error(`notify adapter options: ${error.message}`);
  return value as Sender;
}

export const adapter = defineAdapter<NotifyClient>({
  id: 'notify',
  version: 1,
  protocol: 'rest',
  title: 'SMS (brandname) and e-mail gateway',
  spec: 'upstream/openapi.yaml',
  services: [sendSms, sendEmail],
  createClient: (config, deps) => ({
    rest: new RestTransport(
      { upstream: 'notify', baseUrl: config.baseUrl, agent: deps.agent, maxBodyBytes: config.maxBodyBytes },
      readError,
    ),
    sender: notifyOptions(config.options),
  }),
  async ping(ctx) {
    const res = await ctx.client.rest.request(ctx, { method: 'GET', path: '/api/health' });
    readUpstream(
      ctx.client.rest.upstream,
      Joi.object({ CodeResult: Joi.string().valid('100').required() }),
      res.data,
    );
  },
});
