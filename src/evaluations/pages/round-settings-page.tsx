/** 評価の回の設定: the round's facts, its deadline, and the status changes the reader may make. */
import { Alert } from '../../web/ui/notices.js';
import { formatDateTime } from '../../web/ui/date-time.js';
import { PostButton } from '../../web/ui/post-button.js';
import { can } from '../../auth/roles.js';
import type { Round } from '../round-queries.js';
import type { RoundAction, RoundStatus } from '../workflow.js';
import { t } from '../messages.js';
import { DeadlineField } from './new-round-form.js';
import { link, RoundShell, RoundStatusText, type PageBase } from './round-shell.js';
import { Actions, PostForm } from '../../web/ui/post-form.js';

export interface RoundSettingsPageProps extends PageBase {
  round: Round;
  progress: { total: number; accepted: number };
  errors: Record<string, string>;
  notice?: string;
  /** The deadline as typed (or as stored). */
  deadline: string;
}

export function RoundSettingsPage(p: RoundSettingsPageProps) {
  const { prefs, auth, round, progress, errors, deadline } = p;
  const lang = prefs.lang;
  const roles = auth.user.roles;
  const transitions: { action: RoundAction; label: string; when: RoundStatus[]; allowed: boolean; danger?: boolean }[] = [
    { action: 'open', label: t(lang, 'openForEntry'), when: ['preparing', 'closed'], allowed: can(roles, 'manageRounds') },
    { action: 'close', label: t(lang, 'closeForEntry'), when: ['open'], allowed: can(roles, 'manageRounds') },
    { action: 'publish', label: t(lang, 'publish'), when: ['closed'], allowed: can(roles, 'publishRound'), danger: true },
  ];
  const available = transitions.filter((transition) => transition.when.includes(round.status) && transition.allowed);
  return (
    <RoundShell {...p} heading={t(lang, 'roundSettings')}>
      <dl class="facts">
        <dt>{t(lang, 'plan')}</dt>
        <dd>{round.planName}</dd>
        <dt>{t(lang, 'status')}</dt>
        <dd>
          <RoundStatusText status={round.status} prefs={prefs} />
        </dd>
        <dt>{t(lang, 'accepted')}</dt>
        <dd>
          {progress.accepted} / {progress.total}
        </dd>
        {round.publishedAt && (
          <>
            <dt>{t(lang, 'publishedAt')}</dt>
            <dd>{formatDateTime(round.publishedAt, prefs)}</dd>
          </>
        )}
      </dl>
      {errors.transition && (
        <Alert>
          <p>{errors.transition}</p>
        </Alert>
      )}
      {round.status !== 'published' && (
        <PostForm action={`/rounds/${round.id}/settings`} csrf={auth.csrfToken} submit={t(lang, 'saveDeadline')}>
          <DeadlineField prefs={prefs} value={deadline} error={errors.deadline} />
        </PostForm>
      )}
      <h2>{t(lang, 'changeStatus')}</h2>
      {available.length === 0 && <p>{t(lang, 'noTransition')}</p>}
      <Actions>
        {available.map((transition) =>
          // Opening is undone by closing; closing and publishing first show what is still missing.
          transition.action === 'open' ? (
            <PostButton action={`/rounds/${round.id}/transition`} fields={{ _csrf: auth.csrfToken, action: transition.action }} label={transition.label} />
          ) : (
            <a class={transition.danger ? 'button danger' : 'button'} href={link(prefs, `/rounds/${round.id}/confirm?action=${transition.action}`)}>
              {transition.label}…
            </a>
          ),
        )}
      </Actions>
    </RoundShell>
  );
}
