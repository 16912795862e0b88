/**
 * Operators' endpoints: a bearer token (the admin token file of config/hub.json), compared in constant time.
 * A refusal is answered by `refuse` when given (under /v1: signed, and counted as a refusal before
 * authentication), else as a plain problem document (the dashboard, outside /v1).
 */
import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { problem, PROBLEM_CONTENT_TYPE } from '../../contracts';

export const ADMIN_CHALLENGE = 'Basic realm="lienthong operators", charset="UTF-8"';

export function requireAdmin(
  token: string | undefined,
  refuse?: (req: Request, res: Response) => Promise<void>,
) {
  const expected = token ? Buffer.from(token) : undefined;
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    // Browsers (the dashboard) may present the token as the basic-auth password instead.
    const basic = header.startsWith('Basic ')
      ? Buffer.from(header.slice(6), 'base64').toString().split(':').slice(1).join(':')
      : undefined;
    const candidate = basic !== undefined ? Buffer.from(basic) : given;
    if (expected && candidate.length === expected.length && timingSafeEqual(candidate, expected))
      return next();
    if (refuse) return void refuse(req, res).catch(next);
    const p = problem('ADMIN_AUTH_REQUIRED');
    res.status(p.status).setHeader('www-authenticate', ADMIN_CHALLENGE);
    res.type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(p));
  };
}
