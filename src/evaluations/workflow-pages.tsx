/**
 * The workflow screens, server-rendered: my tasks, rounds and round settings, the
 * completion board, the review queue, the entry form (with history, review, conflict
 * and correction), opinions (division and expert), reminders. No script needed.
 */
import { fiscalYearLabel } from '../fiscal/fiscal-year.js';
import { withPreference } from '../web/layout.js';
import type { Preferences } from '../web/preferences.js';
import { CsrfField, FieldError, AppShell } from '../auth/shell.js';
import { t } from './messages.js';
import type { Session } from '../auth/sessions.js';
import { can } from '../auth/roles.js';
import {
  ENTRY_STATUSES,
  ENTRY_STATUS_LABELS,
  ROUND_STATUS_LABELS,
  type EntryAction,
  type EntryInput,
  type EntryStatus,
  type RoundStatus,
} from './workflow.js';
import { ROUND_KINDS, ROUND_KIND_LABELS } from './round-kinds.js';
import type { FormErrors } from './entry-store.js';
import type { EntryDetail, HistoryYear, ReviewComment, Revision, ScaleInfo } from './entry-queries.js';
import type { Board, BoardRow, DepartmentReminder, EntryListRow, Opinion, OpinionTarget, Round, Task } from './round-queries.js';

export interface PageBase {
  prefs: Preferences;
  auth: Session;
  path: string;
}

const L = (prefs: Preferences, labels: { ja: string; en: string }) => (prefs.lang === 'en' ? labels.en : labels.ja);
const link = (prefs: Preferences, href: string) => withPreference(href, prefs, {});

export function roundTitle(round: Pick<Round, 'fiscalYear' | 'kind'>, prefs: Preferences): string {
  const year = prefs.lang === 'en' ? `FY${round.fiscalYear}` : fiscalYearLabel(round.fiscalYear, prefs.era, 'long');
  return `${year} ${L(prefs, ROUND_KIND_LABELS[round.kind])}`;
}

