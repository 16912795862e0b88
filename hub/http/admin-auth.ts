/**
 * Operators' endpoints: a bearer token of the operators' tokens file (hub/operators/tokens.ts), compared
 * in constant time. The operator's name is left in `res.locals.operator` for the audit record of what
 * they do. A refusal is answered by `refuse` when given (under /v1: signed, and counted as a refusal
 * before authentication), else as a plain problem document (the dashboard, outside /v1).
 */
import type { NextFunction, Request, Response } from 'express';
import { problem, PROBLEM_CONTENT_TYPE } from '../../contracts';
import { noteRequest } from '../observability/request-log';
import { operatorOf, type OperatorTokens } from '../operators/tokens';

export const ADMIN_CHALLENGE = 'Basic realm="lienthong operators", charset="UTF-8"';

/** The operator a request was authenticated as (set by requireAdmin). */
export const operatorName = (res: Response): string => String(res.locals.operator);

export function requireAdmin(
  tokens: () => OperatorTokens | undefined,
  refuse?: (req: Request, res: Response) => Promise<void>,
) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.authorization ?? '';
    const bearer = header.startsWith('Bearer ') ? header.slice(7) : '';
    // Browsers (the dashboard) present the token as the basic-auth password (the user name is ignored).
    const basic = header.startsWith('Basic ')
      ? Buffer.from(header.slice(6), 'base64').toString().split(':').slice(1).join(':')
      : undefined;
    const operator = operatorOf(tokens(), basic ?? bearer);
    if (operator) {
      res.locals.operator = operator;
      noteRequest(res, { operator });
      return next();
    }
    if (refuse) return void refuse(req, res).catch(next);
    const p = problem('ADMIN_AUTH_REQUIRED');
    res.status(p.status).setHeader('www-authenticate', ADMIN_CHALLENGE);
    res.type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(p));
  };
}
