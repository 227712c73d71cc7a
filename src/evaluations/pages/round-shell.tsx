/**
 * What every workflow screen shares: the page base (preferences, session, path), the
 * round's title, its status words, the round's own navigation and the page frame
 * (shell, heading, notice, navigation) of a screen about one round.
 */
import type { ComponentChildren } from 'preact';
import { fiscalYearLabel } from '../../fiscal/fiscal-year.js';
import { withPreference } from '../../web/layout.js';
import type { Preferences } from '../../web/preferences.js';
import { formatDate } from '../../web/ui/date-time.js';
import { Notice } from '../../web/ui/notices.js';
import { StatusBadge } from '../../web/ui/status-badge.js';
import { AppShell } from '../../auth/shell.js';
import type { Session } from '../../auth/sessions.js';
import { can } from '../../auth/roles.js';
import { roundKindLabel } from '../round-kinds.js';
import type { Round } from '../round-queries.js';
import { ENTRY_STATUS_LABELS, ROUND_STATUS_LABELS, type EntryStatus, type RoundStatus } from '../workflow.js';
import { t } from '../messages.js';

export interface PageBase {
  prefs: Preferences;
  auth: Session;
  path: string;
}

export const link = (prefs: Preferences, href: string): string => withPreference(href, prefs, {});

/** "令和5年度 年度評価": the kind as the plan names it (plan_settings), else the generic word; デモ on a demo round. */
export function roundTitle(round: Pick<Round, 'fiscalYear' | 'kind'> & { kindLabel?: string | null; demo?: boolean }, prefs: Preferences): string {
  const year = t(prefs.lang, 'roundYear', { label: fiscalYearLabel(round.fiscalYear, prefs.era, 'long'), year: round.fiscalYear });
  return `${year} ${round.kindLabel ?? roundKindLabel(round.kind, prefs.lang)}${round.demo ? t(prefs.lang, 'demoMark') : ''}`;
}

export function EntryStatusBadge({ status, prefs }: { status: EntryStatus; prefs: Preferences }) {
  return <StatusBadge label={ENTRY_STATUS_LABELS[status][prefs.lang]} tone={status} />;
}

export function RoundStatusText({ status, prefs }: { status: RoundStatus; prefs: Preferences }) {
  return <StatusBadge label={ROUND_STATUS_LABELS[status][prefs.lang]} />;
}

/** "状態: 入力受付中 締切: 令和6年6月30日" */
export function RoundStatusLine({ round, prefs }: { round: Round; prefs: Preferences }) {
  return (
    <p>
      {t(prefs.lang, 'status')}: <RoundStatusText status={round.status} prefs={prefs} />
      {round.deadline && (
        <>
          {' '}
          {t(prefs.lang, 'deadline')}: {formatDate(round.deadline, prefs)}
        </>
      )}
    </p>
  );
}

export function RoundNav({ round, prefs, auth }: { round: Round; prefs: Preferences; auth: Session }) {
  const roles = auth.user.roles;
  const base = `/rounds/${round.id}`;
  const items: { href: string; label: string }[] = [];
  if (can(roles, 'readAllItems')) items.push({ href: `${base}/board`, label: t(prefs.lang, 'completionBoard') });
  if (can(roles, 'review')) items.push({ href: `${base}/review`, label: t(prefs.lang, 'reviewQueue') });
  if (can(roles, 'readAllItems')) items.push({ href: `${base}/opinions`, label: t(prefs.lang, 'opinionsNav') });
  if (can(roles, 'readAllItems')) items.push({ href: `${base}/reminders`, label: t(prefs.lang, 'reminders') });
  if (can(roles, 'manageRounds')) items.push({ href: base, label: t(prefs.lang, 'roundSettings') });
  if (items.length === 0) return null;
  return (
    <nav aria-label={t(prefs.lang, 'thisRound')}>
      <ul class="actions plain-list">
        {items.map((i) => (
          <li>
            <a href={link(prefs, i.href)}>{i.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export interface RoundShellProps extends PageBase {
  round: Round;
  /** What this screen is about, after the round's title: "進捗ボード". */
  heading: string;
  notice?: string | undefined;
  /** Shown between the heading and the round's navigation. */
  intro?: ComponentChildren;
  children: ComponentChildren;
}

/**
 * Warns before leaving a form with unsaved changes (a script file, allowed by the CSP's
 * script-src 'self'); only the workflow's screens carry it, and they work without it.
 */

/** A screen about one round: "令和5年度 年度評価 — <heading>", its notice and the round's navigation. */
export function RoundShell({ prefs, auth, path, round, heading, notice, intro, children }: RoundShellProps) {
  return (
    <AppShell title={`${roundTitle(round, prefs)} — ${heading}`} prefs={prefs} path={path} auth={auth}>
      <h1>
        {roundTitle(round, prefs)} — {heading}
      </h1>
      <Notice message={notice} />
      {intro}
      <RoundNav round={round} prefs={prefs} auth={auth} />
      {children}
    </AppShell>
  );
}
