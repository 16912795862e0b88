/**
 * The request log (pino-http): one line per answered request saying who, what and why — the member and
 * subsystem, the service, the problem code and the upstream that was called — and never personal data
 * (no query string, no body, no subject). A member route notes these on the response as it answers
 * (noteRequest); the line is written when the response is finished. An answer of 500 or more is an
 * error line that names its code and upstream ("… 502 UPSTREAM_MALFORMED from upstream civil-status")
 * instead of pino-http's generic "failed with status code 502".
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';
import type { Logger } from './logger';

/** What a request log line says about the request, beyond method, path and status. */
export interface RequestNote {
  /** The calling member (verified, or claimed when authentication failed: then `client` says so). */
  member?: string;
  client?: string;
  service?: string;
  /** `ok`, or the problem code of the answer. */
  code?: string;
  upstream?: string;
  /** The operator, on operators' routes. */
  operator?: string;
}

const NOTE = Symbol('lienthong.requestNote');
type Noted = ServerResponse & { [NOTE]?: RequestNote };

/** Notes who, what and why on a response, for its log line. */
export function noteRequest(res: ServerResponse, note: RequestNote): void {
  const r = res as Noted;
  r[NOTE] = { ...r[NOTE], ...note };
}

const pathOf = (req: IncomingMessage) => (req.url ?? '').split('?')[0].slice(0, 300);

function message(req: IncomingMessage, res: ServerResponse): string {
  const n = (res as Noted)[NOTE];
  const parts = [`${req.method} ${pathOf(req)} ${res.statusCode}`];
  if (n?.code && n.code !== 'ok') parts.push(n.code);
  if (n?.client) parts.push(`from ${n.client}`);
  if (n?.upstream) parts.push(`upstream ${n.upstream}`);
  return parts.join(' ');
}

export function requestLogOptions(logger: Logger): Options {
  return {
    logger,
    genReqId: (req) => {
      const id = req.headers['x-hub-message-id'];
      return typeof id === 'string' && /^[0-9a-fA-F-]{36}$/.test(id) ? id : 'none';
    },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        path: req.url.split('?')[0],
        messageId: req.id,
      }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    customSuccessMessage: (req, res) => message(req, res),
    customErrorMessage: (req, res) => message(req, res),
    // The note goes into the line's object (not a child logger's bindings: one child per request costs).
    customSuccessObject: (_req, res, val: Record<string, unknown>) => ({ ...val, ...(res as Noted)[NOTE] }),
    // An answer of 500+ is logged as an error line; the Error pino-http makes up for it says nothing the
    // line does not (a real error, thrown by a handler, is logged where it is caught).
    customErrorObject: (_req, res, _err, val: Record<string, unknown>) => {
      const { err: _e, ...rest } = val;
      return { ...rest, ...(res as Noted)[NOTE] };
    },
  };
}
