/** One department's items of the primary rated tier and their ratings. */
import type { Preferences } from '../../web/preferences.js';
import { pt } from '../messages.js';
import { primaryTierName, ratedItems, ratedTierNames, type PublicDataset, type PublicDepartment } from '../public-data.js';
import { portalUrls } from '../urls.js';
import { DownloadLinks } from './download-links.js';
import { href } from './format.js';
import { AnnotationNote, LeafTable } from './leaf-table.js';
import { PlanPortalPage } from './plan-portal-page.js';

export function DepartmentPage({ data, department, prefs, path }: { data: PublicDataset; department: PublicDepartment; prefs: Preferences; path: string }) {
  const lang = prefs.lang;
  const slug = data.plan.slug;
  const leaves = ratedItems(data).filter((l) => l.departmentId === department.id);
  return (
    <PlanPortalPage data={data} prefs={prefs} path={path} title={department.name} heading={`${department.name}${department.demo ? pt(lang, 'demoMark') : ''}`}>
      <p>
        <a href={href(prefs, portalUrls.departments(slug))}>{pt(lang, 'allDepartments')}</a>
      </p>
      <AnnotationNote data={data} prefs={prefs} />
      <LeafTable data={data} leaves={leaves} caption={pt(lang, 'departmentSubItems', { name: department.name, tier: primaryTierName(data) })} prefs={prefs} />
      <DownloadLinks slug={slug} table={`ratings/department-${department.id}`} prefs={prefs} tier={ratedTierNames(data)} />
    </PlanPortalPage>
  );
}
