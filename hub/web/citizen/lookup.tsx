/**
 * /tra-cuu — a citizen looks up her dossier: its code and the last four digits of the applicant's phone
 * (the one the dossier was announced to). A wrong pair answers exactly as an unknown code does (no
 * oracle), and both are rate-limited per source address and per code. Shows the timeline: status in
 * words, the steps with their agencies (payment and postal delivery among them when the procedure has
 * them), the due date, what is expected of her, and the rating form once the result is returned (its
 * answers posted to /tra-cuu/danh-gia, the dossier found again as the lookup finds it).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { timelineOf } from '../../procedures/timeline';
import type { ProcedureDef } from '../../procedures/definition';
import type { DossierDoc } from '../../procedures/types';
import { sourceOf, pageLang, type WebContext } from '../kit/context';
import { DossierSummary, StepsTable, type TimelineView } from '../kit/dossier-view';
import { readForm } from '../kit/form';
import { t, type Lang } from '../kit/i18n';
import { Layout, Notice } from '../kit/layout';
import { sendPage } from '../kit/render';
import { csrfRefused, tooMany } from '../kit/refusals';
import { RatingForm, ratingAnswers } from './rating-form';

const TITLE = { vi: 'Tra cứu hồ sơ', en: 'Dossier lookup' };
const CODE = /^[A-Za-z0-9._-]{4,60}$/;

function LookupForm({ lang, csrf, code }: { lang: Lang; csrf: string; code?: string }) {
  return (
    <form method="post" action="/tra-cuu">
      <input type="hidden" name="_csrf" value={csrf} />
      <label for="code">{t(lang, { vi: 'Mã hồ sơ', en: 'Dossier code' })}</label>
      <input id="code" name="code" required autoComplete="off" value={code ?? ''} />
      <label for="phone4">
        {t(lang, {
          vi: '4 số cuối điện thoại của người nộp hồ sơ',
          en: "Last 4 digits of the applicant's phone",
        })}
      </label>
      <input id="phone4" name="phone4" required inputMode="numeric" pattern="[0-9]{4}" maxLength={4} />
      <button type="submit">{t(lang, { vi: 'Tra cứu', en: 'Look up' })}</button>
    </form>
  );
}

/** The last four digits of the phone match, compared in constant time. */
function phoneMatches(doc: DossierDoc, given: string): boolean {
  const digits = (doc.contact.phone ?? '').replace(/\D/g, '');
  if (digits.length < 4 || !/^\d{4}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(digits.slice(-4)), Buffer.from(given));
}

export function lookupRoutes(ctx: WebContext) {
  const { deps } = ctx;
  const get = (req: Request, res: Response) => {
    const lang = pageLang(ctx, req, res);
    sendPage(
      res,
      200,
      <Layout lang={lang} title={TITLE} path="/tra-cuu">
        <LookupForm lang={lang} csrf={ctx.sessions.csrf(req, res)} />
      </Layout>,
    );
  };

  /**
   * The dossier of a posted code and phone digits, within the limits; undefined when a page (refusal,
   * too many tries, not found) was sent instead.
   */
  const find = async (req: Request, res: Response, lang: Lang, form: Record<string, string>) => {
    if (!ctx.sessions.csrfOk(req, form)) return void csrfRefused(res, lang, '/tra-cuu');
    const code = (form.code ?? '').trim().toUpperCase();
    try {
      await ctx.limits.lookup.consume(`ip:${sourceOf(req)}`);
      if (CODE.test(code)) await ctx.limits.lookup.consume(`code:${code}`);
    } catch {
      return void tooMany(res, lang, '/tra-cuu');
    }
    const doc = CODE.test(code) && deps.procedureStore ? await deps.procedureStore.get(code) : undefined;
    const def = doc && deps.procedures?.procedure(doc.procedure);
    if (!doc || !def || !phoneMatches(doc, (form.phone4 ?? '').trim())) {
      return void sendPage(
        res,
        404,
        <Layout lang={lang} title={TITLE} path="/tra-cuu">
          <Notice kind="error">
            {t(lang, {
              vi: 'Không tìm thấy hồ sơ với mã và 4 số điện thoại này. Vui lòng kiểm tra lại.',
              en: 'No dossier was found with this code and these 4 digits. Please check them.',
            })}
          </Notice>
          <LookupForm lang={lang} csrf={ctx.sessions.csrf(req, res)} />
        </Layout>,
      );
    }
    return { doc, def };
  };

  const show = async (
    req: Request,
    res: Response,
    lang: Lang,
    found: { doc: DossierDoc; def: ProcedureDef },
    phone4: string,
    notice?: { kind: 'info' | 'error'; text: string },
  ) => {
    const { doc, def } = found;
    const tl = (await timelineOf(def, doc, {
      config: deps.config,
      deliveries: deps.deliveries!,
      clock: deps.procedureClock ?? deps.clock ?? Date.now,
      calendar: deps.calendar!,
    })) as unknown as TimelineView;
    const expected = tl.status.code === 5;
    const canRate = tl.status.code === 10 && !!doc.rating && !doc.rating.ratedAt && !!deps.ratings;
    sendPage(
      res,
      notice?.kind === 'error' ? 422 : 200,
      <Layout lang={lang} title={TITLE} path="/tra-cuu">
        {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
        <DossierSummary lang={lang} tl={tl} />
        {expected && (
          <Notice kind="info">
            <strong>{t(lang, { vi: 'Cần bổ sung hồ sơ: ', en: 'A supplement is asked for: ' })}</strong>
            {tl.reason}
          </Notice>
        )}
        {tl.status.code === 8 && tl.reason && <Notice kind="info">{tl.reason}</Notice>}
        <StepsTable lang={lang} tl={tl} />
        {canRate && (
          <RatingForm lang={lang} csrf={ctx.sessions.csrf(req, res)} code={doc.code} phone4={phone4} />
        )}
      </Layout>,
    );
  };

  const post = async (req: Request, res: Response) => {
    const lang = pageLang(ctx, req, res);
    const form = await readForm(req);
    const found = await find(req, res, lang, form);
    if (found) await show(req, res, lang, found, (form.phone4 ?? '').trim());
  };

  /** The rating form's answers: kept with the dossier and sent to the portal, as the rating link does. */
  const rate = async (req: Request, res: Response) => {
    const lang = pageLang(ctx, req, res);
    const form = await readForm(req);
    const found = await find(req, res, lang, form);
    if (!found) return;
    const phone4 = (form.phone4 ?? '').trim();
    const answers = ratingAnswers(form);
    if (!answers || !found.doc.rating || !deps.ratings)
      return show(req, res, lang, found, phone4, {
        kind: 'error',
        text: t(lang, {
          vi: 'Vui lòng chọn một mức cho mỗi tiêu chí.',
          en: 'Please choose a level for each criterion.',
        }),
      });
    const r = await deps.ratings.rate(found.doc.code, found.doc.rating.token, answers);
    const doc = typeof r === 'object' ? r : ((await deps.procedureStore!.get(found.doc.code)) ?? found.doc);
    return show(req, res, lang, { doc, def: found.def }, phone4, {
      kind: 'info',
      text:
        r === 'given'
          ? t(lang, { vi: 'Hồ sơ này đã được đánh giá.', en: 'This dossier was rated already.' })
          : t(lang, { vi: 'Cảm ơn ông/bà đã đánh giá.', en: 'Thank you for your rating.' }),
    });
  };
  return { get, post, rate };
}
