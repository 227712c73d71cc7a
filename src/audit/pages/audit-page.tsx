/** The audit log page: filters, the newest entries, a link to older ones and the CSV export. */
import { withPreference } from '../../web/layout.js';
import type { Preferences } from '../../web/preferences.js';
import { AppShell } from '../../auth/shell.js';
import type { Session } from '../../auth/sessions.js';
import type { AuditRecord } from '../audit-log.js';
import type { AuditQuery } from '../audit-schema.js';
import { auditJson } from '../audit-csv.js';
import { t } from '../messages.js';

function AuditFilterForm({ prefs, query, csvQuery }: { prefs: Preferences; query: AuditQuery; csvQuery: string }) {
  const { lang } = prefs;
  return (
    <form class="wf-form" method="get" action="/audit">
      <div>
        <label for="item">{t(lang, 'itemId')}</label>
        <input type="text" id="item" name="item" value={query.item} inputMode="numeric" />
      </div>
      <div>
        <label for="actor">{t(lang, 'actor')}</label>
        <input type="text" id="actor" name="actor" value={query.actor} />
      </div>
      <div>
        <label for="round">{t(lang, 'roundId')}</label>
        <input type="text" id="round" name="round" value={query.round} inputMode="numeric" />
      </div>
      {lang === 'en' && <input type="hidden" name="lang" value="en" />}
      <div class="actions">
        <button type="submit">{t(lang, 'filter')}</button>
        <a class="button secondary" href={`/audit.csv?${csvQuery}`}>
          {t(lang, 'exportCsv')}
        </a>
      </div>
    </form>
  );
}

function AuditRow({ prefs, r }: { prefs: Preferences; r: AuditRecord }) {
  const { lang } = prefs;
  return (
    <tr>
      <td>{r.id}</td>
      <td>{new Date(r.at).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' })}</td>
      <td>
        <a href={withPreference(`/audit?actor=${encodeURIComponent(r.actor)}`, prefs, {})}>{r.actor}</a>
      </td>
      <td>{r.action}</td>
      <td>
        {r.entity} {r.entityId ?? ''}
        {r.itemId !== null && (
          <div>
            <a href={withPreference(`/audit?item=${r.itemId}`, prefs, {})}>{t(lang, 'itemLink', { id: r.itemId })}</a>
          </div>
        )}
        {r.roundId !== null && (
          <div>
            <a href={withPreference(`/audit?round=${r.roundId}`, prefs, {})}>{t(lang, 'roundLink', { id: r.roundId })}</a>
          </div>
        )}
      </td>
      <td class="pre">{auditJson(r.before)}</td>
      <td class="pre">{auditJson(r.after)}</td>
    </tr>
  );
}

export function AuditPage({ prefs, auth, rows, query, pageSize }: { prefs: Preferences; auth: Session; rows: AuditRecord[]; query: AuditQuery; pageSize: number }) {
  const { lang } = prefs;
  const qs = (extra: Record<string, string>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...query, ...extra })) if (v) p.set(k, v);
    return p.toString();
  };
  const last = rows.at(-1);
  return (
    <AppShell title={t(lang, 'title')} prefs={prefs} path="/audit" auth={auth}>
      <h1>{t(lang, 'title')}</h1>
      <p>{t(lang, 'intro')}</p>
      <AuditFilterForm prefs={prefs} query={query} csvQuery={qs({ before: '' })} />
      <div class="table-wrap">
        <table>
          <caption>{t(lang, 'caption', { count: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">{t(lang, 'when')}</th>
              <th scope="col">{t(lang, 'who')}</th>
              <th scope="col">{t(lang, 'action')}</th>
              <th scope="col">{t(lang, 'what')}</th>
              <th scope="col">{t(lang, 'before')}</th>
              <th scope="col">{t(lang, 'after')}</th>
            </tr>
          </thead>
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
