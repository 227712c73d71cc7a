/**
 * The human-readable page about the Web API: what it offers, how to call it, the
 * licence. The portal publishes it (it lives at the portal's `/api` link and in the
 * static export); the endpoints come from the API's OpenAPI document.
 */
import { buildOpenApiDocument } from '../../api/openapi.js';
import type { Preferences } from '../../web/preferences.js';
import { DataTable } from '../../web/ui/data-table.js';
import { LICENSE } from '../downloads.js';
import { pt, type PortalMessageKey } from '../messages.js';
import { PortalLayout } from './portal-layout.js';

type Operation = { get: { summary: string; parameters?: { name: string; in: string; description?: string }[] } };

const PROBLEM_TYPES: { slug: string; status: number; key: PortalMessageKey }[] = [
  { slug: 'invalid-parameter', status: 400, key: 'apiProblemInvalidParameter' },
  { slug: 'not-found', status: 404, key: 'apiProblemNotFound' },
  { slug: 'method-not-allowed', status: 405, key: 'apiProblemMethodNotAllowed' },
  { slug: 'server-error', status: 500, key: 'apiProblemServerError' },
];

function ProblemTypes({ prefs }: { prefs: Preferences }) {
  return (
    <dl>
      {PROBLEM_TYPES.map((p) => (
        <>
          <dt id={`problem-${p.slug}`}>
            <code>{p.slug}</code> ({p.status})
          </dt>
          <dd>{pt(prefs.lang, p.key)}</dd>
        </>
      ))}
    </dl>
  );
}

export function ApiDocPage({ prefs, path, exampleSlug }: { prefs: Preferences; path: string; exampleSlug: string | undefined }) {
  const lang = prefs.lang;
  const doc = buildOpenApiDocument();
  const slug = exampleSlug ?? 'PLAN';
  const paths = Object.entries(doc.paths) as [string, Operation][];
  return (
    <PortalLayout title="Web API" prefs={prefs} path={path}>
      <h1>{pt(lang, 'apiHeading')}</h1>
      <p>{pt(lang, 'apiIntro')}</p>
      <ul>
        <li>
          {pt(lang, 'apiOpenApi')}
          <a href="/api/v1/openapi.json">
            <code>/api/v1/openapi.json</code>
          </a>
        </li>
        <li>{pt(lang, 'apiStableIds')}</li>
        <li>{pt(lang, 'apiCursors')}</li>
        <li>{pt(lang, 'apiEtag')}</li>
        <li>{pt(lang, 'apiErrors')}</li>
        <li>
          {pt(lang, 'apiLicence')}
          <a href={LICENSE.url} rel="license">
            CC BY 4.0
          </a>
          {pt(lang, 'apiLicenceCompatibility', { compatibility: LICENSE.compatibility })}
        </li>
      </ul>
      <h2 id="endpoints">{pt(lang, 'apiEndpoints')}</h2>
      <DataTable<[string, Operation]>
        caption={pt(lang, 'apiEndpointsCaption')}
        rows={paths}
        columns={[
          { header: pt(lang, 'apiPath'), rowHeader: true, cell: ([p]) => <code>{p}</code> },
          { header: pt(lang, 'apiWhat'), cell: ([, op]) => op.get.summary },
          {
            header: pt(lang, 'apiQueryParameters'),
            cell: ([, op]) =>
              (op.get.parameters ?? [])
                .filter((x) => x.in === 'query')
                .map((x) => (
                  <div>
                    <code>{x.name}</code> {x.description ?? ''}
                  </div>
                )),
          },
        ]}
      />
      <h2 id="examples">{pt(lang, 'apiExamples')}</h2>
      <pre>
        <code>
          {[
            `curl /api/v1/plans`,
            `curl /api/v1/plans/${slug}/summary`,
            `curl "/api/v1/plans/${slug}/items?level=4&limit=50"`,
            `curl "/api/v1/plans/${slug}/ratings?fiscalYear=R4&code=B"`,
            `curl "/api/v1/search?q=マイナンバー"`,
          ].join('\n')}
        </code>
      </pre>
      <h2 id="problems">{pt(lang, 'apiProblemTypes')}</h2>
      <ProblemTypes prefs={prefs} />
    </PortalLayout>
  );
}
