/** One opinion target (the whole plan, a pillar or a measure): its progress, and its form or its text. */
import type { Preferences } from '../../web/preferences.js';
import { formatDateTime } from '../../web/ui/date-time.js';
import { FormField } from '../../web/ui/form-field.js';
import { CsrfField } from '../../auth/shell.js';
import type { Session } from '../../auth/sessions.js';
import type { BoardRow, Opinion, OpinionTarget, Round } from '../round-queries.js';
import { t } from '../messages.js';
import { link } from './round-shell.js';

/** What was typed into one opinion form, kept when it is shown again. */
export interface OpinionFormState {
  targetKey: string;
  body: string;
  error?: string;
  conflict?: Opinion;
}

export function opinionKey(itemId: number | null): string {
  return itemId === null ? 'plan' : String(itemId);
}

function headingOf(prefs: Preferences, target: OpinionTarget): string {
  if (target.itemId === null) return t(prefs.lang, 'planOpinionHeading');
  const vars = { code: target.code, name: target.name };
  return target.role === 'expert' ? t(prefs.lang, 'pillarOpinionHeading', vars) : t(prefs.lang, 'measureOpinionHeading', vars);
}

export interface OpinionSectionProps {
  prefs: Preferences;
  auth: Session;
  round: Round;
  target: OpinionTarget;
  opinion: Opinion | undefined;
  measure: BoardRow | undefined;
  mayWrite: boolean;
  /** The form as typed, when this target's form is shown again. */
  typed: OpinionFormState | undefined;
}

function OpinionForm({ prefs, auth, round, target, opinion, typed }: OpinionSectionProps) {
  const lang = prefs.lang;
  const key = opinionKey(target.itemId);
  const id = `opinion-${key}`;
  return (
    <form class="wf-form" method="post" action={`/rounds/${round.id}/opinions`}>
      <CsrfField auth={auth} />
      <input type="hidden" name="target" value={key} />
      <input type="hidden" name="version" value={String(typed?.conflict ? typed.conflict.version : (opinion?.version ?? 0))} />
      {typed?.conflict && (
        <div class="conflict" role="alert">
          <p>{t(lang, 'opinionConflict')}</p>
          <div class="theirs">{typed.conflict.body}</div>
        </div>
      )}
      <FormField
        id={id}
        label={t(lang, 'opinion')}
        error={typed?.error}
        control={(aria) => (
          <textarea id={id} name="body" rows={6} {...aria}>
            {`\n${typed ? typed.body : (opinion?.body ?? '')}`}
          </textarea>
        )}
      />
      <div class="actions">
        <button type="submit">{t(lang, 'save')}</button>
        {opinion?.updatedBy && <span class="note">{t(lang, 'lastSavedBy', { who: opinion.updatedBy, when: formatDateTime(opinion.updatedAt) })}</span>}
      </div>
    </form>
  );
}

export function OpinionSection(p: OpinionSectionProps) {
  const { prefs, round, target, opinion, measure } = p;
  const lang = prefs.lang;
  const id = `opinion-${opinionKey(target.itemId)}`;
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{headingOf(prefs, target)}</h2>
      {measure && (
        <p>
          {t(lang, 'progress')}: {t(lang, 'acceptedOfTotal', { accepted: measure.counts.accepted, total: measure.total })} —{' '}
          <a href={link(prefs, `/rounds/${round.id}/board?measure=${target.itemId}`)}>{t(lang, 'subItemList')}</a>
        </p>
      )}
      {p.mayWrite ? <OpinionForm {...p} /> : <p class="pre">{opinion?.body || t(lang, 'notWritten')}</p>}
    </section>
  );
}
