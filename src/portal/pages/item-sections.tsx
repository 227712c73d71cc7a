/** The item page's middle: a rated item's ratings by year, or a node's contents and the rated items under it. */
import type { Preferences } from '../../web/preferences.js';
import { DataTable } from '../../web/ui/data-table.js';
import { ratingClass } from '../../web/ui/rating-text.js';
import { pt } from '../messages.js';
import { primaryTierName, ratedItems, ratedTierNames, scaleOfLevel, type PublicDataset, type PublicItem, type PublicRating } from '../public-data.js';
import { DownloadLinks } from './download-links.js';
import { yearLong } from './format.js';
import { ItemLink } from './item-link.js';
import { AnnotationNote, LeafTable } from './leaf-table.js';

/** The item's own ratings, on its tier's scale; `download` adds the links to its subtree's file. */
export function LeafRatings({ data, item, prefs, download = true }: { data: PublicDataset; item: PublicItem; prefs: Preferences; download?: boolean }) {
  const lang = prefs.lang;
  const labels = new Map(scaleOfLevel(data, item.level).map((c) => [c.code, c.label]));
  const meanings = new Map(data.annotationKinds.map((a) => [a.mark, a.meaning]));
  return (
    <>
      <h2 id="ratings">{pt(lang, 'itemRatingsByYear')}</h2>
      <DataTable<PublicRating>
        caption={pt(lang, 'itemRatingsCaption', { name: item.name })}
        rows={item.ratings}
        columns={[
          { header: pt(lang, 'fiscalYear'), rowHeader: true, cell: (r) => yearLong(r.fiscalYear, prefs) },
          { header: pt(lang, 'rating'), cellClass: (r) => `rating ${ratingClass(r.code)}`, cell: (r) => `${r.code}${r.marks.join('')}` },
          { header: pt(lang, 'ratingMeaning'), cell: (r) => labels.get(r.code) ?? '' },
          { header: pt(lang, 'annotation'), cell: (r) => r.marks.map((m) => `${m} ${meanings.get(m) ?? ''}`).join('　') },
        ]}
      />
      {item.ratings.length === 0 && <p>{pt(lang, 'noPublishedRatings')}</p>}
      {download && <DownloadLinks slug={data.plan.slug} table={`ratings/item-${item.code}`} prefs={prefs} tier={ratedTierNames(data)} />}
    </>
  );
}

export function NodeContents({ data, item, prefs }: { data: PublicDataset; item: PublicItem; prefs: Preferences }) {
  const lang = prefs.lang;
  const slug = data.plan.slug;
  const tier = primaryTierName(data);
  const under = ratedItems(data).filter((l) => l.ancestorCodes.includes(item.code));
  return (
    <>
      <h2 id="children">{pt(lang, 'contents', { tier: item.tierName })}</h2>
      <ul>
        {item.childCodes.map((c) => (
          <li>
            <ItemLink slug={slug} item={data.itemsByCode.get(c)!} prefs={prefs} />
          </li>
        ))}
      </ul>
      {under.length > 0 && (
        <>
          <h2 id={item.ratings.length > 0 ? 'rated-items' : 'ratings'}>{pt(lang, 'subItemRatings', { tier })}</h2>
          <AnnotationNote data={data} prefs={prefs} />
          <LeafTable data={data} leaves={under} caption={pt(lang, 'subItemsOf', { name: item.name, tier })} prefs={prefs} />
        </>
      )}
      <DownloadLinks slug={slug} table={`ratings/item-${item.code}`} prefs={prefs} tier={ratedTierNames(data)} />
    </>
  );
}