function formatDate(d: Date | string | null): string {
  if (!d) return '';
  const date = typeof d === 'string' ? new Date(d) : d;
  // Shown in Japan time: the municipality's working day.
  return date.toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

export function StatusBadge({ status, prefs }: { status: EntryStatus; prefs: Preferences }) {
  return <span class={`status status-${status}`}>{L(prefs, ENTRY_STATUS_LABELS[status])}</span>;
}

function RoundStatusText({ status, prefs }: { status: RoundStatus; prefs: Preferences }) {
  return <span class="status">{L(prefs, ROUND_STATUS_LABELS[status])}</span>;
}

function RoundNav({ round, prefs, auth }: { round: Round; prefs: Preferences; auth: Session }) {
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
      <ul class="actions" style="list-style:none;padding:0">
        {items.map((i) => (
          <li>
            <a href={link(prefs, i.href)}>{i.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function EntryTable({ rows, round, prefs, caption }: { rows: EntryListRow[]; round: Round; prefs: Preferences; caption: string }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t(prefs.lang, 'number')}</th>
            <th scope="col">{t(prefs.lang, 'subItem')}</th>
            <th scope="col">{t(prefs.lang, 'department')}</th>
            <th scope="col">{t(prefs.lang, 'status')}</th>
            <th scope="col">{t(prefs.lang, 'rating')}</th>
            <th scope="col">{t(prefs.lang, 'updated')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>{r.code}</td>
              <th scope="row">
                <a href={link(prefs, `/rounds/${round.id}/items/${r.itemId}`)}>{r.name}</a>
                {r.programName && r.programName !== r.name && <div class="note">{r.programName}</div>}
              </th>
              <td>{r.departmentName ?? ''}</td>
              <td>
                <StatusBadge status={r.status} prefs={prefs} />
              </td>
              <td class="rating">{r.ratingCode ?? ''}</td>
              <td>{formatDate(r.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MyTasksPage({ prefs, auth, path, tasks }: PageBase & { tasks: Task[] }) {
  const roles = auth.user.roles;
  return (
    <AppShell title={t(prefs.lang, 'myTasks')} prefs={prefs} path={path} auth={auth}>
      <h1>{t(prefs.lang, 'myTasks')}</h1>
      {tasks.length === 0 && <p>{t(prefs.lang, 'noOpenRound')}</p>}
      {tasks.map(({ round, entries }) => {
        const returned = entries.filter((e) => e.status === 'returned');
        const todo = entries.filter((e) => e.status === 'not_started' || e.status === 'draft');
        return (
          <section aria-labelledby={`round-${round.id}`}>
            <h2 id={`round-${round.id}`}>
              {roundTitle(round, prefs)}（{round.planName}）
            </h2>
            <p>
              {t(prefs.lang, 'status')}: <RoundStatusText status={round.status} prefs={prefs} />
              {round.deadline && <> {t(prefs.lang, 'deadline')}: {round.deadline}</>}
            </p>
            <RoundNav round={round} prefs={prefs} auth={auth} />
            {can(roles, 'enterOwnItems') && (
              <>
                {returned.length > 0 && (
                  <div class="alert">
                    <p>{t(prefs.lang, 'returnedAlert', { returned: returned.length })}</p>
                  </div>
                )}
                <p>
                  {t(prefs.lang, 'ownItemsSummary', { count: entries.length, todo: todo.length, returned: returned.length })}
                </p>
                {entries.length > 0 && <EntryTable rows={entries} round={round} prefs={prefs} caption={t(prefs.lang, 'yourSubItems')} />}
              </>
            )}
          </section>
        );
      })}
      {can(roles, 'manageUsers') && (
        <p>
          <a href={link(prefs, '/admin/users')}>{t(prefs.lang, 'manageUsers')}</a>
        </p>
      )}
    </AppShell>
  );
}

export interface RoundFormValues {
  planId: string;
  fiscalYear: string;
  kind: string;
  deadline: string;
}

export function RoundsPage({ prefs, auth, path, rounds, plans, values, errors }: PageBase & { rounds: Round[]; plans: { id: number; name: string }[]; values: RoundFormValues; errors: Record<string, string> }) {
  return (
    <AppShell title={t(prefs.lang, 'evaluationRounds')} prefs={prefs} path={path} auth={auth}>
      <h1>{t(prefs.lang, 'evaluationRounds')}</h1>
      <div class="table-wrap">
        <table>
          <caption>{t(prefs.lang, 'roundList')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(prefs.lang, 'round')}</th>
              <th scope="col">{t(prefs.lang, 'plan')}</th>
              <th scope="col">{t(prefs.lang, 'status')}</th>
              <th scope="col">{t(prefs.lang, 'deadline')}</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((r) => (
              <tr>
                <th scope="row">
                  <a href={link(prefs, can(auth.user.roles, 'manageRounds') ? `/rounds/${r.id}` : `/rounds/${r.id}/board`)}>{roundTitle(r, prefs)}</a>
                </th>
                <td>{r.planName}</td>
                <td>
                  <RoundStatusText status={r.status} prefs={prefs} />
                </td>
                <td>{r.deadline ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {can(auth.user.roles, 'manageRounds') && (
        <section aria-labelledby="new-round">
          <h2 id="new-round">{t(prefs.lang, 'createRoundHeading')}</h2>
          <form class="wf-form" method="post" action="/rounds">
            <CsrfField auth={auth} />
            <div>
              <label for="planId">{t(prefs.lang, 'plan')}</label>
              <select id="planId" name="planId">
                {plans.map((p) => (
                  <option value={String(p.id)} selected={values.planId === String(p.id)}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for="fiscalYear">{t(prefs.lang, 'fiscalYear')}</label>
              <input type="text" id="fiscalYear" name="fiscalYear" value={values.fiscalYear} required aria-invalid={errors.fiscalYear ? 'true' : undefined} aria-describedby={`fiscalYear-hint${errors.fiscalYear ? ' fiscalYear-error' : ''}`} />
              <p class="hint" id="fiscalYear-hint">{t(prefs.lang, 'fiscalYearHint')}</p>
              <FieldError id="fiscalYear-error" message={errors.fiscalYear} />
            </div>
            <div>
              <label for="kind">{t(prefs.lang, 'kind')}</label>
              <select id="kind" name="kind">
                {ROUND_KINDS.map((k) => (
                  <option value={k} selected={values.kind === k}>
                    {L(prefs, ROUND_KIND_LABELS[k])}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for="deadline">{t(prefs.lang, 'deadlineDate')}</label>
              <input type="date" id="deadline" name="deadline" value={values.deadline} aria-invalid={errors.deadline ? 'true' : undefined} aria-describedby={errors.deadline ? 'deadline-error' : undefined} />
              <FieldError id="deadline-error" message={errors.deadline} />
            </div>
            {errors.form && (
              <p class="field-error" role="alert">
                {errors.form}
              </p>
            )}
            <div class="actions">
              <button type="submit">{t(prefs.lang, 'createRound')}</button>
            </div>
          </form>
        </section>
      )}
    </AppShell>
  );
}

export function RoundSettingsPage({ prefs, auth, path, round, progress, errors, notice, deadline }: PageBase & { round: Round; progress: { total: number; accepted: number }; errors: Record<string, string>; notice?: string; deadline: string }) {
  const roles = auth.user.roles;
  const transitions: { action: string; label: string; when: RoundStatus[]; allowed: boolean; danger?: boolean }[] = [
    { action: 'open', label: t(prefs.lang, 'openForEntry'), when: ['preparing', 'closed'], allowed: can(roles, 'manageRounds') },
    { action: 'close', label: t(prefs.lang, 'closeForEntry'), when: ['open'], allowed: can(roles, 'manageRounds') },
    { action: 'publish', label: t(prefs.lang, 'publish'), when: ['closed'], allowed: can(roles, 'publishRound'), danger: true },
  ];
  return (
    <AppShell title={`${roundTitle(round, prefs)} — ${t(prefs.lang, 'roundSettings')}`} prefs={prefs} path={path} auth={auth}>
      <h1>
        {roundTitle(round, prefs)} — {t(prefs.lang, 'roundSettings')}
      </h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <RoundNav round={round} prefs={prefs} auth={auth} />
      <dl class="facts">
        <dt>{t(prefs.lang, 'plan')}</dt>
        <dd>{round.planName}</dd>
        <dt>{t(prefs.lang, 'status')}</dt>
        <dd>
          <RoundStatusText status={round.status} prefs={prefs} />
        </dd>
        <dt>{t(prefs.lang, 'accepted')}</dt>
        <dd>
          {progress.accepted} / {progress.total}
        </dd>
        {round.publishedAt && (
          <>
            <dt>{t(prefs.lang, 'publishedAt')}</dt>
            <dd>{formatDate(round.publishedAt)}</dd>
          </>
        )}
      </dl>
      {errors.transition && (
        <div class="alert" role="alert">
          <p>{errors.transition}</p>
        </div>
      )}
      {round.status !== 'published' && (
        <form class="wf-form" method="post" action={`/rounds/${round.id}/settings`}>
          <CsrfField auth={auth} />
          <div>
            <label for="deadline">{t(prefs.lang, 'deadlineDate')}</label>
            <input type="date" id="deadline" name="deadline" value={deadline} aria-invalid={errors.deadline ? 'true' : undefined} aria-describedby={errors.deadline ? 'deadline-error' : undefined} />
            <FieldError id="deadline-error" message={errors.deadline} />
          </div>
          <div class="actions">
            <button type="submit">{t(prefs.lang, 'saveDeadline')}</button>
          </div>
        </form>
      )}
      <h2>{t(prefs.lang, 'changeStatus')}</h2>
      {transitions.filter((transition) => transition.when.includes(round.status) && transition.allowed).length === 0 && <p>{t(prefs.lang, 'noTransition')}</p>}
      <div class="actions">
        {transitions
          .filter((transition) => transition.when.includes(round.status) && transition.allowed)
          .map((transition) => (
            <form method="post" action={`/rounds/${round.id}/transition`}>
              <CsrfField auth={auth} />
              <input type="hidden" name="action" value={transition.action} />
              <button type="submit" class={transition.danger ? 'danger' : undefined}>
                {transition.label}
              </button>
            </form>
          ))}
      </div>
    </AppShell>
  );
}

function BoardTable({ rows, caption, head, prefs, linkOf, totals }: { rows: BoardRow[]; caption: string; head: string; prefs: Preferences; linkOf: (r: BoardRow) => string | undefined; totals: BoardRow }) {
  const rate = (r: BoardRow) => (r.total === 0 ? '—' : `${Math.round((r.counts.accepted / r.total) * 100)}%`);
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            {ENTRY_STATUSES.map((s) => (
              <th scope="col" class="num">
                {L(prefs, ENTRY_STATUS_LABELS[s])}
              </th>
            ))}
            <th scope="col" class="num">
              {t(prefs.lang, 'totalShort')}
            </th>
            <th scope="col" class="num">
              {t(prefs.lang, 'done')}
            </th>
          </tr>
        </thead>
        <tbody>
          {[...rows, totals].map((r) => {
            const href = r === totals ? undefined : linkOf(r);
            return (
              <tr>
                <th scope="row">{href ? <a href={href}>{r.code ? `${r.code} ${r.name}` : r.name}</a> : r === totals ? t(prefs.lang, 'total') : r.name}</th>
                {ENTRY_STATUSES.map((s) => (
                  <td class="num">{r.counts[s]}</td>
                ))}
                <td class="num">{r.total}</td>
                <td class="num">{rate(r)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function BoardPage({ prefs, auth, path, round, board, list, listCaption }: PageBase & { round: Round; board: Board; list?: EntryListRow[]; listCaption?: string }) {
  return (
    <AppShell title={`${roundTitle(round, prefs)} — ${t(prefs.lang, 'completionBoard')}`} prefs={prefs} path={path} auth={auth}>
      <h1>
        {roundTitle(round, prefs)} — {t(prefs.lang, 'completionBoard')}
      </h1>
      <p>
        {t(prefs.lang, 'status')}: <RoundStatusText status={round.status} prefs={prefs} />
        {round.deadline && <> {t(prefs.lang, 'deadline')}: {round.deadline}</>}
      </p>
      <RoundNav round={round} prefs={prefs} auth={auth} />
      <BoardTable rows={board.departments} caption={t(prefs.lang, 'progressPerDepartment')} head={t(prefs.lang, 'department')} prefs={prefs} totals={board.totals} linkOf={(r) => (r.id === null ? undefined : link(prefs, `/rounds/${round.id}/board?department=${r.id}`))} />
      <BoardTable rows={board.measures} caption={t(prefs.lang, 'progressPerMeasure')} head={t(prefs.lang, 'measure')} prefs={prefs} totals={board.totals} linkOf={(r) => (r.id === null ? undefined : link(prefs, `/rounds/${round.id}/board?measure=${r.id}`))} />
      {list && <EntryTable rows={list} round={round} prefs={prefs} caption={listCaption ?? ''} />}
    </AppShell>
  );
}

export function ReviewQueuePage({ prefs, auth, path, round, rows }: PageBase & { round: Round; rows: EntryListRow[] }) {
  return (
    <AppShell title={`${roundTitle(round, prefs)} — ${t(prefs.lang, 'reviewQueue')}`} prefs={prefs} path={path} auth={auth}>
      <h1>
        {roundTitle(round, prefs)} — {t(prefs.lang, 'reviewQueue')}
      </h1>
      <RoundNav round={round} prefs={prefs} auth={auth} />
      {rows.length === 0 ? <p>{t(prefs.lang, 'noneToReview')}</p> : <EntryTable rows={rows} round={round} prefs={prefs} caption={t(prefs.lang, 'submittedCount', { count: rows.length })} />}
    </AppShell>
  );
}

export interface EntryPageProps extends PageBase {
  round: Round;
  entry: EntryDetail;
  scale: ScaleInfo;
  history: HistoryYear[];
  comments: ReviewComment[];
  revisions: Revision[];
  actions: EntryAction[];
  mayCorrect: boolean;
  values: EntryInput;
  /** The version the form is based on (after a conflict: the other person's). */
  formVersion: number;
  errors: FormErrors;
  conflict?: EntryDetail;
  notice?: string;
  comment?: string;
  correctionReason?: string;
  status?: number;
}

const FIELD_LABELS = {
  reason: { ja: '評価の理由（記述式評価）', en: 'Reason for the rating' },
  issues: { ja: '課題', en: 'Issues' },
  direction: { ja: '今後の方向性', en: 'Future direction' },
} as const;

function TextField({ name, prefs, value, error, theirs, readOnlyOthers }: { name: keyof typeof FIELD_LABELS; prefs: Preferences; value: string; error: string | undefined; theirs: string | undefined; readOnlyOthers?: boolean }) {
  const describedBy = [error ? `${name}-error` : '', theirs !== undefined ? `${name}-theirs` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label for={name}>{L(prefs, FIELD_LABELS[name])}</label>
      <textarea id={name} name={name} rows={6} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy}>
        {/* A browser drops one newline right after <textarea>; this one, so the text keeps its own. */}
        {`\n${value}`}
      </textarea>
      <FieldError id={`${name}-error`} message={error} />
      {theirs !== undefined && !readOnlyOthers && (
        <div id={`${name}-theirs`}>
          <p class="hint">{t(prefs.lang, 'theirsHint')}</p>
          <div class="theirs">{theirs || t(prefs.lang, 'empty')}</div>
        </div>
      )}
    </div>
  );
}

function EntryFields({ prefs, scale, values, errors, conflict }: { prefs: Preferences; scale: ScaleInfo; values: EntryInput; errors: FormErrors; conflict: EntryDetail | undefined }) {
  return (
    <>
      <fieldset aria-describedby={errors.ratingCode ? 'ratingCode-error' : undefined}>
        <legend>{t(prefs.lang, 'rating')}</legend>
        <div class="choices">
          {scale.codes.map((c) => (
            <label>
              <input type="radio" name="ratingCode" value={c.code} checked={values.ratingCode === c.code} aria-invalid={errors.ratingCode ? 'true' : undefined} />
              <span>
                <strong>{c.code}</strong> {c.label}
              </span>
            </label>
          ))}
        </div>
        <FieldError id="ratingCode-error" message={errors.ratingCode} />
        {conflict && <p class="hint">{t(prefs.lang, 'theirRating', { rating: conflict.ratingCode ?? t(prefs.lang, 'notSelected') })}</p>}
      </fieldset>
      {scale.annotationKinds.length > 0 && (
        <fieldset aria-describedby={errors.annotationKindIds ? 'annotationKindIds-error' : undefined}>
          <legend>{t(prefs.lang, 'annotations')}</legend>
          <div class="choices">
            {scale.annotationKinds.map((k) => (
              <label>
                <input type="checkbox" name="annotationKindIds" value={String(k.id)} checked={values.annotationKindIds.includes(k.id)} />
                <span>
                  {k.mark} {k.meaning}
                </span>
              </label>
            ))}
          </div>
          <FieldError id="annotationKindIds-error" message={errors.annotationKindIds} />
        </fieldset>
      )}
      <TextField name="reason" prefs={prefs} value={values.reason} error={errors.reason} theirs={conflict?.reason} />
      <TextField name="issues" prefs={prefs} value={values.issues} error={errors.issues} theirs={conflict?.issues} />
      <TextField name="direction" prefs={prefs} value={values.direction} error={errors.direction} theirs={conflict?.direction} />
    </>
  );
}

function EntryReadOnly({ prefs, entry, scale }: { prefs: Preferences; entry: EntryDetail; scale: ScaleInfo }) {
  const code = scale.codes.find((c) => c.code === entry.ratingCode);
  const marks = scale.annotationKinds.filter((k) => entry.annotationKindIds.includes(k.id));
  return (
    <dl class="facts">
      <dt>{t(prefs.lang, 'rating')}</dt>
      <dd>
        {entry.ratingCode ? `${entry.ratingCode}${marks.map((m) => m.mark).join('')} ${code?.label ?? ''}` : t(prefs.lang, 'notSelected')}
        {marks.map((m) => (
          <div class="note">
            {m.mark} {m.meaning}
          </div>
        ))}
      </dd>
      {(['reason', 'issues', 'direction'] as const).map((k) => (
        <>
          <dt>{L(prefs, FIELD_LABELS[k])}</dt>
          <dd class="pre">{entry[k]}</dd>
        </>
      ))}
    </dl>
  );
}

export function EntryPage(p: EntryPageProps) {
  const { prefs, auth, path, round, entry, scale, history, comments, revisions, actions, values, errors, conflict, notice } = p;
  const editable = actions.includes('save') || actions.includes('submit');
  const reviewable = actions.includes('accept') || actions.includes('return');
  const lastReturn = [...comments].reverse().find((c) => c.action === 'return');
  const formAction = `/rounds/${round.id}/items/${entry.item.id}`;
  const hasErrors = Object.values(errors).some(Boolean);
  return (
    <AppShell title={`${entry.item.name} — ${roundTitle(round, prefs)}`} prefs={prefs} path={path} auth={auth}>
      <p class="note">
        {entry.item.path.map((n) => n.name).join(' ＞ ')}
      </p>
      <h1>{entry.item.name}</h1>
      <dl class="facts">
        <dt>{t(prefs.lang, 'round')}</dt>
        <dd>{roundTitle(round, prefs)}</dd>
        <dt>{t(prefs.lang, 'number')}</dt>
        <dd>{entry.item.code}</dd>
        <dt>{t(prefs.lang, 'department')}</dt>
        <dd>{entry.item.departmentName ?? t(prefs.lang, 'notSet')}</dd>
        <dt>{t(prefs.lang, 'status')}</dt>
        <dd>
          <StatusBadge status={entry.status} prefs={prefs} />
          {entry.revision > 0 && <> {t(prefs.lang, 'correctedRevision', { revision: entry.revision })}</>}
        </dd>
        {entry.updatedBy && (
          <>
            <dt>{t(prefs.lang, 'lastSaved')}</dt>
            <dd>
              {entry.updatedBy} {formatDate(entry.updatedAt)}
            </dd>
          </>
        )}
      </dl>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {hasErrors && !conflict && (
        <div class="alert" role="alert">
          <p>{t(prefs.lang, 'checkFields')}</p>
        </div>
      )}
      {conflict && (
        <div class="conflict" role="alert">
          <p>
            <strong>{t(prefs.lang, 'entryConflictTitle')}</strong>
          </p>
          <p>
            {t(prefs.lang, 'entryConflictBody', {
              who: conflict.updatedBy ? t(prefs.lang, 'someoneSan', { name: conflict.updatedBy }) : t(prefs.lang, 'anotherUser'),
              when: formatDate(conflict.updatedAt),
            })}
          </p>
        </div>
      )}
      {entry.status === 'returned' && lastReturn && (
        <div class="alert">
          <p>
            <strong>{t(prefs.lang, 'returnedWithComment')}</strong>（{lastReturn.author ?? ''} {formatDate(lastReturn.createdAt)}）
          </p>
          <p class="pre">{lastReturn.body}</p>
        </div>
      )}
      {editable ? (
        <form class="wf-form" method="post" action={formAction} novalidate>
          <CsrfField auth={auth} />
          <input type="hidden" name="version" value={String(p.formVersion)} />
          <EntryFields prefs={prefs} scale={scale} values={values} errors={errors} conflict={conflict} />
          <div class="actions">
            <button type="submit" name="action" value="save" class="secondary">
              {t(prefs.lang, 'saveDraft')}
            </button>
            <button type="submit" name="action" value="submit">
              {t(prefs.lang, 'submit')}
            </button>
          </div>
        </form>
      ) : (
        <EntryReadOnly prefs={prefs} entry={entry} scale={scale} />
      )}
      {reviewable && (
        <section aria-labelledby="review">
          <h2 id="review">{t(prefs.lang, 'review')}</h2>
          <form class="wf-form" method="post" action={`${formAction}/review`}>
            <CsrfField auth={auth} />
            <input type="hidden" name="version" value={String(entry.version)} />
            <div>
              <label for="comment">{t(prefs.lang, 'reviewComment')}</label>
              <textarea id="comment" name="comment" rows={4} aria-invalid={errors.comment ? 'true' : undefined} aria-describedby={errors.comment ? 'comment-error' : undefined}>
                {p.comment ?? ''}
              </textarea>
              <FieldError id="comment-error" message={errors.comment} />
            </div>
            <div class="actions">
              {actions.includes('accept') && (
                <button type="submit" name="action" value="accept">
                  {t(prefs.lang, 'accept')}
                </button>
              )}
              {actions.includes('return') && (
                <button type="submit" name="action" value="return" class="danger">
                  {t(prefs.lang, 'return')}
                </button>
              )}
            </div>
          </form>
        </section>
      )}
      {p.mayCorrect && (
        <section aria-labelledby="correction">
          <h2 id="correction">{t(prefs.lang, 'correctionAfterPublication')}</h2>
          <p>{t(prefs.lang, 'correctionHelp')}</p>
          <form class="wf-form" method="post" action={`${formAction}/correction`}>
            <CsrfField auth={auth} />
            <input type="hidden" name="version" value={String(p.formVersion)} />
            <EntryFields prefs={prefs} scale={scale} values={values} errors={errors} conflict={conflict} />
            <div>
              <label for="correctionReason">{t(prefs.lang, 'reasonForTheCorrection')}</label>
              <textarea id="correctionReason" name="correctionReason" rows={3} aria-invalid={errors.correction ? 'true' : undefined} aria-describedby={errors.correction ? 'correction-error' : undefined}>
                {p.correctionReason ?? ''}
              </textarea>
              <FieldError id="correction-error" message={errors.correction} />
            </div>
            <div class="actions">
              <button type="submit">{t(prefs.lang, 'recordCorrection')}</button>
            </div>
          </form>
        </section>
      )}
      {revisions.length > 0 && (
        <section aria-labelledby="revisions">
          <h2 id="revisions">{t(prefs.lang, 'corrections')}</h2>
          <ol>
            {revisions.map((r) => (
              <li>
                {t(prefs.lang, 'revision', { revision: r.revision })}（{r.author ?? ''} {formatDate(r.createdAt)}）: {r.reason}
                <div class="note">
                  {t(prefs.lang, 'rating')}: {r.before.ratingCode ?? '—'} → {r.after.ratingCode ?? '—'}
                </div>
              </li>
            ))}
          </ol>
        </section>
      )}
      {comments.length > 0 && (
        <section aria-labelledby="comments">
          <h2 id="comments">{t(prefs.lang, 'reviewHistory')}</h2>
          <ol>
            {comments.map((c) => (
              <li>
                {c.action === 'return' ? t(prefs.lang, 'returned') : t(prefs.lang, 'acceptedAction')}（{c.author ?? ''} {formatDate(c.createdAt)}）
                {c.body && <div class="pre">{c.body}</div>}
              </li>
            ))}
          </ol>
        </section>
      )}
      <section aria-labelledby="history">
        <h2 id="history">{t(prefs.lang, 'historyTitle')}</h2>
        {history.length === 0 ? (
          <p>{t(prefs.lang, 'noEarlierRatings')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption>{t(prefs.lang, 'ratingsPerYear')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(prefs.lang, 'year')}</th>
                  <th scope="col">{t(prefs.lang, 'rating')}</th>
                  <th scope="col">{t(prefs.lang, 'reasonAndText')}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((h) => (
                  <tr>
                    <th scope="row">{fiscalYearLabel(h.fiscalYear, prefs.era)}</th>
                    <td class="rating">
                      {h.code ?? ''}
                      {h.marks.join('')}
                    </td>
                    <td>
                      {h.reason && <p class="pre">{h.reason}</p>}
                      {h.narratives.map((n) => (
                        <p class="pre">
                          {n.aboutProgram && <span class="badge">{t(prefs.lang, 'wholeProgram')}</span>} {n.kind === 'issues' ? `【${t(prefs.lang, 'issues')}】` : n.kind === 'direction' ? `【${t(prefs.lang, 'direction')}】` : ''}
                          {n.body}
                        </p>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </AppShell>
  );
}

export interface OpinionFormState {
  targetKey: string;
  body: string;
  error?: string;
  conflict?: Opinion;
}

export function opinionKey(itemId: number | null): string {
  return itemId === null ? 'plan' : String(itemId);
}

export function OpinionsPage({ prefs, auth, path, round, targets, opinions, measures, state, notice }: PageBase & { round: Round; targets: OpinionTarget[]; opinions: Opinion[]; measures: BoardRow[]; state?: OpinionFormState; notice?: string }) {
  const roles = auth.user.roles;
  const writable = round.status === 'open' || round.status === 'closed';
  const find = (target: OpinionTarget) => opinions.find((o) => o.itemId === target.itemId && o.authorRole === target.role);
  const section = (target: OpinionTarget) => {
    const o = find(target);
    const key = opinionKey(target.itemId);
    const mayWrite = writable && can(roles, target.role === 'division' ? 'writeDivisionOpinion' : 'writeExpertOpinion');
    const here = state?.targetKey === key ? state : undefined;
    const id = `opinion-${key}`;
    const heading = target.itemId === null ? t(prefs.lang, 'planOpinionHeading') : target.role === 'expert' ? t(prefs.lang, 'pillarOpinionHeading', { code: target.code, name: target.name }) : t(prefs.lang, 'measureOpinionHeading', { code: target.code, name: target.name });
    const m = measures.find((x) => x.id === target.itemId);
    return (
      <section aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`}>{heading}</h2>
        {m && (
          <p>
            {t(prefs.lang, 'progress')}: {t(prefs.lang, 'acceptedOfTotal', { accepted: m.counts.accepted, total: m.total })} — <a href={link(prefs, `/rounds/${round.id}/board?measure=${target.itemId}`)}>{t(prefs.lang, 'subItemList')}</a>
          </p>
        )}
        {mayWrite ? (
          <form class="wf-form" method="post" action={`/rounds/${round.id}/opinions`}>
            <CsrfField auth={auth} />
            <input type="hidden" name="target" value={key} />
            <input type="hidden" name="version" value={String(here?.conflict ? here.conflict.version : (o?.version ?? 0))} />
            {here?.conflict && (
              <div class="conflict" role="alert">
                <p>{t(prefs.lang, 'opinionConflict')}</p>
                <div class="theirs">{here.conflict.body}</div>
              </div>
            )}
            <div>
              <label for={id}>{t(prefs.lang, 'opinion')}</label>
              <textarea id={id} name="body" rows={6} aria-invalid={here?.error ? 'true' : undefined} aria-describedby={here?.error ? `${id}-error` : undefined}>
                {`\n${here ? here.body : (o?.body ?? '')}`}
              </textarea>
              <FieldError id={`${id}-error`} message={here?.error} />
            </div>
            <div class="actions">
              <button type="submit">{t(prefs.lang, 'save')}</button>
              {o?.updatedBy && <span class="note">{t(prefs.lang, 'lastSavedBy', { who: o.updatedBy, when: formatDate(o.updatedAt) })}</span>}
            </div>
          </form>
        ) : (
          <p class="pre">{o?.body || t(prefs.lang, 'notWritten')}</p>
        )}
      </section>
    );
  };
  return (
    <AppShell title={`${roundTitle(round, prefs)} — ${t(prefs.lang, 'opinionsTitle')}`} prefs={prefs} path={path} auth={auth}>
      <h1>
        {roundTitle(round, prefs)} — {t(prefs.lang, 'opinionsTitle')}
      </h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <RoundNav round={round} prefs={prefs} auth={auth} />
      <p>{t(prefs.lang, 'opinionsHelp')}</p>
      {targets.map(section)}
    </AppShell>
  );
}

export function RemindersPage({ prefs, auth, path, round, reminders, smtpConfigured, log, notice }: PageBase & { round: Round; reminders: DepartmentReminder[]; smtpConfigured: boolean; log: { departmentName: string | null; recipient: string; itemCount: number; status: string; sentAt: Date }[]; notice?: string }) {
  return (
    <AppShell title={`${roundTitle(round, prefs)} — ${t(prefs.lang, 'reminders')}`} prefs={prefs} path={path} auth={auth}>
      <h1>
        {roundTitle(round, prefs)} — {t(prefs.lang, 'reminders')}
      </h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <RoundNav round={round} prefs={prefs} auth={auth} />
      <p>
        {round.deadline ? t(prefs.lang, 'remindersWithDeadline', { deadline: round.deadline }) : t(prefs.lang, 'remindersWithoutDeadline')}
      </p>
      {!smtpConfigured && <p class="notice">{t(prefs.lang, 'smtpMissingList')}</p>}
      {reminders.length === 0 ? (
        <p>{t(prefs.lang, 'nothingToRemind')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{t(prefs.lang, 'itemsToRemindPerDepartment')}</caption>
            <thead>
              <tr>
                <th scope="col">{t(prefs.lang, 'department')}</th>
                <th scope="col" class="num">{t(prefs.lang, 'overdue')}</th>
                <th scope="col" class="num">{t(prefs.lang, 'returned')}</th>
                <th scope="col">{t(prefs.lang, 'subItems')}</th>
                <th scope="col">{t(prefs.lang, 'recipients')}</th>
              </tr>
            </thead>
            <tbody>
              {reminders.map((d) => (
                <tr>
                  <th scope="row">{d.departmentName}</th>
                  <td class="num">{d.overdue.length}</td>
                  <td class="num">{d.returned.length}</td>
                  <td>
                    <ul>
                      {[...d.returned, ...d.overdue].map((e) => (
                        <li>
                          <a href={link(prefs, `/rounds/${round.id}/items/${e.itemId}`)}>{e.name}</a> <StatusBadge status={e.status} prefs={prefs} />
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{d.recipients.join(', ') || t(prefs.lang, 'noEmail')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {smtpConfigured && can(auth.user.roles, 'sendReminders') && reminders.length > 0 && (
        <form method="post" action={`/rounds/${round.id}/reminders`}>
          <CsrfField auth={auth} />
          <button type="submit">{t(prefs.lang, 'sendRemindersNow')}</button>
        </form>
      )}
      {log.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption>{t(prefs.lang, 'sentReminders')}</caption>
            <thead>
              <tr>
                <th scope="col">{t(prefs.lang, 'when')}</th>
                <th scope="col">{t(prefs.lang, 'department')}</th>
                <th scope="col">{t(prefs.lang, 'recipient')}</th>
                <th scope="col" class="num">{t(prefs.lang, 'items')}</th>
                <th scope="col">{t(prefs.lang, 'result')}</th>
              </tr>
            </thead>
            <tbody>
              {log.map((l) => (
                <tr>
                  <td>{formatDate(l.sentAt)}</td>
                  <td>{l.departmentName ?? ''}</td>
                  <td>{l.recipient}</td>
                  <td class="num">{l.itemCount}</td>
                  <td>{l.status === 'sent' ? t(prefs.lang, 'sent') : t(prefs.lang, 'failed')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AppShell>
  );
}
