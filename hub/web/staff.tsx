/**
 * The officers' and operators' sign-in (/dang-nhap) and their pages, behind a session of an account of
 * accounts/users.ts. Wrong passwords are counted per user name in Redis: after five in 15 minutes the
 * account is locked for 15 minutes, whatever password comes next.
 */
import type express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { resolve } from 'node:path';
import { usersFileOf, verifyUser } from './accounts/users';
import { pageLang, type WebContext } from './kit/context';
import { readForm } from './kit/form';
import { t, type Lang } from './kit/i18n';
import { Layout, Notice } from './kit/layout';
import { sendPage } from './kit/render';
import { csrfRefused } from './kit/refusals';
import type { SessionData } from './kit/sessions';
import { officerPages } from './officer/pages';
import { operatorRoutes } from './operator/routes';

type Wrap = (
  h: (req: Request, res: Response) => Promise<void> | void,
) => (req: Request, res: Response, next: NextFunction) => void;
type Staff = Extract<SessionData, { kind: 'staff' }>;
const TITLE = { vi: 'Đăng nhập cán bộ', en: 'Staff sign-in' };

function LoginForm({ lang, csrf }: { lang: Lang; csrf: string }) {
  return (
    <form method="post" action="/dang-nhap">
      <input type="hidden" name="_csrf" value={csrf} />
      <label for="user">{t(lang, { vi: 'Tên đăng nhập', en: 'User name' })}</label>
      <input id="user" name="user" required autoComplete="username" />
      <label for="password">{t(lang, { vi: 'Mật khẩu', en: 'Password' })}</label>
      <input id="password" name="password" type="password" required autoComplete="current-password" />
      <button type="submit">{t(lang, { vi: 'Đăng nhập', en: 'Sign in' })}</button>
    </form>
  );
}

export function staffRoutes(ctx: WebContext, router: express.Router, safe: Wrap): void {
  const usersFile = () => usersFileOf(resolve(ctx.deps.config.hub.adminTokenFile));
  const login = (req: Request, res: Response, status = 200, error?: string) => {
    const lang = pageLang(ctx, req, res);
    sendPage(
      res,
      status,
      <Layout lang={lang} title={TITLE} path="/dang-nhap">
        {error && <Notice kind="error">{error}</Notice>}
        <LoginForm lang={lang} csrf={ctx.sessions.csrf(req, res)} />
      </Layout>,
    );
  };
  router.get('/dang-nhap', (req, res) => login(req, res));
  router.post(
    '/dang-nhap',
    safe(async (req, res) => {
      const lang = pageLang(ctx, req, res);
      const form = await readForm(req);
      if (!ctx.sessions.csrfOk(req, form)) return csrfRefused(res, lang, '/dang-nhap');
      const name = (form.user ?? '').trim().slice(0, 64);
      const locked = await ctx.limits.login.get(name);
      const lockedText = {
        vi: 'Tài khoản tạm khóa do nhập sai nhiều lần. Vui lòng thử lại sau 15 phút.',
        en: 'The account is locked after repeated failures. Please try again in 15 minutes.',
      };
      if (locked && locked.remainingPoints <= 0) return login(req, res, 423, t(lang, lockedText));
      const user = verifyUser(usersFile(), name, form.password ?? '');
      if (!user) {
        const r = await ctx.limits.login.penalty(name, 1).catch(() => undefined);
        if (r && r.remainingPoints <= 0) await ctx.limits.login.block(name, 900);
        return login(
          req,
          res,
          r && r.remainingPoints <= 0 ? 423 : 401,
          t(
            lang,
            r && r.remainingPoints <= 0
              ? lockedText
              : { vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong user name or password.' },
          ),
        );
      }
      await ctx.limits.login.delete(name);
      await ctx.sessions.start(res, { kind: 'staff', user: name, role: user.role, agency: user.agency });
      res.redirect(303, user.role === 'officer' ? '/can-bo' : '/van-hanh');
    }),
  );

  /** A page for a signed-in account of one of `roles`; others go to the sign-in page. */
  const as = (roles: Staff['role'][], h: (req: Request, res: Response, s: Staff) => Promise<void>) =>
    safe(async (req, res) => {
      const s = await ctx.sessions.get(req);
      if (s?.kind !== 'staff' || !roles.includes(s.role)) return res.redirect(303, '/dang-nhap');
      await h(req, res, s);
    });
  const officer = officerPages(ctx);
  router.get('/can-bo', as(['officer', 'auditor'], officer.worklist));
  router.get(
    '/can-bo/ho-so/:code',
    as(['officer', 'auditor'], (req, res, s) => officer.dossier(req, res, s)),
  );
  router.post('/can-bo/ho-so/:code/quyet-dinh', as(['officer'], officer.decide));
  for (const r of operatorRoutes(ctx)) router[r.method](r.path, as(['operator', 'auditor'], r.page));
}
