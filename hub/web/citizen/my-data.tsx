/**
 * /du-lieu-cua-toi — the citizen's data tracker: who read her data, when (+07:00), for which procedure
 * and purpose (in words), which fields (in words). She signs in with her personal ID and the code sent
 * to the phone on record (otp.ts); the session only ever shows its own subject's log, whatever the
 * request asks. Each view is recorded in the audit log under her subject.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { parsePersonalId } from '../../../contracts/validators/personal-id';
import { toAccessLogResponse } from '../../audit';
import { pageLang, sourceOf, type WebContext } from '../kit/context';
import { readForm } from '../kit/form';
import { fieldName, t, vnDateTime, type Lang } from '../kit/i18n';
import { Layout, Notice } from '../kit/layout';
import { sendPage } from '../kit/render';
import { csrfRefused, tooMany } from '../kit/refusals';
import { checkCode, sendCode } from './otp';

const TITLE = { vi: 'Dữ liệu của tôi', en: 'My data' };
const PATH = '/du-lieu-cua-toi';

function IdForm({ lang, csrf }: { lang: Lang; csrf: string }) {
  return (
    <form method="post" action={`${PATH}/gui-ma`}>
      <p>
        {t(lang, {
          vi: 'Mã xác thực sẽ được gửi qua tin nhắn đến số điện thoại đăng ký trong Cơ sở dữ liệu quốc gia về dân cư.',
          en: 'A code will be sent by SMS to the phone on record in the national population database.',
        })}
      </p>
      <input type="hidden" name="_csrf" value={csrf} />
      <label for="personalId">{t(lang, { vi: 'Số định danh cá nhân', en: 'Personal ID number' })}</label>
      <input id="personalId" name="personalId" required inputMode="numeric" autoComplete="off" />
      <button type="submit">{t(lang, { vi: 'Gửi mã', en: 'Send the code' })}</button>
    </form>
  );
}

function CodeForm({ lang, csrf, challenge }: { lang: Lang; csrf: string; challenge: string }) {
  return (
    <form method="post" action={`${PATH}/xac-nhan`}>
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="challenge" value={challenge} />
      <label for="code">{t(lang, { vi: 'Mã xác thực (6 số)', en: 'Code (6 digits)' })}</label>
      <input id="code" name="code" required inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
      <button type="submit">{t(lang, { vi: 'Xác nhận', en: 'Confirm' })}</button>
    </form>
  );
}

export function myDataRoutes(ctx: WebContext) {
  const { deps } = ctx;
  const purposeTitle = (code?: string) =>
    deps.config.purposes.find((p: { code: string }) => p.code === code)?.title ?? code ?? '';
  const procedureName = (lang: Lang, id?: string) => {
    const def = id ? deps.procedures?.procedure(id) : undefined;
    return def ? def.name[lang] : (id ?? '');
  };
  const memberName = (client: string) =>
    deps.config.members.find((m) => m.id === client.split('/')[0])?.name ?? client;

  const get = async (req: Request, res: Response) => {
    const lang = pageLang(ctx, req, res);
    const session = await ctx.sessions.get(req);
    const csrf = ctx.sessions.csrf(req, res);
    if (session?.kind !== 'citizen')
      return sendPage(
        res,
        200,
        <Layout lang={lang} title={TITLE} path={PATH}>
          <IdForm lang={lang} csrf={csrf} />
        </Layout>,
      );
    // Her own log, whatever the request asks: the subject is the session's.
    const entries = await deps.audit.accessLog(session.personalId, { limit: 100 });
    const log = toAccessLogResponse(entries, { limit: 100 });
    await deps.audit.append({
      time: new Date().toISOString(),
      messageId: randomUUID(),
      client: 'citizen',
      service: `hub:GET ${PATH}`,
      purpose: 'giam-sat.du-lieu',
      subject: { kind: 'citizen', id: session.personalId },
      fields: ['accessLog'],
      outcome: 'ok',
      status: 200,
    });
    sendPage(
      res,
      200,
      <Layout
        lang={lang}
        title={TITLE}
        path={PATH}
        who={{ name: t(lang, { vi: 'Công dân', en: 'Citizen' }), csrf }}
      >
        <table>
          <caption>{t(lang, { vi: 'Ai đã đọc dữ liệu của tôi', en: 'Who read my data' })}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, { vi: 'Thời gian', en: 'When' })}</th>
              <th scope="col">{t(lang, { vi: 'Cơ quan', en: 'Agency' })}</th>
              <th scope="col">{t(lang, { vi: 'Thủ tục, mục đích', en: 'Procedure, purpose' })}</th>
              <th scope="col">{t(lang, { vi: 'Dữ liệu', en: 'Data' })}</th>
            </tr>
          </thead>
          <tbody>
            {log.entries.map((e) => (
              <tr key={e.messageId}>
                <td>{vnDateTime(e.time)}</td>
                <td>{memberName(e.member)}</td>
                <td>
                  {e.procedure ? `${procedureName(lang, e.procedure)} — ` : ''}
                  {purposeTitle(e.purpose)}
                  {e.dossierCode ? ` (${e.dossierCode})` : ''}
                </td>
                <td>{e.fields.map((f) => fieldName(lang, f)).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  };

  const send = async (req: Request, res: Response) => {
    const lang = pageLang(ctx, req, res);
    const form = await readForm(req);
    if (!ctx.sessions.csrfOk(req, form)) return csrfRefused(res, lang, PATH);
    const id = parsePersonalId((form.personalId ?? '').trim());
    if (!id.ok)
      return sendPage(
        res,
        422,
        <Layout lang={lang} title={TITLE} path={PATH}>
          <Notice kind="error">
            {t(lang, {
              vi: 'Số định danh cá nhân không hợp lệ.',
              en: 'This is not a valid personal ID number.',
            })}
          </Notice>
          <IdForm lang={lang} csrf={ctx.sessions.csrf(req, res)} />
        </Layout>,
      );
    try {
      await ctx.limits.otpPerSource.consume(sourceOf(req));
      await ctx.limits.otpPerId.consume(id.value.id);
    } catch {
      return tooMany(res, lang, PATH);
    }
    const challenge = await sendCode(deps, id.value.id);
    sendPage(
      res,
      200,
      <Layout lang={lang} title={TITLE} path={PATH}>
        <Notice kind="info">
          {t(lang, {
            vi: 'Nếu số định danh có trong cơ sở dữ liệu, mã xác thực đã được gửi đến số điện thoại đăng ký. Mã có hiệu lực 5 phút.',
            en: 'If the ID is on record, a code was sent to the phone on record. It is valid for 5 minutes.',
          })}
        </Notice>
        <CodeForm lang={lang} csrf={ctx.sessions.csrf(req, res)} challenge={challenge} />
      </Layout>,
    );
  };

  const confirm = async (req: Request, res: Response) => {
    const lang = pageLang(ctx, req, res);
    const form = await readForm(req);
    if (!ctx.sessions.csrfOk(req, form)) return csrfRefused(res, lang, PATH);
    const personalId = await checkCode(deps, form.challenge ?? '', (form.code ?? '').trim());
    if (!personalId)
      return sendPage(
        res,
        401,
        <Layout lang={lang} title={TITLE} path={PATH}>
          <Notice kind="error">
            {t(lang, {
              vi: 'Mã xác thực không đúng, đã hết hạn hoặc đã được dùng. Vui lòng yêu cầu mã mới.',
              en: 'The code is wrong, expired or already used. Please ask for a new code.',
            })}
          </Notice>
          <IdForm lang={lang} csrf={ctx.sessions.csrf(req, res)} />
        </Layout>,
      );
    await ctx.sessions.start(res, { kind: 'citizen', personalId });
    res.redirect(303, PATH);
  };
  return { get, send, confirm };
}
