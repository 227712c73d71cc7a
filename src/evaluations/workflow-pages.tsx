/**
 * The workflow screens, server-rendered: my tasks, rounds and round settings, the
 * completion board, the review queue, the entry form (with history, review, conflict
 * and correction), opinions (division and expert), reminders. No script needed.
 */
import { fiscalYearLabel } from '../fiscal/fiscal-year.js';
import { withPreference } from '../web/layout.js';
import type { Preferences } from '../web/preferences.js';
import { CsrfField, FieldError, tr, AppShell } from '../auth/shell.js';
import type { Session } from '../auth/sessions.js';
import { can } from '../auth/roles.js';
import {
  ENTRY_STATUSES,
  ENTRY_STATUS_LABELS,
  ROUND_KINDS,
  ROUND_KIND_LABELS,
  ROUND_STATUS_LABELS,
  type EntryAction,
  type EntryInput,
  type EntryStatus,
  type RoundStatus,
} from './workflow.js';
import type { EntryDetail, FormErrors, HistoryYear, ReviewComment, Revision, Round, ScaleInfo } from './round-store.js';
import type { Board, BoardRow, DepartmentReminder, EntryListRow, Opinion, OpinionTarget, Task } from './round-queries.js';

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
  if (can(roles, 'readAllItems')) items.push({ href: `${base}/board`, label: tr(prefs, '進捗ボード', 'Completion board') });
  if (can(roles, 'review')) items.push({ href: `${base}/review`, label: tr(prefs, '審査待ち', 'Review queue') });
  if (can(roles, 'readAllItems')) items.push({ href: `${base}/opinions`, label: tr(prefs, '意見（課・学識経験者）', 'Opinions') });
  if (can(roles, 'readAllItems')) items.push({ href: `${base}/reminders`, label: tr(prefs, '督促', 'Reminders') });
  if (can(roles, 'manageRounds')) items.push({ href: base, label: tr(prefs, 'ラウンド設定', 'Round settings') });
  if (items.length === 0) return null;
  return (
    <nav aria-label={tr(prefs, 'ラウンド内', 'This round')}>
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

function EntryTable({ rows, round, prefs, caption }: { rows: EntryListRow[]; round: Round; prefs: Preferences; caption: string }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{tr(prefs, '番号', 'No.')}</th>
            <th scope="col">{tr(prefs, '事務事業細目', 'Sub-item')}</th>
            <th scope="col">{tr(prefs, '担当課', 'Department')}</th>
            <th scope="col">{tr(prefs, '状態', 'Status')}</th>
            <th scope="col">{tr(prefs, '評価', 'Rating')}</th>
            <th scope="col">{tr(prefs, '更新', 'Updated')}</th>
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
    <AppShell title={tr(prefs, '私のタスク', 'My tasks')} prefs={prefs} path={path} auth={auth}>
      <h1>{tr(prefs, '私のタスク', 'My tasks')}</h1>
      {tasks.length === 0 && <p>{tr(prefs, '入力を受け付けている評価ラウンドはありません。', 'No evaluation round is open.')}</p>}
      {tasks.map(({ round, entries }) => {
        const returned = entries.filter((e) => e.status === 'returned');
        const todo = entries.filter((e) => e.status === 'not_started' || e.status === 'draft');
        return (
          <section aria-labelledby={`round-${round.id}`}>
            <h2 id={`round-${round.id}`}>
              {roundTitle(round, prefs)}（{round.planName}）
            </h2>
            <p>
              {tr(prefs, '状態', 'Status')}: <RoundStatusText status={round.status} prefs={prefs} />
              {round.deadline && <> {tr(prefs, '締切', 'Deadline')}: {round.deadline}</>}
            </p>
            <RoundNav round={round} prefs={prefs} auth={auth} />
            {can(roles, 'enterOwnItems') && (
              <>
                {returned.length > 0 && (
                  <div class="alert">
                    <p>{tr(prefs, `差し戻された細目が${returned.length}件あります。修正して再提出してください。`, `${returned.length} sub-item(s) were returned to you. Fix and resubmit them.`)}</p>
                  </div>
                )}
                <p>
                  {tr(prefs, `担当の細目 ${entries.length}件（未提出 ${todo.length}件、差し戻し ${returned.length}件）`, `${entries.length} sub-items (${todo.length} not submitted, ${returned.length} returned)`)}
                </p>
                {entries.length > 0 && <EntryTable rows={entries} round={round} prefs={prefs} caption={tr(prefs, '担当の事務事業細目', 'Your sub-items')} />}
              </>
            )}
          </section>
        );
      })}
      {can(roles, 'manageUsers') && (
        <p>
          <a href={link(prefs, '/admin/users')}>{tr(prefs, '利用者の管理', 'Manage users')}</a>
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
    <AppShell title={tr(prefs, '評価ラウンド', 'Evaluation rounds')} prefs={prefs} path={path} auth={auth}>
      <h1>{tr(prefs, '評価ラウンド', 'Evaluation rounds')}</h1>
      <div class="table-wrap">
        <table>
          <caption>{tr(prefs, 'ラウンド一覧', 'Rounds')}</caption>
          <thead>
            <tr>
              <th scope="col">{tr(prefs, 'ラウンド', 'Round')}</th>
              <th scope="col">{tr(prefs, '計画', 'Plan')}</th>
              <th scope="col">{tr(prefs, '状態', 'Status')}</th>
              <th scope="col">{tr(prefs, '締切', 'Deadline')}</th>
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
          <h2 id="new-round">{tr(prefs, 'ラウンドを作成', 'Create a round')}</h2>
          <form class="wf-form" method="post" action="/rounds">
            <CsrfField auth={auth} />
            <div>
              <label for="planId">{tr(prefs, '計画', 'Plan')}</label>
              <select id="planId" name="planId">
                {plans.map((p) => (
                  <option value={String(p.id)} selected={values.planId === String(p.id)}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for="fiscalYear">{tr(prefs, '年度', 'Fiscal year')}</label>
              <input type="text" id="fiscalYear" name="fiscalYear" value={values.fiscalYear} required aria-invalid={errors.fiscalYear ? 'true' : undefined} aria-describedby={`fiscalYear-hint${errors.fiscalYear ? ' fiscalYear-error' : ''}`} />
              <p class="hint" id="fiscalYear-hint">{tr(prefs, '例: 2023、R5、令和5年度', 'e.g. 2023, R5')}</p>
              <FieldError id="fiscalYear-error" message={errors.fiscalYear} />
            </div>
            <div>
              <label for="kind">{tr(prefs, '種別', 'Kind')}</label>
              <select id="kind" name="kind">
                {ROUND_KINDS.map((k) => (
                  <option value={k} selected={values.kind === k}>
                    {L(prefs, ROUND_KIND_LABELS[k])}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for="deadline">{tr(prefs, '締切日', 'Deadline')}</label>
              <input type="date" id="deadline" name="deadline" value={values.deadline} aria-invalid={errors.deadline ? 'true' : undefined} aria-describedby={errors.deadline ? 'deadline-error' : undefined} />
              <FieldError id="deadline-error" message={errors.deadline} />
            </div>
            {errors.form && (
              <p class="field-error" role="alert">
                {errors.form}
              </p>
            )}
            <div class="actions">
              <button type="submit">{tr(prefs, '作成する（準備中）', 'Create (preparing)')}</button>
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
    { action: 'open', label: tr(prefs, '入力の受付を開始する', 'Open for entry'), when: ['preparing', 'closed'], allowed: can(roles, 'manageRounds') },
    { action: 'close', label: tr(prefs, '入力を締め切る', 'Close for entry'), when: ['open'], allowed: can(roles, 'manageRounds') },
    { action: 'publish', label: tr(prefs, '公表する（以後は読み取り専用）', 'Publish (read-only afterwards)'), when: ['closed'], allowed: can(roles, 'publishRound'), danger: true },
  ];
  return (
    <AppShell title={`${roundTitle(round, prefs)} — ${tr(prefs, 'ラウンド設定', 'Round settings')}`} prefs={prefs} path={path} auth={auth}>
      <h1>
        {roundTitle(round, prefs)} — {tr(prefs, 'ラウンド設定', 'Round settings')}
      </h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <RoundNav round={round} prefs={prefs} auth={auth} />
      <dl class="facts">
        <dt>{tr(prefs, '計画', 'Plan')}</dt>
        <dd>{round.planName}</dd>
        <dt>{tr(prefs, '状態', 'Status')}</dt>
        <dd>
          <RoundStatusText status={round.status} prefs={prefs} />
        </dd>
        <dt>{tr(prefs, '承認済み', 'Accepted')}</dt>
        <dd>
          {progress.accepted} / {progress.total}
        </dd>
        {round.publishedAt && (
          <>
            <dt>{tr(prefs, '公表日時', 'Published')}</dt>
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
            <label for="deadline">{tr(prefs, '締切日', 'Deadline')}</label>
            <input type="date" id="deadline" name="deadline" value={deadline} aria-invalid={errors.deadline ? 'true' : undefined} aria-describedby={errors.deadline ? 'deadline-error' : undefined} />
            <FieldError id="deadline-error" message={errors.deadline} />
          </div>
          <div class="actions">
            <button type="submit">{tr(prefs, '締切日を保存', 'Save deadline')}</button>
          </div>
        </form>
      )}
      <h2>{tr(prefs, '状態の変更', 'Change status')}</h2>
      {transitions.filter((t) => t.when.includes(round.status) && t.allowed).length === 0 && <p>{tr(prefs, '変更できる状態はありません。', 'No change is available.')}</p>}
      <div class="actions">
        {transitions
          .filter((t) => t.when.includes(round.status) && t.allowed)
          .map((t) => (
            <form method="post" action={`/rounds/${round.id}/transition`}>
              <CsrfField auth={auth} />
              <input type="hidden" name="action" value={t.action} />
              <button type="submit" class={t.danger ? 'danger' : undefined}>
                {t.label}
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
              {tr(prefs, '計', 'Total')}
            </th>
            <th scope="col" class="num">
              {tr(prefs, '完了率', 'Done')}
            </th>
          </tr>
        </thead>
        <tbody>
          {[...rows, totals].map((r) => {
            const href = r === totals ? undefined : linkOf(r);
            return (
              <tr>
                <th scope="row">{href ? <a href={href}>{r.code ? `${r.code} ${r.name}` : r.name}</a> : r === totals ? tr(prefs, '合計', 'Total') : r.name}</th>
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
    <AppShell title={`${roundTitle(round, prefs)} — ${tr(prefs, '進捗ボード', 'Completion board')}`} prefs={prefs} path={path} auth={auth}>
      <h1>
        {roundTitle(round, prefs)} — {tr(prefs, '進捗ボード', 'Completion board')}
      </h1>
      <p>
        {tr(prefs, '状態', 'Status')}: <RoundStatusText status={round.status} prefs={prefs} />
        {round.deadline && <> {tr(prefs, '締切', 'Deadline')}: {round.deadline}</>}
      </p>
      <RoundNav round={round} prefs={prefs} auth={auth} />
      <BoardTable rows={board.departments} caption={tr(prefs, '担当課ごとの進捗', 'Progress per department')} head={tr(prefs, '担当課', 'Department')} prefs={prefs} totals={board.totals} linkOf={(r) => (r.id === null ? undefined : link(prefs, `/rounds/${round.id}/board?department=${r.id}`))} />
      <BoardTable rows={board.measures} caption={tr(prefs, '施策ごとの進捗', 'Progress per measure')} head={tr(prefs, '施策', 'Measure')} prefs={prefs} totals={board.totals} linkOf={(r) => (r.id === null ? undefined : link(prefs, `/rounds/${round.id}/board?measure=${r.id}`))} />
      {list && <EntryTable rows={list} round={round} prefs={prefs} caption={listCaption ?? ''} />}
    </AppShell>
  );
}

export function ReviewQueuePage({ prefs, auth, path, round, rows }: PageBase & { round: Round; rows: EntryListRow[] }) {
  return (
    <AppShell title={`${roundTitle(round, prefs)} — ${tr(prefs, '審査待ち', 'Review queue')}`} prefs={prefs} path={path} auth={auth}>
      <h1>
        {roundTitle(round, prefs)} — {tr(prefs, '審査待ち', 'Review queue')}
      </h1>
      <RoundNav round={round} prefs={prefs} auth={auth} />
      {rows.length === 0 ? <p>{tr(prefs, '審査待ちの細目はありません。', 'Nothing is waiting for review.')}</p> : <EntryTable rows={rows} round={round} prefs={prefs} caption={tr(prefs, `提出済みの細目（${rows.length}件）`, `Submitted sub-items (${rows.length})`)} />}
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
          <p class="hint">{tr(prefs, '先に保存された内容（相手の版）:', 'Saved meanwhile by someone else:')}</p>
          <div class="theirs">{theirs || tr(prefs, '（空欄）', '(empty)')}</div>
        </div>
      )}
    </div>
  );
}

function EntryFields({ prefs, scale, values, errors, conflict }: { prefs: Preferences; scale: ScaleInfo; values: EntryInput; errors: FormErrors; conflict: EntryDetail | undefined }) {
  return (
    <>
      <fieldset aria-describedby={errors.ratingCode ? 'ratingCode-error' : undefined}>
        <legend>{tr(prefs, '評価', 'Rating')}</legend>
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
        {conflict && <p class="hint">{tr(prefs, `先に保存された評価: ${conflict.ratingCode ?? '（未選択）'}`, `Rating saved meanwhile: ${conflict.ratingCode ?? '(none)'}`)}</p>}
      </fieldset>
      {scale.annotationKinds.length > 0 && (
        <fieldset aria-describedby={errors.annotationKindIds ? 'annotationKindIds-error' : undefined}>
          <legend>{tr(prefs, '注釈', 'Annotations')}</legend>
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
      <dt>{tr(prefs, '評価', 'Rating')}</dt>
      <dd>
        {entry.ratingCode ? `${entry.ratingCode}${marks.map((m) => m.mark).join('')} ${code?.label ?? ''}` : tr(prefs, '（未選択）', '(none)')}
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
        <dt>{tr(prefs, 'ラウンド', 'Round')}</dt>
        <dd>{roundTitle(round, prefs)}</dd>
        <dt>{tr(prefs, '番号', 'No.')}</dt>
        <dd>{entry.item.code}</dd>
        <dt>{tr(prefs, '担当課', 'Department')}</dt>
        <dd>{entry.item.departmentName ?? tr(prefs, '（未設定）', '(none)')}</dd>
        <dt>{tr(prefs, '状態', 'Status')}</dt>
        <dd>
          <StatusBadge status={entry.status} prefs={prefs} />
          {entry.revision > 0 && <> {tr(prefs, `（公表後の訂正 第${entry.revision}版）`, ` (corrected after publication, revision ${entry.revision})`)}</>}
        </dd>
        {entry.updatedBy && (
          <>
            <dt>{tr(prefs, '最終更新', 'Last saved')}</dt>
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
          <p>{tr(prefs, '入力内容を確認してください。各欄のメッセージをご覧ください。入力した内容は残っています。', 'Please check the fields below; what you typed is kept.')}</p>
        </div>
      )}
      {conflict && (
        <div class="conflict" role="alert">
          <p>
            <strong>{tr(prefs, '他の人が先にこの細目を保存しました。', 'Someone else saved this sub-item in the meantime.')}</strong>
          </p>
          <p>
            {tr(
              prefs,
              `${conflict.updatedBy ? `${conflict.updatedBy}さん` : '別の利用者'}が${formatDate(conflict.updatedAt)}に保存した内容を各欄の下に表示しています。あなたの入力はフォームに残っています。内容を見比べて必要なら取り込み、もう一度保存してください。`,
              `What ${conflict.updatedBy ?? 'another user'} saved at ${formatDate(conflict.updatedAt)} is shown under each field. Your input is still in the form: merge as needed and save again.`,
            )}
          </p>
        </div>
      )}
      {entry.status === 'returned' && lastReturn && (
        <div class="alert">
          <p>
            <strong>{tr(prefs, '差し戻しコメント', 'Returned with comment')}</strong>（{lastReturn.author ?? ''} {formatDate(lastReturn.createdAt)}）
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
              {tr(prefs, '下書き保存', 'Save draft')}
            </button>
            <button type="submit" name="action" value="submit">
              {tr(prefs, '提出する', 'Submit')}
            </button>
          </div>
        </form>
      ) : (
        <EntryReadOnly prefs={prefs} entry={entry} scale={scale} />
      )}
      {reviewable && (
        <section aria-labelledby="review">
          <h2 id="review">{tr(prefs, '審査', 'Review')}</h2>
          <form class="wf-form" method="post" action={`${formAction}/review`}>
            <CsrfField auth={auth} />
            <input type="hidden" name="version" value={String(entry.version)} />
            <div>
              <label for="comment">{tr(prefs, 'コメント（差し戻す場合は必須）', 'Comment (required to return)')}</label>
              <textarea id="comment" name="comment" rows={4} aria-invalid={errors.comment ? 'true' : undefined} aria-describedby={errors.comment ? 'comment-error' : undefined}>
                {p.comment ?? ''}
              </textarea>
              <FieldError id="comment-error" message={errors.comment} />
            </div>
            <div class="actions">
              {actions.includes('accept') && (
                <button type="submit" name="action" value="accept">
                  {tr(prefs, '承認する', 'Accept')}
                </button>
              )}
              {actions.includes('return') && (
                <button type="submit" name="action" value="return" class="danger">
                  {tr(prefs, '差し戻す', 'Return')}
                </button>
              )}
            </div>
          </form>
        </section>
      )}
      {p.mayCorrect && (
        <section aria-labelledby="correction">
          <h2 id="correction">{tr(prefs, '公表後の訂正', 'Correction after publication')}</h2>
          <p>{tr(prefs, '公表済みの内容は直接変更できません。訂正は理由を付けて新しい版として登録され、履歴に残ります。', 'Published content cannot be edited. A correction is recorded as a new revision with a reason.')}</p>
          <form class="wf-form" method="post" action={`${formAction}/correction`}>
            <CsrfField auth={auth} />
            <input type="hidden" name="version" value={String(p.formVersion)} />
            <EntryFields prefs={prefs} scale={scale} values={values} errors={errors} conflict={conflict} />
            <div>
              <label for="correctionReason">{tr(prefs, '訂正の理由', 'Reason for the correction')}</label>
              <textarea id="correctionReason" name="correctionReason" rows={3} aria-invalid={errors.correction ? 'true' : undefined} aria-describedby={errors.correction ? 'correction-error' : undefined}>
                {p.correctionReason ?? ''}
              </textarea>
              <FieldError id="correction-error" message={errors.correction} />
            </div>
            <div class="actions">
              <button type="submit">{tr(prefs, '訂正を登録する', 'Record correction')}</button>
            </div>
          </form>
        </section>
      )}
      {revisions.length > 0 && (
        <section aria-labelledby="revisions">
          <h2 id="revisions">{tr(prefs, '訂正履歴', 'Corrections')}</h2>
          <ol>
            {revisions.map((r) => (
              <li>
                {tr(prefs, `第${r.revision}版`, `Revision ${r.revision}`)}（{r.author ?? ''} {formatDate(r.createdAt)}）: {r.reason}
                <div class="note">
                  {tr(prefs, '評価', 'Rating')}: {r.before.ratingCode ?? '—'} → {r.after.ratingCode ?? '—'}
                </div>
              </li>
            ))}
          </ol>
        </section>
      )}
      {comments.length > 0 && (
        <section aria-labelledby="comments">
          <h2 id="comments">{tr(prefs, '審査の記録', 'Review history')}</h2>
          <ol>
            {comments.map((c) => (
              <li>
                {c.action === 'return' ? tr(prefs, '差し戻し', 'Returned') : tr(prefs, '承認', 'Accepted')}（{c.author ?? ''} {formatDate(c.createdAt)}）
                {c.body && <div class="pre">{c.body}</div>}
              </li>
            ))}
          </ol>
        </section>
      )}
      <section aria-labelledby="history">
        <h2 id="history">{tr(prefs, 'これまでの評価と理由', 'Ratings and reasons in earlier years')}</h2>
        {history.length === 0 ? (
          <p>{tr(prefs, '過去の評価はありません。', 'No earlier ratings.')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption>{tr(prefs, '年度別の評価', 'Ratings per fiscal year')}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr(prefs, '年度', 'Year')}</th>
                  <th scope="col">{tr(prefs, '評価', 'Rating')}</th>
                  <th scope="col">{tr(prefs, '理由・担当課の記述', 'Reason and department text')}</th>
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
                          {n.aboutProgram && <span class="badge">{tr(prefs, '事務事業全体', 'whole program')}</span>} {n.kind === 'issues' ? `【${tr(prefs, '課題', 'Issues')}】` : n.kind === 'direction' ? `【${tr(prefs, '今後の方向性', 'Direction')}】` : ''}
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
  const find = (t: OpinionTarget) => opinions.find((o) => o.itemId === t.itemId && o.authorRole === t.role);
  const section = (t: OpinionTarget) => {
    const o = find(t);
    const key = opinionKey(t.itemId);
    const mayWrite = writable && can(roles, t.role === 'division' ? 'writeDivisionOpinion' : 'writeExpertOpinion');
    const here = state?.targetKey === key ? state : undefined;
    const id = `opinion-${key}`;
    const heading = t.itemId === null ? tr(prefs, '計画全体への意見（学識経験者）', 'Opinion on the whole plan (expert)') : t.role === 'expert' ? tr(prefs, `柱 ${t.code} ${t.name} への意見（学識経験者）`, `Pillar ${t.code} ${t.name}: expert opinion`) : tr(prefs, `施策 ${t.code} ${t.name} への意見（デジタル推進課）`, `Measure ${t.code} ${t.name}: division opinion`);
    const m = measures.find((x) => x.id === t.itemId);
    return (
      <section aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`}>{heading}</h2>
        {m && (
          <p>
            {tr(prefs, '進捗', 'Progress')}: {tr(prefs, `承認済み ${m.counts.accepted} / ${m.total}`, `accepted ${m.counts.accepted} / ${m.total}`)} — <a href={link(prefs, `/rounds/${round.id}/board?measure=${t.itemId}`)}>{tr(prefs, '細目の一覧', 'Sub-items')}</a>
          </p>
        )}
        {mayWrite ? (
          <form class="wf-form" method="post" action={`/rounds/${round.id}/opinions`}>
            <CsrfField auth={auth} />
            <input type="hidden" name="target" value={key} />
            <input type="hidden" name="version" value={String(here?.conflict ? here.conflict.version : (o?.version ?? 0))} />
            {here?.conflict && (
              <div class="conflict" role="alert">
                <p>{tr(prefs, '他の人が先に保存しました。あなたの入力は残っています。相手の版と見比べてから保存し直してください。', 'Someone else saved first. Your text is kept; compare and save again.')}</p>
                <div class="theirs">{here.conflict.body}</div>
              </div>
            )}
            <div>
              <label for={id}>{tr(prefs, '意見', 'Opinion')}</label>
              <textarea id={id} name="body" rows={6} aria-invalid={here?.error ? 'true' : undefined} aria-describedby={here?.error ? `${id}-error` : undefined}>
                {`\n${here ? here.body : (o?.body ?? '')}`}
              </textarea>
              <FieldError id={`${id}-error`} message={here?.error} />
            </div>
            <div class="actions">
              <button type="submit">{tr(prefs, '保存する', 'Save')}</button>
              {o?.updatedBy && <span class="note">{tr(prefs, `最終保存: ${o.updatedBy} ${formatDate(o.updatedAt)}`, `Last saved: ${o.updatedBy} ${formatDate(o.updatedAt)}`)}</span>}
            </div>
          </form>
        ) : (
          <p class="pre">{o?.body || tr(prefs, '（未記入）', '(not written)')}</p>
        )}
      </section>
    );
  };
  return (
    <AppShell title={`${roundTitle(round, prefs)} — ${tr(prefs, '意見', 'Opinions')}`} prefs={prefs} path={path} auth={auth}>
      <h1>
        {roundTitle(round, prefs)} — {tr(prefs, '意見', 'Opinions')}
      </h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <RoundNav round={round} prefs={prefs} auth={auth} />
      <p>{tr(prefs, 'デジタル推進課は施策ごとに、学識経験者は柱ごとと計画全体について意見を記入します。各細目の内容は進捗ボードから読めます。', 'The division writes per measure; the expert per pillar and for the whole plan. Every sub-item can be read from the board.')}</p>
      {targets.map(section)}
    </AppShell>
  );
}

export function RemindersPage({ prefs, auth, path, round, reminders, smtpConfigured, log, notice }: PageBase & { round: Round; reminders: DepartmentReminder[]; smtpConfigured: boolean; log: { departmentName: string | null; recipient: string; itemCount: number; status: string; sentAt: Date }[]; notice?: string }) {
  return (
    <AppShell title={`${roundTitle(round, prefs)} — ${tr(prefs, '督促', 'Reminders')}`} prefs={prefs} path={path} auth={auth}>
      <h1>
        {roundTitle(round, prefs)} — {tr(prefs, '督促', 'Reminders')}
      </h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <RoundNav round={round} prefs={prefs} auth={auth} />
      <p>
        {round.deadline ? tr(prefs, `締切: ${round.deadline}。締切を過ぎても未提出の細目と、差し戻された細目を担当課ごとに表示します。`, `Deadline: ${round.deadline}. Overdue and returned sub-items per department.`) : tr(prefs, '締切が設定されていません。差し戻された細目を表示します。', 'No deadline is set; returned sub-items are listed.')}
      </p>
      {!smtpConfigured && <p class="notice">{tr(prefs, 'SMTP_URL が設定されていないため、メールは送信されません。この一覧で確認して連絡してください。', 'SMTP_URL is not set, so no e-mail is sent. Use this list to follow up.')}</p>}
      {reminders.length === 0 ? (
        <p>{tr(prefs, '督促の対象はありません。', 'Nothing to remind.')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{tr(prefs, '担当課ごとの督促対象', 'Items to remind per department')}</caption>
            <thead>
              <tr>
                <th scope="col">{tr(prefs, '担当課', 'Department')}</th>
                <th scope="col" class="num">{tr(prefs, '期限超過', 'Overdue')}</th>
                <th scope="col" class="num">{tr(prefs, '差し戻し', 'Returned')}</th>
                <th scope="col">{tr(prefs, '細目', 'Sub-items')}</th>
                <th scope="col">{tr(prefs, '送信先', 'Recipients')}</th>
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
                  <td>{d.recipients.join(', ') || tr(prefs, '（メール未登録）', '(no e-mail)')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {smtpConfigured && can(auth.user.roles, 'sendReminders') && reminders.length > 0 && (
        <form method="post" action={`/rounds/${round.id}/reminders`}>
          <CsrfField auth={auth} />
          <button type="submit">{tr(prefs, '今すぐメールで督促する', 'Send reminders now')}</button>
        </form>
      )}
      {log.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption>{tr(prefs, '送信記録', 'Sent reminders')}</caption>
            <thead>
              <tr>
                <th scope="col">{tr(prefs, '日時', 'When')}</th>
                <th scope="col">{tr(prefs, '担当課', 'Department')}</th>
                <th scope="col">{tr(prefs, '送信先', 'Recipient')}</th>
                <th scope="col" class="num">{tr(prefs, '件数', 'Items')}</th>
                <th scope="col">{tr(prefs, '結果', 'Result')}</th>
              </tr>
            </thead>
            <tbody>
              {log.map((l) => (
                <tr>
                  <td>{formatDate(l.sentAt)}</td>
                  <td>{l.departmentName ?? ''}</td>
                  <td>{l.recipient}</td>
                  <td class="num">{l.itemCount}</td>
                  <td>{l.status === 'sent' ? tr(prefs, '送信済み', 'Sent') : tr(prefs, '失敗', 'Failed')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AppShell>
  );
}
