/**
 * /can-bo — an officer's pages: the worklist of the agency's dossiers (those handed to an officer after a
 * step failed for good, and those past their due date; overdue first), a dossier's timeline with every
 * failed attempt and its reason, the decision form (retry; supplement or stop with the reason the
 * applicant will read) — each decision audited with the officer's name and agency — and the agency's
 * KPIs (on-time rate, online share, ratings). A dossier is the agency's when it is the processing unit or
 * one of the procedure's steps is one of its services.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { decisionBody } from '../../procedures/routes';
import { isOverdue } from '../../procedures/overdue';
import { kpiReport } from '../../procedures/kpis';
import { timelineOf } from '../../procedures/timeline';
import type { DossierDoc } from '../../procedures/types';
import { vnTime } from '../../procedures/calendar';
import { pageLang, type WebContext } from '../kit/context';
import { DossierSummary, StepsTable, type TimelineView } from '../kit/dossier-view';
import { readForm } from '../kit/form';
import { t, vnDateTime } from '../kit/i18n';
import { Layout, Notice } from '../kit/layout';
import { sendPage } from '../kit/render';
import { csrfRefused } from '../kit/refusals';
import type { SessionData } from '../kit/sessions';

type Staff = Extract<SessionData, { kind: 'staff' }>;
const TITLE = { vi: 'Hồ sơ cần xử lý', en: 'Worklist' };
const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);

export function officerPages(ctx: WebContext) {
  const { deps } = ctx;
  const now = () => (deps.procedureClock ?? deps.clock ?? Date.now)();
  const agencyOf = (service: string) => service.split('/')[0];
  const isAgencys = (s: Staff, doc: DossierDoc): boolean => {
    const def = deps.procedures?.procedure(doc.procedure);
    if (!def || !s.agency) return false;
    return def.client.split('/')[0] === s.agency || def.steps.some((x) => agencyOf(x.service) === s.agency);
  };
  const timeline = async (doc: DossierDoc) =>
    (await timelineOf(deps.procedures!.procedure(doc.procedure)!, doc, {
      config: deps.config,
      deliveries: deps.deliveries!,
      clock: () => now(),
      calendar: deps.calendar!,
    })) as unknown as TimelineView;

  const worklist = async (req: Request, res: Response, s: Staff) => {
    const lang = pageLang(ctx, req, res);
    const store = deps.procedureStore!;
    const docs = (await store.getMany(await store.active())).filter((d) => isAgencys(s, d));
    const rows = docs
      .map((d) => ({ d, overdue: isOverdue(d, now(), deps.calendar!) }))
      .filter((r) => r.d.needsOfficer || r.overdue)
      .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.d.dueAt.localeCompare(b.d.dueAt));
    const today = vnTime(now()).slice(0, 10);
    const defs = deps
      .procedures!.procedures()
      .filter(
        (def) =>
          def.client.split('/')[0] === s.agency || def.steps.some((st) => agencyOf(st.service) === s.agency),
      );
    const kpis = await kpiReport(
      { store, calendar: deps.calendar! },
      defs,
      { from: `${today.slice(0, 8)}01`, to: today },
      now(),
    );
    const csrf = ctx.sessions.csrf(req, res);
    sendPage(
      res,
      200,
      <Layout lang={lang} title={TITLE} path="/can-bo" who={{ name: `${s.user} (${s.agency})`, csrf }}>
        <table>
          <caption>
            {t(lang, { vi: 'Hồ sơ được chuyển cho cán bộ', en: 'Dossiers handed to an officer' })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, { vi: 'Mã hồ sơ', en: 'Dossier' })}</th>
              <th scope="col">{t(lang, { vi: 'Thủ tục', en: 'Procedure' })}</th>
              <th scope="col">{t(lang, { vi: 'Hạn', en: 'Due' })}</th>
              <th scope="col">{t(lang, { vi: 'Lý do', en: 'Why' })}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ d, overdue }) => (
              <tr key={d.code}>
                <td>
                  <a href={`/can-bo/ho-so/${encodeURIComponent(d.code)}`}>{d.code}</a>
                </td>
                <td>{deps.procedures!.procedure(d.procedure)?.name[lang]}</td>
                <td>
                  {vnDateTime(d.dueAt)}
                  {overdue && <span class="overdue"> {t(lang, { vi: 'Quá hạn', en: 'Overdue' })}</span>}
                </td>
                <td>{d.needsOfficer?.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>{t(lang, { vi: 'Chỉ số trong tháng', en: 'This month’s KPIs' })}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, { vi: 'Đơn vị', en: 'Unit' })}</th>
              <th scope="col">{t(lang, { vi: 'Đúng hạn', en: 'On time' })}</th>
              <th scope="col">{t(lang, { vi: 'Trực tuyến', en: 'Online' })}</th>
              <th scope="col">{t(lang, { vi: 'Hài lòng', en: 'Satisfied' })}</th>
            </tr>
          </thead>
          <tbody>
            {kpis.agencies.map((a) => {
              const f = a.totals as {
                onTimeRate: number | null;
                onlineShare: number | null;
                satisfactionRate: number | null;
              };
              return (
                <tr key={a.code}>
                  <td>{a.name}</td>
                  <td>{pct(f.onTimeRate)}</td>
                  <td>{pct(f.onlineShare)}</td>
                  <td>{pct(f.satisfactionRate)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Layout>,
    );
  };

  const notFound = (req: Request, res: Response) =>
    sendPage(
      res,
      404,
      <Layout lang={pageLang(ctx, req, res)} title={TITLE} path="/can-bo">
        <Notice kind="error">
          {t(pageLang(ctx, req, res), { vi: 'Không tìm thấy hồ sơ.', en: 'No such dossier.' })}
        </Notice>
      </Layout>,
    );

  const dossier = async (req: Request, res: Response, s: Staff, notice?: string) => {
    const lang = pageLang(ctx, req, res);
    const code = String(req.params.code).slice(0, 60);
    const doc = /^[A-Za-z0-9._-]{4,60}$/.test(code) ? await deps.procedureStore!.get(code) : undefined;
    if (!doc || !isAgencys(s, doc)) return notFound(req, res);
    const tl = await timeline(doc);
    const csrf = ctx.sessions.csrf(req, res);
    sendPage(
      res,
      notice ? 422 : 200,
      <Layout
        lang={lang}
        title={{ vi: `Hồ sơ ${doc.code}`, en: `Dossier ${doc.code}` }}
        path={`/can-bo/ho-so/${doc.code}`}
        who={{ name: `${s.user} (${s.agency})`, csrf }}
      >
        {notice && <Notice kind="error">{notice}</Notice>}
        <DossierSummary lang={lang} tl={tl} />
        <StepsTable lang={lang} tl={tl} withErrors />
        {tl.decisions && (
          <ul aria-label={t(lang, { vi: 'Quyết định', en: 'Decisions' })}>
            {tl.decisions.map((d, i) => (
              <li key={i}>
                {vnDateTime(d.at)} — {d.action} {d.reason ?? ''} ({d.by})
              </li>
            ))}
          </ul>
        )}
        {doc.needsOfficer && s.role === 'officer' && (
          <form method="post" action={`/can-bo/ho-so/${doc.code}/quyet-dinh`}>
            <input type="hidden" name="_csrf" value={csrf} />
            <label for="action">{t(lang, { vi: 'Quyết định', en: 'Decision' })}</label>
            <select id="action" name="action">
              <option value="retry">{t(lang, { vi: 'Gửi lại', en: 'Retry' })}</option>
              <option value="supplement">
                {t(lang, { vi: 'Yêu cầu bổ sung', en: 'Ask for a supplement' })}
              </option>
              <option value="stop">{t(lang, { vi: 'Dừng xử lý', en: 'Stop' })}</option>
            </select>
            <label for="reason">
              {t(lang, { vi: 'Lý do (người nộp sẽ đọc)', en: 'Reason (the applicant will read it)' })}
            </label>
            <textarea id="reason" name="reason" rows={3} cols={60} />
            <button type="submit">{t(lang, { vi: 'Ghi quyết định', en: 'Record the decision' })}</button>
          </form>
        )}
      </Layout>,
    );
  };

  const decide = async (req: Request, res: Response, s: Staff) => {
    const lang = pageLang(ctx, req, res);
    const form = await readForm(req);
    if (!ctx.sessions.csrfOk(req, form)) return csrfRefused(res, lang, '/can-bo');
    const code = String(req.params.code).slice(0, 60);
    const doc = /^[A-Za-z0-9._-]{4,60}$/.test(code) ? await deps.procedureStore!.get(code) : undefined;
    if (!doc || !isAgencys(s, doc) || s.role !== 'officer') return notFound(req, res);
    const body = decisionBody.validate({
      action: form.action,
      ...(form.reason?.trim() ? { reason: form.reason } : {}),
    });
    if (body.error)
      return dossier(
        req,
        res,
        s,
        t(lang, { vi: 'Cần ghi lý do (ít nhất 3 ký tự).', en: 'A reason is needed (3 characters or more).' }),
      );
    const by = `${s.agency}/web:${s.user}`;
    const r = await deps.procedures!.decide(doc.code, { ...body.value, by });
    await deps.audit.append({
      time: new Date().toISOString(),
      messageId: randomUUID(),
      client: `officer:${s.user}@${s.agency}`,
      service: 'officer:dossier.decide',
      procedure: doc.procedure,
      dossierCode: doc.code,
      target: `${doc.code} ${body.value.action}`,
      reason: body.value.reason,
      outcome: r === 'not-waiting' ? 'DOSSIER_NOT_WAITING' : 'ok',
      status: r === 'not-waiting' ? 409 : 200,
    });
    res.redirect(303, `/can-bo/ho-so/${encodeURIComponent(doc.code)}`);
  };
  return { worklist, dossier, decide };
}
