/** One item of the plan, of any tier: its facts, its ratings when its tier is rated, what it contains, its narratives. */
import type { Preferences } from '../../web/preferences.js';
import { pt } from '../messages.js';
import { narrativesAbout, type PublicDataset, type PublicItem } from '../public-data.js';
import { portalUrls } from '../urls.js';
import { href, yearLong } from './format.js';
import { LeafRatings, NodeContents } from './item-sections.js';
import { ItemTimeline } from './item-timeline.js';
import type { TimelineSegment } from '../lineage-timeline.js';
import { LineageTimeline } from './lineage-timeline.js';
import { PlanPortalPage } from './plan-portal-page.js';
import { ItemOutputs } from './item-outputs.js';

function ItemFacts({ data, item, prefs }: { data: PublicDataset; item: PublicItem; prefs: Preferences }) {
  const lang = prefs.lang;
  return (
    <dl class="facts">
      <dt>{pt(lang, 'code')}</dt>
      <dd>{item.code}</dd>
      {item.departmentName && (
        <>
          <dt>{pt(lang, 'department')}</dt>
          <dd>
            <a href={href(prefs, portalUrls.department(data.plan.slug, item.departmentId!))}>{item.departmentName}</a>
            {data.departments.find((d) => d.id === item.departmentId)?.demo && pt(lang, 'demoMark')}
          </dd>
        </>
      )}
      {item.endedFromFiscalYear !== null && (
        <>
          <dt>{pt(lang, 'ended')}</dt>
          <dd>{yearLong(item.endedFromFiscalYear, prefs)}</dd>
        </>
      )}
    </dl>
  );
}

export function ItemPage({
  data,
  item,
  prefs,
  path,
  across = [],
}: {
  data: PublicDataset;
  item: PublicItem;
  prefs: Preferences;
  path: string;
  across?: readonly TimelineSegment[];
}) {
  const isLeaf = item.childCodes.length === 0;
  const isRated = item.ratings.length > 0 || data.tierSummaries.some((t) => t.level === item.level);
  const narratives = isLeaf ? narrativesAbout(data, item) : data.narratives.filter((n) => n.itemCode === item.code);
  return (
    <PlanPortalPage
      data={data}
      prefs={prefs}
      path={path}
      title={item.name}
      item={item}
      heading={
        <>
          <span class="badge">{item.tierName}</span> {item.name}
        </>
      }
    >
      <ItemFacts data={data} item={item} prefs={prefs} />
      {isRated && <LeafRatings data={data} item={item} prefs={prefs} download={isLeaf} />}
      {!isLeaf && <NodeContents data={data} item={item} prefs={prefs} />}
      {across.length > 0 && (
        <>
          <h2 id="across-plans">{pt(prefs.lang, 'lineageHeading')}</h2>
          <LineageTimeline segments={across} prefs={prefs} />
        </>
      )}
      <ItemOutputs data={data} item={item} prefs={prefs} />
      <h2 id="timeline">{pt(prefs.lang, 'timeline')}</h2>
      <ItemTimeline data={data} item={item} narratives={narratives} prefs={prefs} />
    </PlanPortalPage>
  );
}
