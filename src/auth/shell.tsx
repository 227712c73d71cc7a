/**
 * The page shell of the signed-in screens (workflow, admin, audit): the shared Layout
 * plus role-based navigation, the user menu with a sign-out form, and the few styles
 * these screens add. Also small form helpers (CSRF field, field errors).
 */
import type { ComponentChildren } from 'preact';
import { Layout, renderPage, withPreference } from '../web/layout.js';
import type { Preferences } from '../web/preferences.js';
import { can } from './roles.js';
import type { Session } from './sessions.js';

/** Japanese first; English when the reader chose it. */
export function tr(prefs: Preferences, ja: string, en: string): string {
  return prefs.lang === 'en' ? en : ja;
}

// Contrast of every colour here is ≥ 4.5:1 on white (WCAG AA).
export const WORKFLOW_CSS = `
.wf-form { display: grid; gap: 1rem; max-width: 48rem; }
.wf-form label, .wf-form legend { font-weight: bold; display: block; }
.wf-form input[type=text], .wf-form input[type=password], .wf-form input[type=email], .wf-form input[type=date], .wf-form select, .wf-form textarea {
  font: inherit; padding: .4rem; border: 1px solid #6b6b6b; border-radius: .25rem; width: 100%; box-sizing: border-box; min-height: 2.75rem; }
.wf-form textarea { min-height: 8rem; }
.wf-form fieldset { border: 1px solid #8a8a8a; padding: .5rem 1rem; }
.wf-form .choices label { display: inline-flex; gap: .3rem; align-items: center; font-weight: normal; margin-right: 1rem; min-height: 2.75rem; }
.field-error { color: #a1261d; font-weight: bold; margin: .2rem 0 0; }
.wf-form [aria-invalid=true] { border-color: #a1261d; border-width: 2px; }
.hint { color: #4a4a4a; font-size: .9rem; margin: .2rem 0 0; }
button, .button { font: inherit; padding: .5rem 1rem; min-height: 2.75rem; border-radius: .25rem; border: 1px solid #0b5cad; background: #0b5cad; color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: #fff; color: #0b5cad; }
button.danger { background: #a1261d; border-color: #a1261d; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; }
.notice { border-left: 4px solid #0b5cad; background: #f2f4f7; padding: .5rem 1rem; }
.alert { border-left: 4px solid #a1261d; background: #fdf1f0; padding: .5rem 1rem; }
.status { display: inline-block; border-radius: .25rem; padding: 0 .4rem; border: 1px solid currentColor; font-size: .9rem; white-space: nowrap; }
.status-not_started { color: #4a4a4a; } .status-draft { color: #0b5cad; } .status-submitted { color: #6a3d9a; }
.status-returned { color: #a1261d; } .status-accepted { color: #0d6b2f; }
.conflict { border: 2px solid #a1261d; padding: .5rem 1rem; }
.theirs { white-space: pre-wrap; background: #f2f4f7; padding: .5rem; border: 1px solid #8a8a8a; }
.pre { white-space: pre-wrap; }
.user-menu { display: flex; gap: .75rem; align-items: center; flex-wrap: wrap; }
.user-menu form { display: inline; margin: 0; }
.user-menu button { padding: .1rem .6rem; min-height: 2rem; background: #fff; color: #0b5cad; border-color: #fff; }
progress { width: 8rem; }
`;

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

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p class="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

export function AppShell({ title, prefs, path, auth, children }: ShellProps) {
  const link = (href: string) => withPreference(href, prefs, {});
  const nav = [];
  if (auth) {
    const roles = auth.user.roles;
    nav.push({ href: link('/work'), label: tr(prefs, '私のタスク', 'My tasks') });
    if (can(roles, 'readAllItems') || can(roles, 'manageRounds')) nav.push({ href: link('/rounds'), label: tr(prefs, '評価ラウンド', 'Rounds') });
    if (can(roles, 'manageUsers')) nav.push({ href: link('/admin/users'), label: tr(prefs, '利用者', 'Users') });
    if (can(roles, 'manageDepartments')) nav.push({ href: link('/admin/departments'), label: tr(prefs, '担当課', 'Departments') });
    if (can(roles, 'readAudit')) nav.push({ href: link('/audit'), label: tr(prefs, '監査ログ', 'Audit log') });
  }
  const userMenu = auth ? (
    <div class="user-menu">
      <span>{auth.user.displayName}</span>
      <a href={link('/account/password')}>{tr(prefs, 'パスワード変更', 'Change password')}</a>
      <form method="post" action="/logout">
        <CsrfField auth={auth} />
        <button type="submit">{tr(prefs, 'ログアウト', 'Sign out')}</button>
      </form>
    </div>
  ) : (
    <a href={link('/login')}>{tr(prefs, 'ログイン', 'Sign in')}</a>
  );
  return (
    <Layout title={title} prefs={prefs} path={path} nav={nav} headerExtra={userMenu}>
      <link rel="stylesheet" href="/assets/workflow.css" />
      {children}
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
        <a href={withPreference(auth ? '/work' : '/login', prefs, {})}>{auth ? tr(prefs, '私のタスクへ', 'Go to my tasks') : tr(prefs, 'ログインへ', 'Go to sign-in')}</a>
      </p>
    </AppShell>
  );
}
