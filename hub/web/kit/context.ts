/** What every page handler is given: the hub's dependencies, the sessions and the pages' rate limits. */
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { Request, Response } from 'express';
import type { HubDeps } from '../../context';
import { langOf, type Lang } from './i18n';
import { createSessions, type Sessions } from './sessions';

export interface WebContext {
  deps: HubDeps;
  sessions: Sessions;
  limits: {
    /** Dossier lookups per source address and per dossier code (an hour). */
    lookup: RateLimiterRedis;
    /** SMS codes asked for per personal ID (an hour). */
    otpPerId: RateLimiterRedis;
    /** SMS codes asked for per source address (an hour; a shared address sends for many people). */
    otpPerSource: RateLimiterRedis;
    /** Wrong sign-in passwords per user name before the account is locked (15 minutes). */
    login: RateLimiterRedis;
  };
}

export function createWebContext(deps: HubDeps): WebContext {
  const url = deps.config.hub.publicUrl;
  const development = /^http:\/\/(127\.0\.0\.1|localhost)(:|\/|$)/.test(url);
  const limiter = (keyPrefix: string, points: number, duration: number, blockDuration = 0) =>
    new RateLimiterRedis({ storeClient: deps.redis, keyPrefix, points, duration, blockDuration });
  return {
    deps,
    sessions: createSessions({ redis: deps.redis, secure: !development }),
    limits: {
      lookup: limiter('lienthong-web:lookup', 10, 3600),
      otpPerId: limiter('lienthong-web:otp-id', 6, 3600),
      otpPerSource: limiter('lienthong-web:otp-source', 30, 3600),
      login: limiter('lienthong-web:login', 5, 900, 900),
    },
  };
}

/** The source address of a request (rate limits). */
export const sourceOf = (req: Request): string => req.socket.remoteAddress ?? 'unknown';

/** The language of the page, remembered in its cookie when chosen. */
export function pageLang(ctx: WebContext, req: Request, res: Response): Lang {
  ctx.sessions.rememberLang(req, res);
  return langOf(req);
}
