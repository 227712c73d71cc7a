/**
 * The page shell of the signed-in screens (workflow, admin, audit): the shared Layout
 * plus role-based navigation, the user menu with a sign-out form, and the few styles
 * these screens add (/assets/workflow.css). Also small form helpers (CSRF field, field errors).
 */
import type { ComponentChildren } from 'preact';
import { Layout, renderPage, withPreference } from '../web/layout.js';
import type { Preferences } from '../web/preferences.js';
import { can } from './roles.js';
import type { Session } from './sessions.js';
import { t } from './messages.js';

export interface ShellProps {
  title: string;
  prefs: Preferences;
  path: string;
  auth: Session | null;
  children: ComponentChildren;
}

export function CsrfField({ auth }: { auth: Session | null }) {
  return auth ? <input type="hidden" name="_csrf" value={auth.csrfToken} /> : null;
}

export function AppShell({ title, prefs, path, auth, children }: ShellProps) {
  const link = (href: string) => withPreference(href, prefs, {});
  const nav = [];
  if (auth) {
    const roles = auth.user.roles;
    nav.push({ href: link('/work'), label: t(prefs.lang, 'navTasks') });
    if (can(roles, 'readAllItems') || can(roles, 'manageRounds')) nav.push({ href: link('/rounds'), label: t(prefs.lang, 'navRounds') });
    if (can(roles, 'manageUsers')) nav.push({ href: link('/admin/users'), label: t(prefs.lang, 'navUsers') });
    if (can(roles, 'manageDepartments')) nav.push({ href: link('/admin/departments'), label: t(prefs.lang, 'navDepartments') });
    if (can(roles, 'importPlans')) nav.push({ href: link('/admin/imports'), label: t(prefs.lang, 'navImports') });
    if (can(roles, 'managePlans')) nav.push({ href: link('/admin/lineage'), label: t(prefs.lang, 'navLineage') });
    if (can(roles, 'readAudit')) nav.push({ href: link('/audit'), label: t(prefs.lang, 'navAudit') });
  }
  const userMenu = auth ? (
    <div class="user-menu">
      <span>{auth.user.displayName}</span>
      <a href={link('/account/password')}>{t(prefs.lang, 'changePassword')}</a>
      <form method="post" action="/logout">
        <CsrfField auth={auth} />
        <button type="submit">{t(prefs.lang, 'signOut')}</button>
      </form>
    </div>
  ) : (
    <a href={link('/login')}>{t(prefs.lang, 'signIn')}</a>
  );
  return (
    <Layout title={title} prefs={prefs} path={path} nav={nav} headerExtra={userMenu}>
      <link rel="stylesheet" href="/assets/workflow.css" />
      {children}
      {/* Signed-in screens warn before leaving a form with unsent changes (the pages work without it). */}
      {auth && <script src="/assets/unsaved-changes.js" defer />}
    </Layout>
  );
}

export function renderShell(props: Omit<ShellProps, 'children'>, children: ComponentChildren): string {
  return renderPage(<AppShell {...props}>{children}</AppShell>);
}

export function MessagePage({ title, message, prefs, path, auth }: { title: string; message: string; prefs: Preferences; path: string; auth: Session | null }) {
  return (
    <AppShell title={title} prefs={prefs} path={path} auth={auth}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href={withPreference(auth ? '/work' : '/login', prefs, {})}>{auth ? t(prefs.lang, 'toTasks') : t(prefs.lang, 'toSignIn')}</a>
      </p>
    </AppShell>
  );
}
