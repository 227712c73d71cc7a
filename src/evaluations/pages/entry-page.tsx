/**
 * One sub-item in a round: its facts, the department's form (or the entry read-only),
 * the review and correction forms when the reader may use them, and the entry's past.
 * After a conflict the reader's text stays in the form with the other version beside it.
 */
import type { Preferences } from '../../web/preferences.js';
import { formatDateTime } from '../../web/ui/date-time.js';
import { changedByText, personWithUnit } from './changed-by.js';
import { Alert, Notice } from '../../web/ui/notices.js';
import { AppShell } from '../../auth/shell.js';
import { Actions, PostForm, SubmitButton } from '../../web/ui/post-form.js';
import type { FormErrors } from '../entry-store.js';
import { entryFiguresOf, type EntryDetail, type EntryView, type ReviewComment } from '../entry-queries.js';
import type { Round } from '../round-queries.js';
import { reviewerName, tierName } from '../plan-settings-queries.js';
import type { EntryAction, EntryInput } from '../workflow.js';
import { t } from '../messages.js';
import { EntryFields, EntryReadOnly } from './entry-fields.js';
import { CorrectionForm, ReviewForm, WithdrawForm } from './entry-forms.js';
import { ItemHistory, ReviewRecord, RevisionList } from './entry-records.js';
import { EntryStatusBadge, roundTitle, type PageBase } from './round-shell.js';
import { enteredActualsOf, type TypedFigures } from '../entry-figures.js';
import { proposalOf } from '../entry-figures-queries.js';
import { EntryIndicators, EntryIndicatorsReadOnly } from './entry-indicators.js';
import { EntryDirection, EntryDirectionReadOnly } from './entry-direction.js';
import { EntryCosts, EntryCostsReadOnly } from './entry-costs.js';

export interface EntryPageProps extends PageBase, EntryView {
  round: Round;
  actions: EntryAction[];
  mayCorrect: boolean;
  values: EntryInput;
  /** The figures as typed (or as the entry holds them). */
  figures: TypedFigures;
  /** The version the form is based on (after a conflict: the other person's). */
  formVersion: number;
  errors: FormErrors;
  conflict?: EntryDetail;
  notice?: string;
  comment?: string;
  correctionReason?: string;
  /** The texts still as copied from last year, when their submission asks once. */
  copyQuestion?: ('reason' | 'issues' | 'direction')[] | undefined;
}

function EntryFacts({ prefs, round, entry }: { prefs: Preferences; round: Round; entry: EntryDetail }) {
  const lang = prefs.lang;
  return (
    <dl class="facts">
      <dt>{t(lang, 'round')}</dt>
      <dd>{roundTitle(round, prefs)}</dd>
      <dt>{t(lang, 'number')}</dt>
      <dd>{entry.item.code}</dd>
      <dt>{t(lang, 'department')}</dt>
      <dd>
        {entry.item.departmentName ?? t(lang, 'notSet')}
        {entry.item.departmentDemo && t(lang, 'demoMark')}
      </dd>
      <dt>{t(lang, 'status')}</dt>
      <dd>
        <EntryStatusBadge status={entry.status} prefs={prefs} />
        {entry.revision > 0 && <> {t(lang, 'correctedRevision', { revision: entry.revision })}</>}
      </dd>
      {entry.updatedBy && (
        <>
          <dt>{t(lang, 'lastSaved')}</dt>
          <dd>{changedByText(entry, prefs)}</dd>
        </>
      )}
    </dl>
  );
}

function ConflictAlert({ prefs, conflict }: { prefs: Preferences; conflict: EntryDetail }) {
  const lang = prefs.lang;
  return (
    <div class="conflict" role="alert">
      <p>
        <strong>{t(lang, 'entryConflictTitle')}</strong>
      </p>
      <p>
        {t(lang, 'entryConflictBody', {
          who: conflict.updatedBy ? t(lang, 'someoneSan', { name: personWithUnit(conflict.updatedBy, conflict.updatedByUnit, lang) }) : t(lang, 'anotherUser'),
          when: formatDateTime(conflict.updatedAt, prefs),
        })}
      </p>
    </div>
  );
}

function ReturnComment({ prefs, comment }: { prefs: Preferences; comment: ReviewComment }) {
  return (
    <div class="alert">
      <p>
        <strong>{t(prefs.lang, 'returnedWithComment')}</strong>（{comment.author ?? ''} {formatDateTime(comment.createdAt, prefs)}）
      </p>
      <p class="pre">{comment.body}</p>
    </div>
  );
}

const FIELD_LABELS = { reason: 'reasonField', issues: 'issues', direction: 'directionField' } as const;

/** The one question before submitting last year's text unchanged. */
function CopyQuestion({ prefs, fields }: { prefs: Preferences; fields: ('reason' | 'issues' | 'direction')[] }) {
  const lang = prefs.lang;
  return (
    <div class="alert" role="alert">
      <p>
        <strong>{t(lang, 'unchangedCopyTitle', { fields: fields.map((f) => t(lang, FIELD_LABELS[f])).join('・') })}</strong>
      </p>
      <p>{t(lang, 'unchangedCopyBody')}</p>
    </div>
  );
}

