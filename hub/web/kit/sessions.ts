/**
 * The pages' sessions and CSRF tokens. A session is a random id in an HttpOnly, SameSite=Strict cookie
 * (Secure outside development), its content in Redis under the SHA-256 of the id, for a short time.
 * Every visitor also has a CSRF cookie: forms carry its value in a hidden field (double submit), compared
 * in constant time; a POST without it is refused with a page and does nothing.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Redis } from 'ioredis';

/** Who a session belongs to. */
export type SessionData =
  | { kind: 'citizen'; personalId: string }
  | { kind: 'staff'; user: string; role: 'operator' | 'officer' | 'auditor'; agency?: string };

const SESSION_COOKIE = 'lt_session';
const CSRF_COOKIE = 'lt_csrf';
/** Sessions live 30 minutes from their last use. */
export const SESSION_TTL_SEC = 30 * 60;
const key = (id: string) => `lienthong-web:session:${createHash('sha256').update(id).digest('base64url')}`;

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

export interface SessionOptions {
  redis: Redis;
  /** Cookies carry Secure (only over HTTPS). @defaultValue true */
  secure: boolean;
}

export function createSessions(opts: SessionOptions) {
  const flags = `Path=/; HttpOnly; SameSite=Strict${opts.secure ? '; Secure' : ''}`;
  return {
    async get(req: Request): Promise<SessionData | undefined> {
      const id = cookieOf(req, SESSION_COOKIE);
      if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
      const raw = await opts.redis.get(key(id));
      if (!raw) return undefined;
      await opts.redis.expire(key(id), SESSION_TTL_SEC);
      return JSON.parse(raw) as SessionData;
    },
    async start(res: Response, data: SessionData): Promise<void> {
      const id = randomBytes(32).toString('base64url');
      await opts.redis.set(key(id), JSON.stringify(data), 'EX', SESSION_TTL_SEC);
      res.append('set-cookie', `${SESSION_COOKIE}=${id}; ${flags}; Max-Age=${SESSION_TTL_SEC}`);
    },
    async end(req: Request, res: Response): Promise<void> {
      const id = cookieOf(req, SESSION_COOKIE);
      if (id) await opts.redis.del(key(id));
      res.append('set-cookie', `${SESSION_COOKIE}=; ${flags}; Max-Age=0`);
    },
    /** The visitor's CSRF token, set as a cookie when it has none yet. */
    csrf(req: Request, res: Response): string {
      const have = cookieOf(req, CSRF_COOKIE);
      if (have && /^[A-Za-z0-9_-]{32}$/.test(have)) return have;
      const token = randomBytes(24).toString('base64url');
      res.append('set-cookie', `${CSRF_COOKIE}=${token}; ${flags}`);
      return token;
    },
    /** Whether a form's `_csrf` matches the visitor's cookie. */
    csrfOk(req: Request, form: Record<string, string>): boolean {
      const have = Buffer.from(cookieOf(req, CSRF_COOKIE) ?? '');
      const given = Buffer.from(form._csrf ?? '');
      return have.length === 32 && given.length === have.length && timingSafeEqual(have, given);
    },
    /** Keeps the chosen language. */
    rememberLang(req: Request, res: Response): void {
      const q = req.query.lang;
      if (q === 'en' || q === 'vi') res.append('set-cookie', `lang=${q}; Path=/; SameSite=Strict`);
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
