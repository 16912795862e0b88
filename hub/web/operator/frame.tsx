/**
 * What the operators' pages share: their frame (the layout with the console's navigation), the
 * read-only refusal an auditor gets for any action, and the operator's name in the audit log
 * (`web:<user>`, so `operator:web:<user>` as the record's client).
 */
import type { ComponentChildren } from 'preact';
import type { Request, Response } from 'express';
import { pageLang, type WebContext } from '../kit/context';
import { t, type Lang, type Text } from '../kit/i18n';
import { Layout, Notice } from '../kit/layout';
import { sendPage } from '../kit/render';
import type { SessionData } from '../kit/sessions';

export type Staff = Extract<SessionData, { kind: 'staff' }>;

/** The operator's name in the audit log and the dead letters' discard notes. */
export const operatorOf = (s: Staff): string => `web:${s.user}`;

const NAV: [string, Text][] = [
  ['/van-hanh', { vi: 'Tổng quan', en: 'Overview' }],
  ['/van-hanh/thu-loi', { vi: 'Thư lỗi', en: 'Dead letters' }],
  ['/van-hanh/thanh-vien', { vi: 'Thành viên và khóa', en: 'Members and keys' }],
  ['/van-hanh/quyen', { vi: 'Quyền truy cập', en: 'Grants' }],
  ['/van-hanh/nhat-ky', { vi: 'Tra cứu nhật ký', en: 'Audit search' }],
];

export function OperatorFrame(props: {
  ctx: WebContext;
  req: Request;
  res: Response;
  s: Staff;
  title: Text;
  path: string;
  children: ComponentChildren;
}) {
  const lang = pageLang(props.ctx, props.req, props.res);
  const csrf = props.ctx.sessions.csrf(props.req, props.res);
  return (
    <Layout
      lang={lang}
      title={props.title}
      path={props.path}
      who={{ name: `${props.s.user} (${roleName(lang, props.s.role)})`, csrf }}
    >
      <nav aria-label={t(lang, { vi: 'Bảng điều khiển', en: 'Console' })}>
        <ul class="tabs">
          {NAV.map(([href, text]) => (
            <li key={href}>
              <a href={href} aria-current={href === props.path ? 'page' : undefined}>
                {t(lang, text)}
              </a>
            </li>
          ))}
          <li>
            <a href="/admin/queues">{t(lang, { vi: 'Bảng hàng đợi', en: 'Queue dashboard' })}</a>
          </li>
        </ul>
      </nav>
      {props.children}
    </Layout>
  );
}

export const roleName = (lang: Lang, role: Staff['role']): string =>
  t(
    lang,
    role === 'operator'
      ? { vi: 'vận hành', en: 'operator' }
      : role === 'auditor'
        ? { vi: 'kiểm tra, chỉ xem', en: 'auditor, read-only' }
        : { vi: 'cán bộ', en: 'officer' },
  );

/** An auditor's (or anyone's but an operator's) action: refused with a page, nothing done. */
export function readOnlyRefused(ctx: WebContext, req: Request, res: Response): void {
  const lang = pageLang(ctx, req, res);
  sendPage(
    res,
    403,
    <Layout lang={lang} title={{ vi: 'Không được phép', en: 'Not allowed' }} path="/van-hanh">
      <Notice kind="error">
        {t(lang, {
          vi: 'Tài khoản kiểm tra chỉ được xem; thao tác này dành cho người vận hành.',
          en: 'An auditor’s account may only look; this action is an operator’s.',
        })}
      </Notice>
    </Layout>,
  );
}

/** A value of a table cell: a dash when there is none. */
export const orDash = (v: string | number | undefined | null): string =>
  v === undefined || v === null || v === '' ? '—' : String(v);
