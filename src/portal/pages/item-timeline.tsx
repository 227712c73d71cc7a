/**
 * An item's year-by-year story: each year's rating, then every text of that year once,
 * under its own heading — the department's 進捗状況 / 課題 / 今後の方向性, the reviewing
 * division's opinion, the expert's opinion. A rating's reason that was also published as
 * the department's progress paragraph is shown once.
 */
import type { Preferences } from '../../web/preferences.js';
import { pt } from '../messages.js';
import type { PublicDataset, PublicItem, PublicNarrative } from '../public-data.js';
import { roleLabel, yearLong } from './format.js';

const ROLE_ORDER = { department: 0, division: 1, expert: 2 } as const;
const KIND_ORDER = { progress: 0, issues: 1, direction: 2, opinion: 3 } as const;
const KIND_KEYS = { progress: 'kindProgress', issues: 'kindIssues', direction: 'kindDirection', opinion: 'kindProgress' } as const;

interface TimelineText {
  heading: string;
  /** What the text is about when it is not the item itself (its program, measure, pillar, the plan). */
  about: string | undefined;
  body: string;
}

/** The heading a text stands under: the department's by kind, the opinions by who wrote them. */
export function narrativeHeading(n: Pick<PublicNarrative, 'authorRole' | 'kind'>, prefs: Preferences, data: Pick<PublicDataset, 'roleNames'>): string {
  if (n.authorRole !== 'department') return roleLabel(n.authorRole, prefs, data);
  return pt(prefs.lang, 'departmentText', { kind: pt(prefs.lang, KIND_KEYS[n.kind]), department: roleLabel('department', prefs, data) });
}

/** The texts of one year in reading order, each once. */
export function textsOfYear(
  data: PublicDataset,
  item: PublicItem,
  narratives: readonly PublicNarrative[],
  reason: string | null | undefined,
  prefs: Preferences,
): TimelineText[] {
  const sorted = [...narratives].sort(
    (a, b) => ROLE_ORDER[a.authorRole] - ROLE_ORDER[b.authorRole] || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.position - b.position,
  );
  const texts: TimelineText[] = [];
  const seen = new Set<string>();
  const add = (text: TimelineText) => {
    const key = `${text.heading}\u0000${text.body.trim()}`;
    if (seen.has(key)) return;
    seen.add(key);
    texts.push(text);
  };
  const progress = narrativeHeading({ authorRole: 'department', kind: 'progress' }, prefs, data);
  // The rating's own reason comes first; the same paragraph published as a narrative is not repeated.
  if (reason?.trim()) add({ heading: progress, about: undefined, body: reason });
  for (const n of sorted) {
    const target = n.itemCode ? data.itemsByCode.get(n.itemCode) : undefined;
    const about = n.itemCode === item.code ? undefined : target ? `${target.tierName}：${target.name}` : pt(prefs.lang, 'wholePlan');
    add({ heading: narrativeHeading(n, prefs, data), about, body: n.body });
  }
  return texts;
}

export function ItemTimeline({ data, item, narratives, prefs }: { data: PublicDataset; item: PublicItem; narratives: PublicNarrative[]; prefs: Preferences }) {
  const lang = prefs.lang;
  const years = [...new Set([...item.ratings.map((r) => r.fiscalYear), ...narratives.map((n) => n.fiscalYear)])].sort((a, b) => b - a);
  if (years.length === 0 || narratives.length + item.ratings.filter((r) => r.reason).length === 0) {
    return <p>{pt(lang, 'noPublishedNarratives')}</p>;
  }
  return (
    <ol class="timeline">
      {years.map((fy) => {
        const rating = item.ratings.find((r) => r.fiscalYear === fy);
        const texts = textsOfYear(
          data,
          item,
          narratives.filter((n) => n.fiscalYear === fy),
          rating?.reason,
          prefs,
        );
        if (texts.length === 0) return null;
        return (
          <li>
            <h3>
              {yearLong(fy, prefs)}
              {rating && (
                <>
                  {' — '}
                  {pt(lang, 'ratingPrefix')}
                  {rating.code}
                  {rating.marks.join('')}
                </>
              )}
            </h3>
            {texts.map((text) => (
              <section class="narrative">
                <h4>{text.heading}</h4>
                {text.about && <p class="who">{text.about}</p>}
                <p>{text.body}</p>
              </section>
            ))}
          </li>
        );
      })}
    </ol>
  );
}
