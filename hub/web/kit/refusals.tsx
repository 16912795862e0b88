/** The pages' refusals, each a clear page with nothing of any data: a form without its CSRF token, too many tries. */
import type { Response } from 'express';
import type { Lang } from './i18n';
import { t } from './i18n';
import { Layout, Notice } from './layout';
import { sendPage } from './render';

export function csrfRefused(res: Response, lang: Lang, path: string): void {
  sendPage(
    res,
    403,
    <Layout lang={lang} title={{ vi: 'Yêu cầu không hợp lệ', en: 'Request refused' }} path={path}>
      <Notice kind="error">
        {t(lang, {
          vi: 'Biểu mẫu đã hết hạn hoặc không được gửi từ trang này. Vui lòng mở lại trang và thử lại.',
          en: 'The form expired or was not sent from this site. Please open the page again and retry.',
        })}
      </Notice>
      <p>
        <a href={path}>{t(lang, { vi: 'Mở lại trang', en: 'Open the page again' })}</a>
      </p>
    </Layout>,
  );
}

export function tooMany(res: Response, lang: Lang, path: string): void {
  sendPage(
    res,
    429,
    <Layout lang={lang} title={{ vi: 'Quá nhiều lần thử', en: 'Too many attempts' }} path={path}>
      <Notice kind="error">
        {t(lang, {
          vi: 'Ông/bà đã thử quá nhiều lần. Vui lòng thử lại sau.',
          en: 'Too many attempts. Please try again later.',
        })}
      </Notice>
    </Layout>,
  );
}
