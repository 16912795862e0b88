/**
 * The pages for people, served by the hub (issue #15): the citizen's dossier lookup (/tra-cuu) and data
 * tracker (/du-lieu-cua-toi), the officers' worklist (/can-bo) and the operators' console (/van-hanh).
 * Server-rendered with preact (escaped by default), no script; a strict policy of their own (kit/csp.ts);
 * CSRF on every form; sessions in HttpOnly, SameSite=Strict cookies.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { HubDeps } from '../context';
import { lookupRoutes } from './citizen/lookup';
import { myDataRoutes } from './citizen/my-data';
import { createWebContext } from './kit/context';
import { PAGES_CSP } from './kit/csp';
import { readForm } from './kit/form';
import { langOf } from './kit/i18n';
import { csrfRefused } from './kit/refusals';
import { ICON_SVG, SITE_CSS } from './kit/site-css';
import { staffRoutes } from './staff';

/** Paths of the pages (the demo prints them). */
export const PAGES = {
  lookup: '/tra-cuu',
  myData: '/du-lieu-cua-toi',
  officer: '/can-bo',
  operator: '/van-hanh',
};

type Handler = (req: Request, res: Response) => Promise<void> | void;
const safe =
  (h: Handler) =>
  (req: Request, res: Response, next: NextFunction): void =>
    void Promise.resolve(h(req, res)).catch(next);

export function createWebRouter(deps: HubDeps): express.Router {
  const router = express.Router();
  const ctx = createWebContext(deps);
  const policy = helmet({ contentSecurityPolicy: { useDefaults: false, directives: PAGES_CSP } });
  const prefixes = ['/web/', ...Object.values(PAGES), '/dang-nhap', '/dang-xuat'];
  router.use((req, res, next) =>
    prefixes.some((p) => req.path === p || req.path.startsWith(p.endsWith('/') ? p : `${p}/`))
      ? policy(req, res, next)
      : next(),
  );

  router.get('/web/static/site.css', (_req, res) => {
    res.type('css').setHeader('cache-control', 'public, max-age=3600').send(SITE_CSS);
  });
  router.get('/web/static/icon.svg', (_req, res) => {
    res.type('svg').setHeader('cache-control', 'public, max-age=3600').send(ICON_SVG);
  });
  const lookup = lookupRoutes(ctx);
  router.get(PAGES.lookup, safe(lookup.get));
  router.post(PAGES.lookup, safe(lookup.post));
  router.post(`${PAGES.lookup}/danh-gia`, safe(lookup.rate));
  const mine = myDataRoutes(ctx);
  router.get(PAGES.myData, safe(mine.get));
  router.post(`${PAGES.myData}/gui-ma`, safe(mine.send));
  router.post(`${PAGES.myData}/xac-nhan`, safe(mine.confirm));
  router.post(
    '/dang-xuat',
    safe(async (req, res) => {
      const form = await readForm(req);
      if (!ctx.sessions.csrfOk(req, form)) return csrfRefused(res, langOf(req), '/');
      const s = await ctx.sessions.get(req);
      await ctx.sessions.end(req, res);
      res.redirect(303, s?.kind === 'citizen' ? PAGES.myData : '/dang-nhap');
    }),
  );
  staffRoutes(ctx, router, safe);
  return router;
}
