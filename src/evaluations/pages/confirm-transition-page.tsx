/**
 * The question before an irreversible step of the round (closing for entry, publishing):
 * what will happen, what is still missing (each missing piece linked), and for a
 * publication with missing opinions the reason that the audit log will keep.
 */
import { Alert } from '../../web/ui/notices.js';
import { FormField } from '../../web/ui/form-field.js';
import { Actions, PostForm, SubmitButton } from '../../web/ui/post-form.js';
import type { OpinionTarget, Round, StatusCounts } from '../round-queries.js';
import { opinionAuthor, type PlanVocabulary } from '../plan-settings-queries.js';
import type { RoundAction } from '../workflow.js';
import { t } from '../messages.js';
import { opinionKey } from './opinion-section.js';
import { link, RoundShell, type PageBase } from './round-shell.js';

export interface ConfirmTransitionPageProps extends PageBase {
  round: Round;
  vocabulary: PlanVocabulary;
  action: Extract<RoundAction, 'close' | 'publish'>;
  counts: StatusCounts;
  missingOpinions: OpinionTarget[];
  /** The reason as typed, kept when the page is shown again. */
  reason: string;
  error?: string | undefined;
}

function MissingOpinions({ p, author }: { p: ConfirmTransitionPageProps; author: OpinionTarget['role'] }) {
  const { prefs, round } = p;
  const missing = p.missingOpinions.filter((m) => m.role === author);
  if (missing.length === 0) return null;
  return (
    <li>
      {t(prefs.lang, 'opinionsMissing', { author: opinionAuthor(p.vocabulary, author, prefs.lang), count: missing.length })}
      <ul>
        {missing.map((m) => (
          <li>
            <a href={link(prefs, `/rounds/${round.id}/opinions#opinion-${opinionKey(m.itemId)}-h`)}>
              {m.itemId === null ? t(prefs.lang, 'wholePlan') : `${m.code} ${m.name}`}
            </a>
          </li>
        ))}
      </ul>
    </li>
  );
}

export function ConfirmTransitionPage(p: ConfirmTransitionPageProps) {
  const { prefs, auth, round, action, counts } = p;
  const lang = prefs.lang;
  const notSubmitted = counts.not_started + counts.draft + counts.returned;
  const notAccepted = notSubmitted + counts.submitted;
  const board = (status: string) => link(prefs, `/rounds/${round.id}/board?status=${status}`);
  const needsReason = action === 'publish' && p.missingOpinions.length > 0;
  return (
    <RoundShell {...p} heading={t(lang, action === 'close' ? 'confirmCloseHeading' : 'confirmPublishHeading')}>
      <p>{t(lang, action === 'close' ? 'confirmCloseWhat' : 'confirmPublishWhat')}</p>
      <h2>{t(lang, 'stillMissing')}</h2>
      <ul>
        {action === 'close' &&
          (['not_started', 'draft', 'returned'] as const)
            .filter((status) => counts[status] > 0)
            .map((status) => (
              <li>
                <a href={board(status)}>{t(lang, `missing_${status}`, { count: counts[status] })}</a>
              </li>
            ))}
        {action === 'publish' && notAccepted > 0 && (
          <li>
            <a href={board('submitted')}>{t(lang, 'notAcceptedYet', { count: notAccepted })}</a>
          </li>
        )}
        {action === 'publish' && (
          <>
            <MissingOpinions p={p} author="expert" />
            <MissingOpinions p={p} author="division" />
          </>
        )}
        {(action === 'close' ? notSubmitted : notAccepted + p.missingOpinions.length) === 0 && <li>{t(lang, 'nothingMissing')}</li>}
      </ul>
      {p.error && (
        <Alert>
          <p>{p.error}</p>
        </Alert>
      )}
      <PostForm action={`/rounds/${round.id}/transition`} csrf={auth.csrfToken} hidden={{ action, confirmed: '1' }}>
        {needsReason && (
          <FormField
            id="reason"
            label={t(lang, 'publishReason')}
            error={p.error}
            control={(aria) => (
              <textarea id="reason" name="reason" rows={3} aria-required="true" {...aria}>
                {p.reason}
              </textarea>
            )}
          />
        )}
        <Actions>
          <SubmitButton class={action === 'publish' ? 'danger' : undefined} label={t(lang, action === 'close' ? 'confirmClose' : 'confirmPublish')} />
          <a href={link(prefs, `/rounds/${round.id}`)}>{t(lang, 'cancelGoBack')}</a>
        </Actions>
      </PostForm>
    </RoundShell>
  );
}
