/** Items of the primary rated tier not achieved for three or more consecutive years. */
import { fiscalYearLabel } from '../../fiscal/fiscal-year.js';
import type { Preferences } from '../../web/preferences.js';
import { DataTable } from '../../web/ui/data-table.js';
import type { StagnantItem } from '../../analysis/stagnation.js';
import { pt } from '../messages.js';
import { planWords, stagnationOf } from '../portal-stats.js';
import type { PublicDataset } from '../public-data.js';
import { portalUrls } from '../urls.js';
import { DownloadLinks } from './download-links.js';
import { href } from './format.js';
import { PlanPortalPage } from './plan-portal-page.js';

export function StagnationPage({ data, prefs, path }: { data: PublicDataset; prefs: Preferences; path: string }) {
  const lang = prefs.lang;
  const slug = data.plan.slug;
  const stagnant = stagnationOf(data);
  const words = planWords(data);
  return (
    <PlanPortalPage data={data} prefs={prefs} path={path} title={pt(lang, 'stagnantTitle', words)} heading={pt(lang, 'stagnantHeading', words)}>
      <p>{pt(lang, 'stagnantIntro', words)}</p>
      {stagnant.length === 0 ? (
        <p>{pt(lang, 'none', words)}</p>
      ) : (
        <DataTable<StagnantItem>
          caption={pt(lang, 'stagnantCaption', { ...words, count: stagnant.length })}
          rows={stagnant}
          columns={[
            { header: words.tier, rowHeader: true, cell: (s) => <a href={href(prefs, portalUrls.item(slug, s.itemCode))}>{s.name}</a> },
            {
              header: pt(lang, 'years'),
              cell: (s) => `${fiscalYearLabel(s.longest.fromFiscalYear, prefs.era)}〜${fiscalYearLabel(s.longest.toFiscalYear, prefs.era)}`,
            },
            { header: pt(lang, 'yearCount'), numeric: true, cell: (s) => s.longest.years },
            { header: pt(lang, 'ratingsTrend'), cell: (s) => s.longest.codes.join(' → ') },
            { header: pt(lang, 'status'), cell: (s) => (s.ongoing ? pt(lang, 'ongoing') : pt(lang, 'resolved')) },
          ]}
        />
      )}
      <DownloadLinks slug={slug} table="stagnation" prefs={prefs} />
    </PlanPortalPage>
  );
}
