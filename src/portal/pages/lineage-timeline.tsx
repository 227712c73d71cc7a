/** The item's ratings across plans: one row group per plan's item, the boundary between plans marked. */
import { fiscalYearLabel } from '../../fiscal/fiscal-year.js';
import type { Preferences } from '../../web/preferences.js';
import { RatingText } from '../../web/ui/rating-text.js';
import type { TimelineSegment } from '../lineage-timeline.js';
import { pt } from '../messages.js';
import { portalUrls } from '../urls.js';
import { href } from './format.js';

const KIND_KEYS = {
  carried_over: 'lineageCarried',
  merged_into: 'lineageMerged',
  split_into: 'lineageSplit',
  ended: 'lineageEnded',
  new: 'lineageNew',
} as const;

export function LineageTimeline({ segments, prefs }: { segments: readonly TimelineSegment[]; prefs: Preferences }) {
  const lang = prefs.lang;
  return (
    <div class="table-wrap">
      <table class="lineage">
        <caption>{pt(lang, 'lineageCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{pt(lang, 'lineageYear')}</th>
            <th scope="col">{pt(lang, 'lineageRating')}</th>
          </tr>
        </thead>
        {segments.map((s, i) => (
          <tbody>
            <tr class={i > 0 && segments[i - 1]!.planSlug !== s.planSlug ? 'boundary' : undefined}>
              <th scope="rowgroup" colSpan={2}>
                {i > 0 && segments[i - 1]!.planSlug !== s.planSlug && <strong>{pt(lang, 'lineageBoundary')} </strong>}
                {s.planName}：{s.relation === 'self' ? s.itemName : <a href={href(prefs, portalUrls.item(s.planSlug, s.itemCode))}>{s.itemName}</a>}
                {s.kind && `（${pt(lang, KIND_KEYS[s.kind])}）`}
              </th>
            </tr>
            {s.ratings.map((r) => (
              <tr>
                <th scope="row">{fiscalYearLabel(r.fiscalYear, prefs.era)}</th>
                <td>
                  <RatingText cell={r} />
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
