/**
 * /van-hanh/thu-loi — dead letters: the list (newest first, 50 a page), one dead letter as an operator
 * sees it (hub/exchange/egress.ts: its envelope, the names of its input's fields — never their values —
 * and every attempt's error), and for an operator the redrive and the discard with a reason, each
 * audited under the operator's name as the HTTP routes of hub/routes/admin.ts do.
 */
import type { Request, Response } from 'express';
import { SealError, type AttemptError } from '../../../queue';
import {
  deadLetterForOperator,
  deadLetterSummaryForOperator,
  type DeliveryEnvelope,
} from '../../exchange/egress';
import { auditOperatorAction, operatorText } from '../../operators/audit';
import { pageLang, type WebContext } from '../kit/context';
import { readForm } from '../kit/form';
import { t, vnDateTime } from '../kit/i18n';
import { Notice } from '../kit/layout';
import { sendPage } from '../kit/render';
import { csrfRefused } from '../kit/refusals';
import { OperatorFrame, operatorOf, orDash, readOnlyRefused, type Staff } from './frame';

const LIST = '/van-hanh/thu-loi';
const ID_RE = /^[A-Za-z0-9._:-]{1,100}$/;
const TITLE = { vi: 'Thư lỗi', en: 'Dead letters' };

export function deadLetterPages(ctx: WebContext) {
  const { deps } = ctx;
  const dl = () => deps.deliveries!;

  const list = async (req: Request, res: Response, s: Staff, notice?: string, status = 200) => {
    const lang = pageLang(ctx, req, res);
    const offset = Math.max(0, Math.min(1e6, Number(req.query.offset) || 0));
    const page = await dl().deadLetters.list({ limit: 50, offset });
    sendPage(
      res,
      status,
      <OperatorFrame ctx={ctx} req={req} res={res} s={s} title={TITLE} path={LIST}>
        {notice && <Notice kind={status === 200 ? 'info' : 'error'}>{notice}</Notice>}
        <table>
          <caption>{t(lang, { vi: `${page.total} thư lỗi`, en: `${page.total} dead letters` })}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, { vi: 'Mã', en: 'Id' })}</th>
              <th scope="col">{t(lang, { vi: 'Dịch vụ', en: 'Service' })}</th>
              <th scope="col">{t(lang, { vi: 'Bên gửi', en: 'Client' })}</th>
              <th scope="col">{t(lang, { vi: 'Lỗi lúc', en: 'Dead at' })}</th>
              <th scope="col">{t(lang, { vi: 'Lỗi cuối', en: 'Last error' })}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((d) => {
              const last = d.errors[d.errors.length - 1];
              return (
                <tr key={d.id}>
                  <td>
                    <a href={`${LIST}/${encodeURIComponent(d.id)}`}>{d.id}</a>
                  </td>
                  <td>{d.data.service}</td>
                  <td>{d.data.client}</td>
                  <td>{vnDateTime(d.deadAt)}</td>
                  <td>{last ? `${last.code}: ${last.reason}` : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {page.total > offset + 50 && (
          <a href={`${LIST}?offset=${offset + 50}`}>{t(lang, { vi: 'Trang sau', en: 'Next page' })}</a>
        )}
      </OperatorFrame>,
    );
  };

  const show = async (req: Request, res: Response, s: Staff) => {
    const lang = pageLang(ctx, req, res);
    const id = String(req.params.id).slice(0, 100);
    const none = t(lang, { vi: 'Không có thư lỗi này.', en: 'No such dead letter.' });
    if (!ID_RE.test(id)) return list(req, res, s, none, 404);
    let view: {
      id: string;
      data: DeliveryEnvelope & { messageId: string };
      errors: AttemptError[];
      inputFields?: string[];
      sealed?: string;
    };
    try {
      const d = await dl().deadLetters.get(id);
      if (!d) return list(req, res, s, none, 404);
      const v = deadLetterForOperator(d);
      view = {
        ...v,
        data: { ...v.data, messageId: v.data.signed.messageId },
        inputFields: v.data.inputFields,
      };
    } catch (err) {
      // Its data key is not kept here (or it was altered): its envelope and errors are shown all the same.
      if (!(err instanceof SealError)) throw err;
      const sum = await dl().deadLetters.summary(id);
      if (!sum) return list(req, res, s, none, 404);
      view = { ...deadLetterSummaryForOperator(sum), sealed: err.message };
    }
    const csrf = ctx.sessions.csrf(req, res);
    const e = view.data;
    const rows: [string, string][] = [
      [t(lang, { vi: 'Dịch vụ', en: 'Service' }), e.service],
      [t(lang, { vi: 'Nơi nhận', en: 'Destination' }), e.destination],
      [t(lang, { vi: 'Bên gửi', en: 'Client' }), e.client],
      [t(lang, { vi: 'Mục đích', en: 'Purpose' }), e.purpose],
      [t(lang, { vi: 'Mã thông điệp', en: 'Message id' }), e.messageId],
      [t(lang, { vi: 'Nhận lúc', en: 'Accepted at' }), vnDateTime(e.acceptedAt)],
      [t(lang, { vi: 'Hồ sơ', en: 'Dossier' }), orDash(e.dossierCode)],
      [
        t(lang, { vi: 'Trường dữ liệu gửi đi (chỉ tên)', en: 'Input fields (names only)' }),
        orDash(view.inputFields?.join(', ')),
      ],
    ];
    sendPage(
      res,
      200,
      <OperatorFrame
        ctx={ctx}
        req={req}
        res={res}
        s={s}
        title={{ vi: `Thư lỗi ${view.id}`, en: `Dead letter ${view.id}` }}
        path={`${LIST}/${view.id}`}
      >
        {view.sealed && <Notice kind="info">{view.sealed}</Notice>}
        <table>
          <caption>{t(lang, { vi: 'Thông tin chuyển phát', en: 'Delivery' })}</caption>
          <tbody>
            {rows.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>{t(lang, { vi: 'Các lần thử', en: 'Attempts' })}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t(lang, { vi: 'Lúc', en: 'At' })}</th>
              <th scope="col">{t(lang, { vi: 'Mã lỗi', en: 'Code' })}</th>
              <th scope="col">{t(lang, { vi: 'Lý do', en: 'Reason' })}</th>
            </tr>
          </thead>
          <tbody>
            {view.errors.map((x) => (
              <tr key={x.attempt}>
                <td>{x.attempt}</td>
                <td>{vnDateTime(x.at)}</td>
                <td>
                  <code>{x.upstreamCode ? `${x.code} (${x.upstreamCode})` : x.code}</code>
                </td>
                <td>{x.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {s.role === 'operator' && (
          <>
            <form method="post" action={`${LIST}/${encodeURIComponent(view.id)}/gui-lai`}>
              <input type="hidden" name="_csrf" value={csrf} />
              <button type="submit">{t(lang, { vi: 'Gửi lại', en: 'Redrive' })}</button>
            </form>
            <form method="post" action={`${LIST}/${encodeURIComponent(view.id)}/huy`}>
              <input type="hidden" name="_csrf" value={csrf} />
              <label for="reason">{t(lang, { vi: 'Lý do hủy', en: 'Reason for discarding' })}</label>
              <textarea id="reason" name="reason" rows={2} cols={60} required />
              <button type="submit" class="danger">
                {t(lang, { vi: 'Hủy thư', en: 'Discard' })}
              </button>
            </form>
          </>
        )}
      </OperatorFrame>,
    );
  };

  /** Redrive or discard: an operator's, with its CSRF token; audited whatever the outcome. */
  const act = (action: 'redrive' | 'discard') => async (req: Request, res: Response, s: Staff) => {
    const lang = pageLang(ctx, req, res);
    const form = await readForm(req);
    if (!ctx.sessions.csrfOk(req, form)) return csrfRefused(res, lang, LIST);
    if (s.role !== 'operator') return readOnlyRefused(ctx, req, res);
    const id = String(req.params.id).slice(0, 100);
    const operator = operatorOf(s);
    if (action === 'redrive') {
      const ok = ID_RE.test(id) && (await dl().redrive(id));
      await auditOperatorAction(deps.audit, {
        operator,
        action: 'dlq.redrive',
        target: id,
        ...(ok ? { status: 202 } : { outcome: 'DEAD_LETTER_UNKNOWN', status: 404 }),
      });
      return ok
        ? list(req, res, s, t(lang, { vi: `Đã gửi lại ${id}.`, en: `Redriven: ${id}.` }))
        : list(req, res, s, t(lang, { vi: 'Không có thư lỗi này.', en: 'No such dead letter.' }), 404);
    }
    const reason = operatorText(form.reason ?? '');
    if (!reason) {
      return list(
        req,
        res,
        s,
        t(lang, { vi: 'Cần ghi lý do hủy.', en: 'A reason is needed to discard.' }),
        422,
      );
    }
    const ok = ID_RE.test(id) && (await dl().discard(id, operator, reason));
    await auditOperatorAction(deps.audit, {
      operator,
      action: 'dlq.discard',
      target: id,
      reason,
      ...(ok ? {} : { outcome: 'DEAD_LETTER_UNKNOWN', status: 404 }),
    });
    if (ok) deps.logger.warn({ deliveryId: id, operator }, 'dead letter discarded');
    return ok
      ? list(req, res, s, t(lang, { vi: `Đã hủy ${id}.`, en: `Discarded: ${id}.` }))
      : list(req, res, s, t(lang, { vi: 'Không có thư lỗi này.', en: 'No such dead letter.' }), 404);
  };
  return { list, show, redrive: act('redrive'), discard: act('discard') };
}
