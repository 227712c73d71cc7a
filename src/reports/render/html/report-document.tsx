/**
 * The report as HTML: one component tree used both as a page inside the app and as a
 * standalone file with its stylesheet inlined (the PDF is printed from the latter).
 * Text is always rendered as text by preact, so a narrative containing markup shows
 * the markup, never runs it.
 */
import type { ComponentChildren } from 'preact';
import type { EraStyle } from '../../../fiscal/fiscal-year.js';
import type { ReportModel } from '../../report-model.js';
import { Cover } from './cover.js';
import { NodeSection } from './detail.js';
import { Guide } from './guide.js';
import { Closing } from './opinions.js';
import { PlanSummary, SummaryTable } from './summary.js';
import { TableOfContents } from './toc.js';
import { InsightsSection, showsInsightsSection } from './insights-section.js';
import { OutputsSummary, RuleSection } from './outputs.js';

export interface DocumentOptions {
  /** Page numbers of the table of contents, by heading id (the PDF's second printing). */
  tocPages?: ReadonlyMap<string, number> | undefined;
}

/** The whole report, title page to closing, as an <article>. */
export function ReportDocument({
  model,
  era,
  beforeBody,
  options = {},
}: {
  model: ReportModel;
  era: EraStyle;
  beforeBody?: ComponentChildren;
  options?: DocumentOptions;
}) {
  return (
    <article class="report" lang="ja">
      <Cover model={model} era={era} />
      {beforeBody}
      <TableOfContents model={model} pages={options.tocPages} />
      <Guide model={model} summary={(place) => <SummaryTable model={model} era={era} caption={place.caption} />} />
      <RuleSection model={model} era={era} />
      <PlanSummary model={model} era={era} />
      <OutputsSummary model={model} era={era} />
      {showsInsightsSection(model) && <InsightsSection model={model} era={era} />}
      {model.nodes.map((n) => (
        <NodeSection model={model} node={n} era={era} />
      ))}
      <Closing sections={model.closing} />
    </article>
  );
}
