/** GET /plans/:slug/reports/:year — the report inside the app, with its downloads above the body. */
import { Layout, withPreference } from '../../web/layout.js';
import type { Preferences } from '../../web/preferences.js';
import { reportDocumentTitle } from '../labels.js';
import { t } from '../messages.js';
import { ReportDocument } from '../render/html/report-document.js';
import type { ReportModel } from '../report-model.js';
import { reportListPath } from '../report-urls.js';
import { ReportFormatLinks } from './report-links.js';

export function ReportPage({ model, prefs, path }: { model: ReportModel; prefs: Preferences; path: string }) {
  const slug = model.plan.slug;
  return (
    <Layout
      title={reportDocumentTitle(model, prefs.era)}
      prefs={prefs}
      path={path}
      nav={[
        { href: withPreference(`/plans/${encodeURIComponent(slug)}`, prefs, {}), label: model.plan.name },
        { href: withPreference(reportListPath(slug), prefs, {}), label: t(prefs.lang, 'reports') },
      ]}
    >
      <link rel="stylesheet" href="/reports/report.css" />
      <ReportDocument
        model={model}
        era={prefs.era}
        beforeBody={
          <nav class="downloads no-print" aria-label={t(prefs.lang, 'downloads')}>
            <p>{t(prefs.lang, 'downloads')}:</p>
            <ReportFormatLinks slug={slug} round={model.round} prefs={prefs} />
          </nav>
        }
      />
    </Layout>
  );
}
