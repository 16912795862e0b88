/**
 * The hub's logger: pino, JSON lines, with personal data redacted — identifiers, names, addresses and
 * bodies never reach a plain log. The message id is the correlation id of every line about an exchange.
 */
import pino, { type Logger } from 'pino';

/** Paths pino censors wherever they appear in a logged object. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["hub-signature"]',
  'req.body',
  'res.body',
  'body',
  'input',
  'output',
  'subject.id',
  '*.personalId',
  '*.fullName',
  '*.dateOfBirth',
  '*.phone',
  '*.email',
  '*.address',
  'personalId',
  'fullName',
];

export function createLogger(level: string = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'lienthong-hub' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export type { Logger };
