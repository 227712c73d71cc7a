/**
 * The table of contents after the cover: the guide, the plan-wide part, the sections
 * of the top two tiers (the sample's pillars and measures), the closing sections, each a link to its heading. The PDF fills
 * in page numbers (report-pdf.ts reads them from a first printing), keyed by the
 * heading's id; without them the entries are links only.
 */
import { t } from '../../messages.js';
import { type ReportModel, sectionNodes } from '../../report-model.js';
import { anchorOf } from './detail.js';

export interface TocEntry {
  /** The id of the heading it leads to. */
  id: string;
  label: string;
  level: 1 | 2;
}

export function tocEntries(model: ReportModel): TocEntry[] {
  // The top two tiers that print sections: the sample's pillars and measures.
  const sections = sectionNodes(model).filter((n) => n.level <= 2);
  return [
    { id: 'sec-guide', label: model.guideHeading, level: 1 },
    ...outputEntries(model, 'before-plan'),
    { id: 'sec-plan-opinion', label: model.planOpinion.scopeLabel, level: 1 },
    ...outputEntries(model, 'after-plan'),
    ...sections.map((n): TocEntry => ({ id: anchorOf(n.code), label: `${n.tierName}　${n.name}`, level: n.level === 1 ? 1 : 2 })),
    ...model.closing.map((s): TocEntry => ({ id: `sec-${s.key}`, label: s.heading, level: 1 })),
  ];
}

/** The outputs part's own sections (render/html/outputs.tsx), where the model has them. */
function outputEntries(model: ReportModel, where: 'before-plan' | 'after-plan'): TocEntry[] {
  const o = model.outputs;
  if (!o) return [];
  if (where === 'before-plan') return o.rule || o.extension ? [{ id: 'sec-rule', label: t('ja', 'ruleHeading'), level: 1 }] : [];
  return [
    ...(o.directionCounts.length > 0 ? [{ id: 'sec-directions', label: t('ja', 'directionHeading'), level: 1 as const }] : []),
    ...(o.costs ? [{ id: 'sec-costs', label: t('ja', 'costHeading'), level: 1 as const }] : []),
  ];
}

export function TableOfContents({ model, pages }: { model: ReportModel; pages?: ReadonlyMap<string, number> | undefined }) {
  return (
    <nav class="toc" aria-labelledby="toc-heading">
      <h2 id="toc-heading" class="toc-heading">
        {t('ja', 'toc')}
      </h2>
      <ol>
        {tocEntries(model).map((e) => (
          <li class={`toc-${e.level}`}>
            <a href={`#${e.id}`}>
              <span class="toc-label">{e.label}</span>
              {pages && <span class="toc-page">{pages.get(e.id) ?? ''}</span>}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
