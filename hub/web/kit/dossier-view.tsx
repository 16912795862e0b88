/**
 * A dossier's timeline (procedures/timeline.ts) as a page shows it: its status in words, the due date,
 * every step with its agency (names, not member ids) and state — payment and postal steps among them,
 * whatever the procedure has — and, for officers, every failed attempt with its reason.
 */
import { t, stateName, vnDateTime, type Lang, type Text } from './i18n';

export interface TimelineView {
  dossierCode: string;
  procedure: { id: string; code: string; name: Text };
  status: { code: number } & Text;
  receivedAt: string;
  dueAt: string;
  finishedAt?: string;
  overdue?: boolean;
  reason?: string;
  needsOfficer?: { step: string; reason: string };
  decisions?: { at: string; step: string; action: string; reason?: string; by: string }[];
  steps: {
    id: string;
    title: Text;
    agency: string;
    state: string;
    dueAt?: string;
    finishedAt?: string;
    overdue?: boolean;
    attempts?: number;
    lastError?: { code: string; reason: string };
    errors?: { code: string; reason: string; at?: string }[];
  }[];
  rating?: { ratedAt: string };
}

export function DossierSummary({ lang, tl }: { lang: Lang; tl: TimelineView }) {
  return (
    <dl>
      <dt>{t(lang, { vi: 'Mã hồ sơ', en: 'Dossier code' })}</dt>
      <dd>{tl.dossierCode}</dd>
      <dt>{t(lang, { vi: 'Thủ tục', en: 'Procedure' })}</dt>
      <dd>{t(lang, tl.procedure.name)}</dd>
      <dt>{t(lang, { vi: 'Trạng thái', en: 'Status' })}</dt>
      <dd data-testid="status">{t(lang, tl.status)}</dd>
      <dt>{t(lang, { vi: 'Ngày tiếp nhận', en: 'Received' })}</dt>
      <dd>{vnDateTime(tl.receivedAt)}</dd>
      <dt>{t(lang, { vi: 'Hẹn trả kết quả (tính theo ngày làm việc)', en: 'Due (in working days)' })}</dt>
      <dd>
        {vnDateTime(tl.dueAt)}
        {tl.overdue && <span class="overdue"> — {t(lang, { vi: 'Quá hạn', en: 'Overdue' })}</span>}
      </dd>
    </dl>
  );
}

export function StepsTable({ lang, tl, withErrors }: { lang: Lang; tl: TimelineView; withErrors?: boolean }) {
  return (
    <table>
      <caption>{t(lang, { vi: 'Các bước xử lý', en: 'Processing steps' })}</caption>
      <thead>
        <tr>
          <th scope="col">{t(lang, { vi: 'Bước', en: 'Step' })}</th>
          <th scope="col">{t(lang, { vi: 'Cơ quan', en: 'Agency' })}</th>
          <th scope="col">{t(lang, { vi: 'Tình trạng', en: 'State' })}</th>
          <th scope="col">{t(lang, { vi: 'Thời hạn', en: 'Due' })}</th>
          {withErrors && (
            <th scope="col">{t(lang, { vi: 'Lần thử không thành công', en: 'Failed attempts' })}</th>
          )}
        </tr>
      </thead>
      <tbody>
        {tl.steps.map((s) => (
          <tr key={s.id}>
            <td>{t(lang, s.title)}</td>
            <td>{s.agency}</td>
            <td>
              {stateName(lang, s.state)}
              {s.overdue && <span class="overdue"> ({t(lang, { vi: 'quá hạn', en: 'overdue' })})</span>}
            </td>
            <td>{vnDateTime(s.dueAt)}</td>
            {withErrors && (
              <td>
                {(s.errors ?? (s.lastError ? [s.lastError] : [])).length > 0 && (
                  <ul>
                    {(s.errors ?? [s.lastError!]).map((e, i) => (
                      <li key={i}>
                        {'at' in e && typeof e.at === 'string' ? `${vnDateTime(e.at)}: ` : ''}
                        <code>{e.code}</code> {e.reason}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
