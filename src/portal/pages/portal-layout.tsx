/** The chrome of every portal page: its navigation, its stylesheet and the licence note. */
import type { ComponentChildren } from 'preact';
import { Layout, type NavLink } from '../../web/layout.js';
import type { Preferences } from '../../web/preferences.js';
import { LICENSE } from '../downloads.js';
import { pt } from '../messages.js';
import { portalUrls } from '../urls.js';
import { href } from './format.js';

interface PortalLayoutProps {
  title: string;
  prefs: Preferences;
  path: string;
  slug?: string | undefined;
  children: ComponentChildren;
}

export function PortalLayout({ title, prefs, path, slug, children }: PortalLayoutProps) {
  const lang = prefs.lang;
  const nav: NavLink[] = [
    { href: href(prefs, portalUrls.home()), label: pt(lang, 'portal') },
    ...(slug
      ? [
          { href: href(prefs, portalUrls.plan(slug)), label: pt(lang, 'planHome') },
          { href: href(prefs, portalUrls.downloads(slug)), label: pt(lang, 'downloads') },
        ]
      : []),
    { href: href(prefs, portalUrls.search()), label: pt(lang, 'search') },
    { href: href(prefs, portalUrls.apiPage()), label: 'Web API' },
  ];
  return (
    <Layout title={title} prefs={prefs} path={path} nav={nav}>
      <link rel="stylesheet" href={portalUrls.css()} />
      {children}
      <p class="note license-note">
        {pt(lang, 'licenseNoteBefore')}
        <a href={LICENSE.url} rel="license">
          CC BY 4.0
        </a>
        {pt(lang, 'licenseNoteAfter')}
      </p>
    </Layout>
  );
}
