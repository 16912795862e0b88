/**
 * The pages' frame: one stylesheet from the hub (/web/static/site.css), a skip link, the language
 * switch, a header naming who is signed in, and a main region. No script: every page works without it.
 */
import type { ComponentChildren } from 'preact';
import { t, type Lang, type Text } from './i18n';

export interface LayoutProps {
  lang: Lang;
  title: Text;
  /** The path of this page, for the language switch. */
  path: string;
  /** Who is signed in (officers, operators), with the CSRF token of the sign-out form. */
  who?: { name: string; csrf: string };
  children: ComponentChildren;
}

export function Layout({ lang, title, path, who, children }: LayoutProps) {
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${t(lang, title)} — lienthong`}</title>
        <link rel="stylesheet" href="/web/static/site.css" />
        <link rel="icon" href="/web/static/icon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a class="skip" href="#main">
          {t(lang, { vi: 'Bỏ qua đến nội dung', en: 'Skip to content' })}
        </a>
        <header>
          <span class="brand">lienthong</span>
          <nav aria-label={t(lang, { vi: 'Ngôn ngữ', en: 'Language' })}>
            <a href={`${path}?lang=${other}`} hrefLang={other} lang={other}>
              {other === 'en' ? 'English' : 'Tiếng Việt'}
            </a>
          </nav>
          {who && (
            <form method="post" action="/dang-xuat" class="signout">
              <span>{who.name}</span>
              <input type="hidden" name="_csrf" value={who.csrf} />
              <button type="submit">{t(lang, { vi: 'Đăng xuất', en: 'Sign out' })}</button>
            </form>
          )}
        </header>
        <main id="main">
          <h1>{t(lang, title)}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}

/** A notice: an error (role=alert) or information. */
export function Notice({ kind, children }: { kind: 'error' | 'info'; children: ComponentChildren }) {
  return (
    <div class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
