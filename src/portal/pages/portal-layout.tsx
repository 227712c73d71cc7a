/** The chrome of every portal page: its navigation, its stylesheet and the licence note. */
import type { ComponentChildren } from 'preact';
import { Layout, type NavLink } from '../../web/layout.js';
import type { Preferences } from '../../web/preferences.js';
import { LICENSE } from '../downloads.js';
import { pt } from '../messages.js';
import { portalUrls } from '../urls.js';
import type { PublicDemo } from '../public-data.js';
import { href, yearLong } from './format.js';

interface PortalLayoutProps {
  title: string;
  prefs: Preferences;
  path: string;
  slug?: string | undefined;
  /** What of the plan is demo data; every page of such a plan says so first. */
  demo?: PublicDemo | undefined;
  children: ComponentChildren;
}

function DemoNotice({ demo, prefs }: { demo: PublicDemo; prefs: Preferences }) {
  if (!demo.departments && demo.fiscalYears.length === 0) return null;
  const years = demo.fiscalYears.map((fy) => yearLong(fy, prefs)).join('・');
  return (
    <p class="demo-notice" role="note">
      <strong>{pt(prefs.lang, 'demoLabel')}</strong> {demo.departments && pt(prefs.lang, 'demoDepartments')}
      {years && pt(prefs.lang, 'demoYears', { years })}
    </p>
  );
}

export function PortalLayout({ title, prefs, path, slug, demo, children }: PortalLayoutProps) {
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
      {demo && <DemoNotice demo={demo} prefs={prefs} />}
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
