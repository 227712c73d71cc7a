/**
 * The page shell every server-rendered screen shares: lang attribute, skip link,
 * landmarks, language and year-style switches. No script, no external asset.
 */
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { t } from './i18n.js';
import { DEFAULT_PREFERENCES, type Lang, type Preferences } from './preferences.js';

export interface NavLink {
  href: string;
  label: string;
}

export interface LayoutProps {
  title: string;
  prefs: Preferences;
  /** Path of the current page without query, used by the switches. */
  path: string;
  nav?: NavLink[];
  /** Extra content for the header's right side (e.g. the signed-in user). */
  headerExtra?: ComponentChildren;
  children: ComponentChildren;
}

const LANGUAGES: readonly Lang[] = ['ja', 'en'];
/** Each language is named in itself, so a reader finds their own whichever language the page is in. */
const LANGUAGE_NAMES: Readonly<Record<Lang, string>> = { ja: '日本語', en: 'English' };

/** The preferences that differ from the defaults, as query parameters (a form or link carries them on). */
export function preferenceParams(prefs: Preferences): [name: string, value: string][] {
  const params: [string, string][] = [];
  if (prefs.lang !== DEFAULT_PREFERENCES.lang) params.push(['lang', prefs.lang]);
  if (prefs.era !== DEFAULT_PREFERENCES.era) params.push(['era', prefs.era]);
  return params;
}

/** Builds a link to the same page with one preference changed. */
export function withPreference(path: string, prefs: Preferences, change: Partial<Preferences>): string {
  const qs = new URLSearchParams(preferenceParams({ ...prefs, ...change })).toString();
  return qs ? `${path}?${qs}` : path;
}

/** Where a reader can go from any page that does not bring its own navigation. */
export function defaultNav(prefs: Preferences): NavLink[] {
  return [
    { href: withPreference('/plans', prefs, {}), label: t(prefs.lang, 'plans') },
    { href: withPreference('/portal', prefs, {}), label: t(prefs.lang, 'publicPortal') },
    { href: withPreference('/api', prefs, {}), label: 'Web API' },
    { href: withPreference('/login', prefs, {}), label: t(prefs.lang, 'staffSignIn') },
  ];
}

export function Layout({ title, prefs, path, nav: navLinks, headerExtra, children }: LayoutProps) {
  const lang = prefs.lang;
  const nav = navLinks ?? defaultNav(prefs);
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${t(lang, 'appName')}`}</title>
        <link rel="stylesheet" href="/assets/tokens.css" />
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t(lang, 'skipToContent')}
        </a>
        <header class="site">
          <a class="brand" href={withPreference('/', prefs, {})}>
            {t(lang, 'appName')}
          </a>
          {nav.length > 0 && (
            <nav aria-label={t(lang, 'siteNav')}>
              <ul>
                {nav.map((n) => (
                  <li>
                    <a href={n.href}>{n.label}</a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <div class="prefs">
            <span>
              {t(lang, 'language')}:{' '}
              {LANGUAGES.map((l, i) => (
                <>
                  {i > 0 && ' / '}
                  <a href={withPreference(path, prefs, { lang: l })} lang={l} aria-current={l === lang ? 'true' : undefined}>
                    {LANGUAGE_NAMES[l]}
                  </a>
                </>
              ))}
            </span>
            <span>
              {t(lang, 'yearStyle')}:{' '}
              <a href={withPreference(path, prefs, { era: 'wareki' })} aria-current={prefs.era === 'wareki' ? 'true' : undefined}>
                {t(lang, 'wareki')}
              </a>
              {' / '}
              <a href={withPreference(path, prefs, { era: 'seireki' })} aria-current={prefs.era === 'seireki' ? 'true' : undefined}>
                {t(lang, 'seireki')}
              </a>
            </span>
            {headerExtra}
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer class="site">
          <p>hyoka — {t(lang, 'footerTagline')}</p>
        </footer>
      </body>
    </html>
  );
}

/** Renders a page component to a complete HTML document. */
export function renderPage(node: preact.VNode): string {
  return `<!doctype html>${renderToString(node)}`;
}
