/** Which pages make the static site, in the order they are written: the same components as the live portal. */
import type { PublicDataset, PublicPlanRef } from '../public-data.js';
import type { PageSpec } from '../static-export.js';
import { PORTAL, portalUrls } from '../urls.js';
import { ApiDocPage } from './api-page.js';
import { DepartmentPage } from './department-page.js';
import { DepartmentsPage } from './departments-page.js';
import { ChangesPage } from './changes-page.js';
import { crossPlanTimeline } from '../lineage-timeline.js';
import { publicComparableYears, publicYearChanges } from '../changes-table.js';
import { DownloadsPage } from './downloads-page.js';
import { PortalHomePage } from './home-page.js';
import { ItemPage } from './item-page.js';
import { PlanHomePage } from './plan-home-page.js';
import { StagnationPage } from './stagnation-page.js';
import { StaticSearchPage } from './static-search-page.js';

function pagesOf(data: PublicDataset, all: readonly PublicDataset[]): PageSpec[] {
  const other = (slug: string) => all.find((d) => d.plan.slug === slug);
  const slug = data.plan.slug;
  const pages: PageSpec[] = [
    { path: portalUrls.plan(slug), render: (prefs) => <PlanHomePage data={data} prefs={prefs} path={portalUrls.plan(slug)} /> },
    { path: portalUrls.departments(slug), render: (prefs) => <DepartmentsPage data={data} prefs={prefs} path={portalUrls.departments(slug)} /> },
    { path: portalUrls.stagnation(slug), render: (prefs) => <StagnationPage data={data} prefs={prefs} path={portalUrls.stagnation(slug)} /> },
    { path: portalUrls.downloads(slug), render: (prefs) => <DownloadsPage data={data} prefs={prefs} path={portalUrls.downloads(slug)} /> },
  ];
  const years = publicComparableYears(data);
  const latest = years[years.length - 1];
  const changesPage = (path: string, fy: number | undefined): PageSpec => ({
    path,
    render: (prefs) => <ChangesPage data={data} changes={fy === undefined ? undefined : publicYearChanges(data, fy)} years={years} prefs={prefs} path={path} />,
  });
  pages.push(changesPage(portalUrls.changes(slug), latest), ...years.map((fy) => changesPage(portalUrls.changes(slug, fy), fy)));
  for (const item of data.items) {
    const path = portalUrls.item(slug, item.code);
    const across = crossPlanTimeline(data, item, other);
    pages.push({ path, render: (prefs) => <ItemPage data={data} item={item} prefs={prefs} path={path} across={across} /> });
  }
  for (const department of data.departments) {
    const path = portalUrls.department(slug, department.id);
    pages.push({ path, render: (prefs) => <DepartmentPage data={data} department={department} prefs={prefs} path={path} /> });
  }
  return pages;
}

export function sitePages(plans: PublicPlanRef[], datasets: PublicDataset[]): PageSpec[] {
  return [
    { path: PORTAL, render: (prefs) => <PortalHomePage plans={plans} prefs={prefs} path={PORTAL} /> },
    { path: '/api', render: (prefs) => <ApiDocPage prefs={prefs} path="/api" exampleSlug={plans[0]?.slug} /> },
    { path: portalUrls.search(), render: (prefs) => <StaticSearchPage datasets={datasets} prefs={prefs} path={portalUrls.search()} /> },
    ...datasets.flatMap((d) => pagesOf(d, datasets)),
  ];
}
