/** Every downloadable table of a plan, the bulk zip, and the licence with an attribution example. */
import type { Preferences } from '../../web/preferences.js';
import { DataTable } from '../../web/ui/data-table.js';
import { LICENSE, allTables, attributionText, type TABLE_NAMES, type Table } from '../downloads.js';
import { pt, type PortalMessageKey } from '../messages.js';
import { planWords } from '../portal-stats.js';
import type { PublicDataset } from '../public-data.js';
import { portalUrls } from '../urls.js';
import { PlanPortalPage } from './plan-portal-page.js';
import { isOutputTableName, outputTableDescription } from '../indicator-downloads.js';
import { hasOutputs } from '../public-outputs.js';

const TABLE_DESCRIPTIONS: Record<(typeof TABLE_NAMES)[number], PortalMessageKey> = {
  summary: 'tableSummary',
  items: 'tableItems',
  ratings: 'tableRatings',
  narratives: 'tableNarratives',
  rounds: 'tableRounds',
  departments: 'tableDepartments',
  stagnation: 'tableStagnation',
  changes: 'tableChanges',
};

export function DownloadsPage({ data, prefs, path }: { data: PublicDataset; prefs: Preferences; path: string }) {
  const lang = prefs.lang;
  const slug = data.plan.slug;
  const words = planWords(data);
  return (
    <PlanPortalPage data={data} prefs={prefs} path={path} title={pt(lang, 'downloads')} heading={pt(lang, 'downloads')}>
      <p>{pt(lang, 'downloadsIntro')}</p>
      <p>
        <a href={portalUrls.data(slug, 'all.zip')} download>
          {pt(lang, 'downloadAll')}
        </a>
      </p>
      {hasOutputs(data.outputs) && (
        <p>
          <a href={portalUrls.data(slug, 'outputs.xlsx')} download>
            {pt(lang, 'outputsWorkbook')}
          </a>
        </p>
      )}
      <DataTable<Table>
        class="downloads"
        caption={pt(lang, 'availableTables')}
        rows={allTables(data)}
        columns={[
          { header: pt(lang, 'table'), rowHeader: true, cell: (t) => (lang === 'ja' ? t.titleJa : t.titleEn) },
          {
            header: pt(lang, 'content'),
            cell: (t) =>
              isOutputTableName(t.name) ? outputTableDescription(lang, t.name) : pt(lang, TABLE_DESCRIPTIONS[t.name as (typeof TABLE_NAMES)[number]], words),
          },
          { header: pt(lang, 'rows'), numeric: true, cell: (t) => t.rows.length },
          {
            header: 'CSV',
            cell: (t) => (
              <a href={portalUrls.data(slug, `${t.name}.csv`)} download>
                {`${t.name}.csv`}
              </a>
            ),
          },
          { header: 'JSON', cell: (t) => <a href={portalUrls.data(slug, `${t.name}.json`)}>{`${t.name}.json`}</a> },
        ]}
      />
      <h2 id="license">{pt(lang, 'licence')}</h2>
      <div class="license">
        <p>
          {pt(lang, 'licenceBefore')}
          <a href={LICENSE.url} rel="license">
            {LICENSE.name}
          </a>
          {pt(lang, 'licenceAfter', { compatibility: LICENSE.compatibility })}
        </p>
        <p>{pt(lang, 'attributionExample')}</p>
        <p>
          <code>{attributionText(data)}</code>
        </p>
      </div>
    </PlanPortalPage>
  );
}
