/**
 * The operators' console under /van-hanh: overview, dead letters, members and keys, grants and the audit
 * search. Operators and auditors see every page; only operators get the action forms, and the redrive and
 * discard routes refuse anyone else (an auditor's forged POST gets a 403 page and changes nothing).
 */
import type { Request, Response } from 'express';
import type { WebContext } from '../kit/context';
import { auditSearchPages } from './audit-search';
import { deadLetterPages } from './dead-letters';
import type { Staff } from './frame';
import { overviewPage } from './overview';
import { grantsPage, membersPage } from './registry';

type Page = (req: Request, res: Response, s: Staff) => Promise<void>;

/** Each route of the console with its handler (all for operators and auditors; actions check the role). */
export function operatorRoutes(ctx: WebContext): { method: 'get' | 'post'; path: string; page: Page }[] {
  const dead = deadLetterPages(ctx);
  const audit = auditSearchPages(ctx);
  const routes: { method: 'get' | 'post'; path: string; page: Page }[] = [
    { method: 'get', path: '/van-hanh', page: (q, r, s) => overviewPage(ctx, q, r, s) },
    { method: 'get', path: '/van-hanh/thanh-vien', page: (q, r, s) => membersPage(ctx, q, r, s) },
    { method: 'get', path: '/van-hanh/quyen', page: (q, r, s) => grantsPage(ctx, q, r, s) },
    { method: 'get', path: '/van-hanh/nhat-ky', page: audit.get },
    { method: 'post', path: '/van-hanh/nhat-ky', page: audit.post },
  ];
  if (!ctx.deps.deliveries) return routes;
  return [
    ...routes,
    { method: 'get', path: '/van-hanh/thu-loi', page: (q, r, s) => dead.list(q, r, s) },
    { method: 'get', path: '/van-hanh/thu-loi/:id', page: dead.show },
    { method: 'post', path: '/van-hanh/thu-loi/:id/gui-lai', page: dead.redrive },
    { method: 'post', path: '/van-hanh/thu-loi/:id/huy', page: dead.discard },
  ];
}
