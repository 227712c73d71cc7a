/**
 * The audit log page: filters (item number, person, department, action, days), the
 * newest entries as sentences with their changes field by field, a link to older ones
 * and the CSV export.
 */
import { preferenceParams, withPreference } from '../../web/layout.js';
import type { Preferences } from '../../web/preferences.js';
import { formatDateTime } from '../../web/ui/date-time.js';
import { TableHead } from '../../web/ui/data-table.js';
import { SelectField, TextField } from '../../web/ui/form-field.js';
import { Actions, SubmitButton } from '../../web/ui/post-form.js';
import { AppShell } from '../../auth/shell.js';
import type { Session } from '../../auth/sessions.js';
import { actionLabel, auditChanges, auditSentence } from '../audit-describe.js';
import type { AuditView } from '../audit-queries.js';
import type { AuditQuery } from '../audit-schema.js';
import { t } from '../messages.js';

export interface AuditChoices {
  departments: { id: number; name: string }[];
  actions: string[];
}

function AuditFilterForm({
  prefs,
  query,
  badDates,
  choices,
  csvQuery,
}: {
  prefs: Preferences;
  query: AuditQuery;
  badDates: string[];
  choices: AuditChoices;
  csvQuery: string;
}) {
  const { lang } = prefs;
  const dateError = (key: string) => (badDates.includes(key) ? t(lang, 'dateInvalid') : undefined);
  return (
    <form class="wf-form audit-filters" method="get" action="/audit" aria-label={t(lang, 'filterLegend')}>
      <TextField id="code" label={t(lang, 'itemCode')} value={query.code} hint={t(lang, 'itemCodeHint')} />
      <TextField id="actor" label={t(lang, 'person')} value={query.actor} />
      <SelectField
        id="department"
        label={t(lang, 'department')}
        value={query.department}
        choices={[{ value: '', label: t(lang, 'anyDepartment') }, ...choices.departments.map((d) => ({ value: String(d.id), label: d.name }))]}
      />
      <SelectField
        id="action"
        label={t(lang, 'action')}
        value={query.action}
        choices={[{ value: '', label: t(lang, 'anyAction') }, ...choices.actions.map((a) => ({ value: a, label: actionLabel(a, lang) }))]}
      />
      <TextField id="from" label={t(lang, 'fromDate')} value={query.from} hint={t(lang, 'dateHint', { date: '2026-04-01' })} error={dateError('from')} />
      <TextField id="to" label={t(lang, 'toDate')} value={query.to} hint={t(lang, 'dateHint', { date: '2026-04-30' })} error={dateError('to')} />
      {query.item && <input type="hidden" name="item" value={query.item} />}
      {query.round && <input type="hidden" name="round" value={query.round} />}
      {preferenceParams(prefs).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <Actions>
        <SubmitButton label={t(lang, 'filter')} />
        <a class="button secondary" href={`/audit.csv?${csvQuery}`}>
          {t(lang, 'exportCsv')}
        </a>
      </Actions>
    </form>
  );
}

function AuditDiff({ prefs, r }: { prefs: Preferences; r: AuditView }) {
  const { lang } = prefs;
  const changes = auditChanges(r, lang);
  if (changes.length === 0) return <span class="note">{t(lang, 'noChanges')}</span>;
  const none = t(lang, 'none');
  return (
    <dl class="audit-diff">
      {changes.map((c) => (
        <>
          <dt>{c.label}</dt>
          {c.only ? (
            <dd class={c.long ? 'pre' : undefined}>{(c.only === 'after' ? c.after : c.before) || none}</dd>
          ) : c.long ? (
            <dd>
              <p class="pre">
                <span class="diff-label">{t(lang, 'beforeLabel')}</span> <del>{c.before || none}</del>
              </p>
              <p class="pre">
                <span class="diff-label">{t(lang, 'afterLabel')}</span> <ins>{c.after || none}</ins>
              </p>
            </dd>
          ) : (
            <dd>
              <span class="visually-hidden">{t(lang, 'beforeLabel')} </span>
              <del>{c.before || none}</del>
              {' → '}
              <span class="visually-hidden">{t(lang, 'afterLabel')} </span>
              <ins>{c.after || none}</ins>
            </dd>
          )}
        </>
      ))}
    </dl>
  );
}

function AuditRow({ prefs, r }: { prefs: Preferences; r: AuditView }) {
  const link = (query: string) => withPreference(`/audit?${query}`, prefs, {});
  return (
    <tr>
      <td>{r.id}</td>
      <td>{formatDateTime(r.at, prefs)}</td>
      <td>
        <p class="audit-sentence">{auditSentence(r, prefs)}</p>
        <p class="audit-links">
          <a href={link(`actor=${encodeURIComponent(r.actor)}`)}>{r.actor}</a>
          {r.itemCode !== null && (
            <>
              {' ・ '}
              <a href={link(`code=${encodeURIComponent(r.itemCode)}`)}>{t(prefs.lang, 'itemLink', { id: r.itemCode })}</a>
            </>
          )}
          {r.roundId !== null && (
            <>
              {' ・ '}
              <a href={link(`round=${r.roundId}`)}>{t(prefs.lang, 'roundLink', { id: r.roundId })}</a>
            </>
          )}
        </p>
      </td>
      <td>
        <AuditDiff prefs={prefs} r={r} />
      </td>
    </tr>
  );
}

export interface AuditPageProps {
  prefs: Preferences;
  auth: Session;
  rows: AuditView[];
  query: AuditQuery;
  badDates: string[];
  choices: AuditChoices;
  pageSize: number;
}

export function AuditPage({ prefs, auth, rows, query, badDates, choices, pageSize }: AuditPageProps) {
  const { lang } = prefs;
  const qs = (extra: Record<string, string>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...query, ...extra })) if (v) p.set(k, v);
    for (const [k, v] of preferenceParams(prefs)) p.set(k, v);
    return p.toString();
  };
  const last = rows.at(-1);
  return (
    <AppShell title={t(lang, 'title')} prefs={prefs} path="/audit" auth={auth}>
      <h1>{t(lang, 'title')}</h1>
      <p>{t(lang, 'intro')}</p>
      <AuditFilterForm prefs={prefs} query={query} badDates={badDates} choices={choices} csvQuery={qs({ before: '' })} />
      <div class="table-wrap">
        <table class="audit-log">
          <caption>{t(lang, 'caption', { count: rows.length })}</caption>
          <TableHead heads={['ID', t(lang, 'when'), t(lang, 'event'), t(lang, 'changes')]} />
          <tbody>
            {rows.map((r) => (
              <AuditRow prefs={prefs} r={r} />
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === pageSize && last && (
        <p>
          <a href={`/audit?${qs({ before: String(last.id) })}`}>{t(lang, 'older')}</a>
        </p>
      )}
    </AppShell>
  );
}
