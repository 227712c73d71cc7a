/** The human-readable page about the Web API: what it offers, how to call it, the licence. */
import type { Preferences } from '../web/preferences.js';
import { PortalLayout, tr } from '../portal/portal-pages.js';
import { LICENSE } from '../portal/downloads.js';
import { buildOpenApiDocument } from './openapi.js';

export function ApiDocPage({ prefs, path, exampleSlug }: { prefs: Preferences; path: string; exampleSlug: string | undefined }) {
  const doc = buildOpenApiDocument();
  const slug = exampleSlug ?? 'PLAN';
  const paths = Object.entries(doc.paths) as [string, { get: { summary: string; parameters?: { name: string; in: string; description?: string }[] } }][];
  return (
    <PortalLayout title="Web API" prefs={prefs} path={path}>
      <h1>{tr(prefs, 'Web API（オープンデータ）', 'Web API (open data)')}</h1>
      <p>
        {tr(
          prefs,
          'アプリケーション開発者向けに、公表済みの進捗評価結果を JSON で提供します。読み取り専用・認証不要で、CORS はすべてのオリジンに開いています。',
          'Published evaluation results as JSON for application developers: read-only, no sign-in, CORS open to every origin.',
        )}
      </p>
      <ul>
        <li>
          {tr(prefs, 'OpenAPI 3.1 の定義: ', 'OpenAPI 3.1 document: ')}
          <a href="/api/v1/openapi.json"><code>/api/v1/openapi.json</code></a>
        </li>
        <li>{tr(prefs, 'ID は安定しています: 計画は slug、項目は番号（例: 2.1.4.3）。', 'Stable IDs: plans by slug, items by code (e.g. 2.1.4.3).')}</li>
        <li>{tr(prefs, '一覧はカーソル方式: 応答の links.next を次に取得します（最後のページでは null）。limit は 1〜500。', 'Lists use cursors: fetch links.next until it is null. limit is 1–500.')}</li>
        <li>{tr(prefs, 'ETag と Cache-Control を返します。If-None-Match を送ると、変更がなければ 304 になります。', 'Responses carry ETag and Cache-Control; send If-None-Match to get 304 when unchanged.')}</li>
        <li>{tr(prefs, 'エラーは RFC 9457 の application/problem+json です（不正なパラメータは 400）。', 'Errors are RFC 9457 application/problem+json (400 for malformed parameters).')}</li>
        <li>
          {tr(prefs, 'データのライセンス: ', 'Data licence: ')}
          <a href={LICENSE.url} rel="license">CC BY 4.0</a>
          {tr(prefs, `（${LICENSE.compatibility}）`, ' (compatible with the Public Data License 1.0)')}
        </li>
      </ul>
      <h2 id="endpoints">{tr(prefs, 'エンドポイント', 'Endpoints')}</h2>
      <div class="table-wrap">
        <table>
          <caption>{tr(prefs, 'すべて GET、パスは /api/v1 から', 'All GET, paths relative to /api/v1')}</caption>
          <thead>
            <tr>
              <th scope="col">{tr(prefs, 'パス', 'Path')}</th>
              <th scope="col">{tr(prefs, '内容', 'What')}</th>
              <th scope="col">{tr(prefs, 'クエリパラメータ', 'Query parameters')}</th>
            </tr>
          </thead>
          <tbody>
            {paths.map(([p, op]) => (
              <tr>
                <th scope="row"><code>{p}</code></th>
                <td>{op.get.summary}</td>
                <td>
                  {(op.get.parameters ?? [])
                    .filter((x) => x.in === 'query')
                    .map((x) => (
                      <div>
                        <code>{x.name}</code> {x.description ?? ''}
                      </div>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="examples">{tr(prefs, '例', 'Examples')}</h2>
      <pre>
        <code>{[
          `curl /api/v1/plans`,
          `curl /api/v1/plans/${slug}/summary`,
          `curl "/api/v1/plans/${slug}/items?level=4&limit=50"`,
          `curl "/api/v1/plans/${slug}/ratings?fiscalYear=R4&code=B"`,
          `curl "/api/v1/search?q=マイナンバー"`,
        ].join('\n')}</code>
      </pre>
      <h2 id="problems">{tr(prefs, 'エラーの種類', 'Problem types')}</h2>
      <dl>
        <dt id="problem-invalid-parameter"><code>invalid-parameter</code> (400)</dt>
        <dd>{tr(prefs, 'パラメータの名前・形式・値の範囲が不正です。parameter に該当する名前が入ります。', 'A query parameter is unknown, repeated or malformed; `parameter` names it.')}</dd>
        <dt id="problem-not-found"><code>not-found</code> (404)</dt>
        <dd>{tr(prefs, '計画・項目・パスがありません（未公表の計画も含む）。', 'No such plan, item or path (unpublished plans included).')}</dd>
        <dt id="problem-method-not-allowed"><code>method-not-allowed</code> (405)</dt>
        <dd>{tr(prefs, '読み取り専用のため GET 以外は使えません。', 'The API is read-only.')}</dd>
        <dt id="problem-server-error"><code>server-error</code> (500)</dt>
        <dd>{tr(prefs, 'サーバー側の問題です。', 'A server-side fault.')}</dd>
      </dl>
    </PortalLayout>
  );
}
