/** The departments of a plan and how many sub-items each is responsible for. */
import type { Preferences } from '../../web/preferences.js';
import { DataTable } from '../../web/ui/data-table.js';
import { pt } from '../messages.js';
import { primaryTierName, type PublicDataset, type PublicDepartment } from '../public-data.js';
import { portalUrls } from '../urls.js';
import { DownloadLinks } from './download-links.js';
import { href } from './format.js';
import { PlanPortalPage } from './plan-portal-page.js';

export function DepartmentsPage({ data, prefs, path }: { data: PublicDataset; prefs: Preferences; path: string }) {
  const lang = prefs.lang;
  const slug = data.plan.slug;
  const tier = primaryTierName(data);
  return (
    <PlanPortalPage data={data} prefs={prefs} path={path} title={pt(lang, 'byDepartmentTitle')} heading={pt(lang, 'byDepartmentHeading', { tier })}>
      <DataTable<PublicDepartment>
        caption={pt(lang, 'departmentsCaption', { tier })}
        rows={data.departments}
        columns={[
          {
            header: pt(lang, 'department'),
            rowHeader: true,
            cell: (d) => (
              <>
                <a href={href(prefs, portalUrls.department(slug, d.id))}>{d.name}</a>
                {d.demo && pt(lang, 'demoMark')}
              </>
            ),
          },
          { header: pt(lang, 'subItems', { tier }), numeric: true, cell: (d) => d.subItemCount },
        ]}
      />
      {data.departments.length === 0 && <p>{pt(lang, 'noDepartments')}</p>}
      <DownloadLinks slug={slug} table="departments" prefs={prefs} />
    </PlanPortalPage>
  );
}