function DepartmentForm({
  prefs,
  auth,
  formAction,
  formVersion,
  scale,
  values,
  errors,
  conflict,
  entry,
  copyQuestion,
  basis,
  figures,
}: Pick<EntryPageProps, 'prefs' | 'auth' | 'formVersion' | 'scale' | 'values' | 'errors' | 'conflict' | 'entry' | 'copyQuestion' | 'basis' | 'figures'> & {
  formAction: string;
}) {
  return (
    <PostForm
      action={formAction}
      csrf={auth.csrfToken}
      // Asked once: the next submission of the same text goes through.
      hidden={copyQuestion ? { version: String(formVersion), copyConfirmed: '1' } : { version: String(formVersion) }}
      novalidate
    >
      <EntryIndicators
        prefs={prefs}
        basis={basis}
        proposal={proposalOf(basis, enteredActualsOf(figures))}
        figures={figures}
        errors={errors}
        theirs={conflict && { actuals: conflict.actuals, overrideReason: conflict.overrideReason }}
      />
      <EntryFields prefs={prefs} scale={scale} values={values} errors={errors} conflict={conflict} prefilled={entry.prefilled} />
      <EntryDirection prefs={prefs} codes={basis.directionCodes} value={figures.directionCode} errors={errors} theirs={conflict?.directionCode} />
      {basis.costsEnabled && <EntryCosts prefs={prefs} typed={figures.costs} errors={errors} theirs={conflict?.costs} />}
      <Actions>
        <SubmitButton name="action" value="save" class="secondary" label={t(prefs.lang, 'saveDraft')} />
        <SubmitButton name="action" value="submit" label={t(prefs.lang, 'submit')} />
      </Actions>
    </PostForm>
  );
}

/** The entry as saved, with its indicators, the rule's proposal and whether the rating follows it. */
function EntryFiguresReadOnly({ prefs, entry, scale, basis }: EntryPageProps) {
  const stored = entryFiguresOf(entry);
  return (
    <>
      <EntryIndicatorsReadOnly
        prefs={prefs}
        basis={basis}
        proposal={proposalOf(basis, stored.actuals)}
        actuals={stored.actuals}
        ratingCode={entry.ratingCode}
        proposedCode={entry.proposedRatingCode}
        overrideReason={entry.overrideReason}
      />
      <EntryReadOnly prefs={prefs} entry={entry} scale={scale} />
      <EntryDirectionReadOnly prefs={prefs} codes={basis.directionCodes} value={entry.directionCode} />
      {basis.costsEnabled && <EntryCostsReadOnly prefs={prefs} costs={stored.costs} />}
    </>
  );
}

export function EntryPage(p: EntryPageProps) {
  const { prefs, auth, path, round, entry, scale, comments, actions, errors, conflict } = p;
  const editable = actions.includes('save') || actions.includes('submit');
  const reviewable = actions.includes('accept') || actions.includes('return');
  const lastReturn = [...comments].reverse().find((c) => c.action === 'return');
  const formAction = `/rounds/${round.id}/items/${entry.item.id}`;
  const hasErrors = Object.values(errors).some(Boolean);
  return (
    <AppShell title={`${entry.item.name} — ${roundTitle(round, prefs)}`} prefs={prefs} path={path} auth={auth}>
      <p class="note">{entry.item.path.map((n) => n.name).join(' ＞ ')}</p>
      <h1>{entry.item.name}</h1>
      <EntryFacts prefs={prefs} round={round} entry={entry} />
      <Notice message={p.notice} />
      {hasErrors && !conflict && (
        <Alert>
          <p>{errors.form ?? t(prefs.lang, 'checkFields')}</p>
        </Alert>
      )}
      {conflict && <ConflictAlert prefs={prefs} conflict={conflict} />}
      {p.copyQuestion && <CopyQuestion prefs={prefs} fields={p.copyQuestion} />}
      {entry.status === 'returned' && lastReturn && <ReturnComment prefs={prefs} comment={lastReturn} />}
      {editable ? <DepartmentForm {...p} formAction={formAction} /> : <EntryFiguresReadOnly {...p} />}
      {actions.includes('withdraw') && (
        <WithdrawForm prefs={prefs} auth={auth} formAction={formAction} version={entry.version} reviewer={reviewerName(p.vocabulary, prefs.lang)} />
      )}
      {reviewable && (
        <ReviewForm prefs={prefs} auth={auth} formAction={formAction} errors={errors} version={entry.version} actions={actions} comment={p.comment} />
      )}
      {p.mayCorrect && (
        <CorrectionForm
          prefs={prefs}
          auth={auth}
          formAction={formAction}
          errors={errors}
          formVersion={p.formVersion}
          scale={scale}
          values={p.values}
          conflict={conflict}
          correctionReason={p.correctionReason}
        />
      )}
      <RevisionList prefs={prefs} revisions={p.revisions} />
      <ReviewRecord prefs={prefs} comments={comments} />
      <ItemHistory prefs={prefs} history={p.history} parentTier={tierName(p.vocabulary, entry.item.path.at(-1)?.level ?? 0)} />
    </AppShell>
  );
}
