/**
 * Browsing the audit log: filter by item, user and round; export as CSV. Read-only by
 * construction: there is no route that writes, and the table refuses updates and deletes.
 */
import type { FastifyInstance } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import type { AppContext } from '../web/context.js';
import { SPREADSHEET_SAFE_CSV } from '../web/spreadsheet-safe.js';
import { renderPage, withPreference } from '../web/layout.js';
import type { Preferences } from '../web/preferences.js';
import { guardedRoute, idParam } from '../auth/guard.js';
import { AppShell, tr } from '../auth/shell.js';
import type { Session } from '../auth/sessions.js';
import { listAudit, type AuditFilter, type AuditRecord } from './audit-log.js';

export interface AuditQuery {
  item: string;
  actor: string;
  round: string;
  before: string;
}

export function auditFilterOf(q: Record<string, string | undefined>): { filter: AuditFilter; query: AuditQuery } {
  const query: AuditQuery = { item: q.item?.trim() ?? '', actor: q.actor?.trim() ?? '', round: q.round?.trim() ?? '', before: q.before?.trim() ?? '' };
  const filter: AuditFilter = {};
  const item = idParam(query.item);
  const round = idParam(query.round);
  const before = idParam(query.before);
  if (item !== undefined) filter.itemId = item;
  if (round !== undefined) filter.roundId = round;
  if (before !== undefined) filter.beforeId = before;
  if (query.actor) filter.actor = query.actor;
  return { filter, query };
}

function json(value: unknown): string {
  return value === null || value === undefined ? '' : JSON.stringify(value);
}

export function auditCsv(rows: readonly AuditRecord[]): string {
  // BOM so that Excel opens the UTF-8 file with the right encoding.
  return '\ufeff' + stringify([['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'plan_id', 'round_id', 'item_id', 'before', 'after'], ...rows.map((r) => [r.id, new Date(r.at).toISOString(), r.actor, r.action, r.entity, r.entityId ?? '', r.planId ?? '', r.roundId ?? '', r.itemId ?? '', json(r.before), json(r.after)])], SPREADSHEET_SAFE_CSV);
}

function AuditPage({ prefs, auth, rows, query, pageSize }: { prefs: Preferences; auth: Session; rows: AuditRecord[]; query: AuditQuery; pageSize: number }) {
  const qs = (extra: Record<string, string>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...query, ...extra })) if (v) p.set(k, v);
    return p.toString();
  };
  const last = rows.at(-1);
  return (
    <AppShell title={tr(prefs, '監査ログ', 'Audit log')} prefs={prefs} path="/audit" auth={auth}>
      <h1>{tr(prefs, '監査ログ', 'Audit log')}</h1>
      <p>{tr(prefs, '計画・評価・記述・ワークフロー・利用者へのすべての変更の記録です（変更・削除はできません）。', 'Every change to plans, ratings, narratives, workflow and users. Entries cannot be changed or deleted.')}</p>
      <form class="wf-form" method="get" action="/audit">
        <div>
          <label for="item">{tr(prefs, '項目ID', 'Item id')}</label>
          <input type="text" id="item" name="item" value={query.item} inputMode="numeric" />
        </div>
        <div>
          <label for="actor">{tr(prefs, '利用者（ログインID）', 'User (login)')}</label>
          <input type="text" id="actor" name="actor" value={query.actor} />
        </div>
        <div>
          <label for="round">{tr(prefs, 'ラウンドID', 'Round id')}</label>
          <input type="text" id="round" name="round" value={query.round} inputMode="numeric" />
        </div>
        {prefs.lang === 'en' && <input type="hidden" name="lang" value="en" />}
        <div class="actions">
          <button type="submit">{tr(prefs, '絞り込む', 'Filter')}</button>
          <a class="button secondary" href={`/audit.csv?${qs({ before: '' })}`}>
            {tr(prefs, 'CSVで書き出す', 'Export CSV')}
          </a>
        </div>
      </form>
      <div class="table-wrap">
        <table>
          <caption>{tr(prefs, `変更の記録（新しい順、${rows.length}件）`, `Changes, newest first (${rows.length})`)}</caption>
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">{tr(prefs, '日時', 'When')}</th>
              <th scope="col">{tr(prefs, '利用者', 'Who')}</th>
              <th scope="col">{tr(prefs, '操作', 'Action')}</th>
              <th scope="col">{tr(prefs, '対象', 'What')}</th>
              <th scope="col">{tr(prefs, '変更前', 'Before')}</th>
              <th scope="col">{tr(prefs, '変更後', 'After')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
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
                      <a href={withPreference(`/audit?item=${r.itemId}`, prefs, {})}>{tr(prefs, `項目 ${r.itemId}`, `item ${r.itemId}`)}</a>
                    </div>
                  )}
                  {r.roundId !== null && (
                    <div>
                      <a href={withPreference(`/audit?round=${r.roundId}`, prefs, {})}>{tr(prefs, `ラウンド ${r.roundId}`, `round ${r.roundId}`)}</a>
                    </div>
                  )}
                </td>
                <td class="pre">{json(r.before)}</td>
                <td class="pre">{json(r.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === pageSize && last && (
        <p>
          <a href={`/audit?${qs({ before: String(last.id) })}`}>{tr(prefs, 'さらに古い記録', 'Older entries')}</a>
        </p>
      )}
    </AppShell>
  );
}

export function registerAuditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const PAGE = 100;
  guardedRoute(app, 'GET', '/audit', ['readAudit'], async (req, reply) => {
    const { filter, query } = auditFilterOf(req.query);
    const rows = await listAudit(ctx.db, { ...filter, limit: PAGE });
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderPage(<AuditPage prefs={req.prefs} auth={req.auth!} rows={rows} query={query} pageSize={PAGE} />));
  });
  guardedRoute(app, 'GET', '/audit.csv', ['readAudit'], async (req, reply) => {
    const { filter } = auditFilterOf(req.query);
    const rows: AuditRecord[] = [];
    // Page through everything that matches, newest first.
    for (let beforeId = filter.beforeId; ; ) {
      const page = await listAudit(ctx.db, { ...filter, ...(beforeId !== undefined ? { beforeId } : {}), limit: 1000 });
      rows.push(...page);
      if (page.length < 1000) break;
      beforeId = page.at(-1)!.id;
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="hyoka-audit.csv"')
      .header('cache-control', 'no-store')
      .send(auditCsv(rows));
  });
}
