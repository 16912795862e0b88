/**
 * /van-hanh/nhat-ky — the audit log searched by message id (a bounded scan of the newest day files,
 * hub/audit/message-search.ts; the page says its bound) or by subject (a personal ID or tax code, through
 * the subject index). Searches are posted (a personal ID stays out of URLs and access logs), and a search
 * by subject is itself audited under the searcher's name, against that subject: the citizen's own data
 * tracker shows it. Records show who, what, why, which field names and the outcome — never values.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Request, Response } from 'express';
import { findByMessageId, MESSAGE_SEARCH_DAYS, MESSAGE_SEARCH_LIMIT } from '../../audit';
import { pageLang, type WebContext } from '../kit/context';
import { readForm } from '../kit/form';
import { t, vnDateTime, type Lang } from '../kit/i18n';
import { Notice } from '../kit/layout';
import { sendPage } from '../kit/render';
import { csrfRefused } from '../kit/refusals';
import { OperatorFrame, operatorOf, orDash, type Staff } from './frame';

const PATH = '/van-hanh/nhat-ky';
const SUBJECT_LIMIT = 100;
const CITIZEN_RE = /^\d{12}$/;
const BUSINESS_RE = /^\d{10}(-\d{3})?$/;

interface Row {
  time: string;
  messageId: string;
  client: string;
  service: string;
  purpose?: string;
  fields?: string[];
  outcome: string;
  status: number;
  dossierCode?: string;
  target?: string;
  reason?: string;
}

function Results({ lang, rows, caption }: { lang: Lang; rows: Row[]; caption: string }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t(lang, { vi: 'Lúc', en: 'Time' })}</th>
          <th scope="col">{t(lang, { vi: 'Mã thông điệp', en: 'Message id' })}</th>
          <th scope="col">{t(lang, { vi: 'Bên gọi', en: 'Client' })}</th>
          <th scope="col">{t(lang, { vi: 'Dịch vụ', en: 'Service' })}</th>
          <th scope="col">{t(lang, { vi: 'Mục đích', en: 'Purpose' })}</th>
          <th scope="col">{t(lang, { vi: 'Trường', en: 'Fields' })}</th>
          <th scope="col">{t(lang, { vi: 'Kết quả', en: 'Outcome' })}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            <td>{vnDateTime(r.time)}</td>
            <td>
              <code>{r.messageId}</code>
            </td>
            <td>{r.client}</td>
            <td>
              {r.service}
              {r.target && ` — ${r.target}`}
              {r.dossierCode && ` — ${r.dossierCode}`}
            </td>
            <td>{orDash(r.purpose)}</td>
            <td>{orDash(r.fields?.join(', '))}</td>
            <td>
              {r.outcome} ({r.status}){r.reason && ` — ${r.reason}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function auditSearchPages(ctx: WebContext) {
  const { deps } = ctx;
  const page = (
    req: Request,
    res: Response,
    s: Staff,
    found?: { caption: string; rows: Row[] },
    error?: string,
  ) => {
    const lang = pageLang(ctx, req, res);
    const csrf = ctx.sessions.csrf(req, res);
    sendPage(
      res,
      error ? 422 : 200,
      <OperatorFrame
        ctx={ctx}
        req={req}
        res={res}
        s={s}
        title={{ vi: 'Tra cứu nhật ký', en: 'Audit search' }}
        path={PATH}
      >
        {error && <Notice kind="error">{error}</Notice>}
        <form method="post" action={PATH}>
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="by" value="message" />
          <label for="messageId">{t(lang, { vi: 'Mã thông điệp', en: 'Message id' })}</label>
          <input id="messageId" name="q" size={40} required />
          <p class="muted">
            {t(lang, {
              vi: `Tìm trong ${MESSAGE_SEARCH_DAYS} ngày gần nhất của nhật ký, tối đa ${MESSAGE_SEARCH_LIMIT} bản ghi.`,
              en: `Searches the newest ${MESSAGE_SEARCH_DAYS} days of the log, ${MESSAGE_SEARCH_LIMIT} records at most.`,
            })}
          </p>
          <button type="submit">
            {t(lang, { vi: 'Tìm theo mã thông điệp', en: 'Search by message id' })}
          </button>
        </form>
        <form method="post" action={PATH}>
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="by" value="subject" />
          <label for="subject">
            {t(lang, { vi: 'Số định danh cá nhân hoặc mã số thuế', en: 'Personal ID or tax code' })}
          </label>
          <input id="subject" name="q" size={20} required autoComplete="off" />
          <p class="muted">
            {t(lang, {
              vi: `Việc tra cứu theo người được ghi vào nhật ký với tên của ông/bà và hiện trong nhật ký dữ liệu của người đó. Tối đa ${SUBJECT_LIMIT} bản ghi mới nhất.`,
              en: `A search by subject is recorded in the audit log under your name and shows in that person’s data tracker. The newest ${SUBJECT_LIMIT} records at most.`,
            })}
          </p>
          <button type="submit">{t(lang, { vi: 'Tìm theo người', en: 'Search by subject' })}</button>
        </form>
        {found && <Results lang={lang} rows={found.rows} caption={found.caption} />}
      </OperatorFrame>,
    );
  };

  const get = async (req: Request, res: Response, s: Staff) => page(req, res, s);

  const post = async (req: Request, res: Response, s: Staff) => {
    const lang = pageLang(ctx, req, res);
    const form = await readForm(req);
    if (!ctx.sessions.csrfOk(req, form)) return csrfRefused(res, lang, PATH);
    const q = (form.q ?? '').trim().slice(0, 200);
    if (form.by === 'message') {
      const rows = await findByMessageId(resolve(deps.config.hub.auditDir), q);
      return page(req, res, s, {
        caption: t(lang, { vi: `${rows.length} bản ghi của ${q}`, en: `${rows.length} records of ${q}` }),
        rows,
      });
    }
    const kind = CITIZEN_RE.test(q) ? 'citizen' : BUSINESS_RE.test(q) ? 'business' : undefined;
    if (form.by !== 'subject' || !kind)
      return page(
        req,
        res,
        s,
        undefined,
        t(lang, {
          vi: 'Số định danh gồm 12 chữ số; mã số thuế gồm 10 hoặc 13 chữ số.',
          en: 'A personal ID has 12 digits; a tax code 10 or 13.',
        }),
      );
    await deps.audit.append({
      time: new Date().toISOString(),
      messageId: randomUUID(),
      client: `operator:${operatorOf(s)}`,
      service: 'operator:audit.subject-search',
      subject: { kind, id: q },
      outcome: 'ok',
      status: 200,
    });
    const rows = await deps.audit.accessLog(q, { limit: SUBJECT_LIMIT });
    page(req, res, s, {
      caption: t(lang, {
        vi: `${rows.length} bản ghi của người này`,
        en: `${rows.length} records of this subject`,
      }),
      rows,
    });
  };
  return { get, post };
}
