/**
 * A simulator of the SMS and e-mail gateway, speaking its dialect (upstream/openapi.yaml): acceptances and
 * refusals both with HTTP 200 and a CodeResult, malformed requests with HTTP 400. Everything it accepts is
 * kept in its outbox; the admin state lists the messages sent (the demo prints them).
 */
import { join } from 'node:path';
import type { Schema } from 'joi';
import { createSimulator, type OnceAnswer, type Simulator, type SimulatorOptions } from '../sdk';
import {
  ACCEPTED,
  emailRequestSchema,
  smsRequestSchema,
  type EmailRequest,
  type GatewayAnswer,
  type SmsRequest,
} from './dialect';
import { Outbox } from './simulator/outbox';

const answer = (a: GatewayAnswer): OnceAnswer => ({
  status: 200,
  payload: a,
  applied: a.CodeResult === ACCEPTED,
});

/** Reads a request body against its schema; a bad one is HTTP 400, CodeResult 99, naming the field only. */
function handle<T>(body: unknown, schema: Schema, apply: (value: T) => GatewayAnswer): OnceAnswer {
  const { error } = schema.validate(body, { convert: false, allowUnknown: true });
  if (!error) return answer(apply(body as T));
  const field = error.details[0]?.path.join('.') || '(body)';
  return {
    status: 400,
    payload: { CodeResult: '99', ErrorMessage: `Sai định dạng yêu cầu: ${field}` },
    applied: false,
  };
}

export function createNotifySimulator(opts: SimulatorOptions = {}): Simulator {
  const outbox = new Outbox();
  return createSimulator(
    {
      id: 'notify',
      protocol: 'rest',
      openapi: join(__dirname, 'upstream/openapi.yaml'),
      resetData: () => outbox.reset(),
      adminState: () => outbox.state(),
      routes(app, kit) {
        app.get('/api/health', (_req, res) =>
          kit.reply(res, 200, { CodeResult: ACCEPTED, ErrorMessage: 'Hoạt động' }),
        );
        app.post('/api/sms/send', (req, res) =>
          kit.once(req, res, 'gui-sms', () =>
            handle<SmsRequest>(req.body, smsRequestSchema, (r) => outbox.sms(r)),
          ),
        );
        app.post('/api/email/send', (req, res) =>
          kit.once(req, res, 'gui-email', () =>
            handle<EmailRequest>(req.body, emailRequestSchema, (r) => outbox.email(r)),
          ),
        );
      },
    },
    opts,
  );
}
