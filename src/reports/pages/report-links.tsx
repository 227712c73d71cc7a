/** Links to one round's reports, in every format. */
import type { RoundKind } from '../../evaluations/round-kinds.js';
import { withPreference } from '../../web/layout.js';
import type { Preferences } from '../../web/preferences.js';
import { longYear } from '../labels.js';
import { FORMAT_LABELS, t } from '../messages.js';
import { roundKindLabel } from '../../evaluations/round-kinds.js';
import type { ReportRoundSummary } from '../report-queries.js';
import { reportListPath } from '../report-urls.js';
import { REPORT_FORMATS, type ReportFormat } from '../render-report.js';

export function reportHref(slug: string, fiscalYear: number, kind: RoundKind, prefs: Preferences, format?: ReportFormat): string {
  const base = withPreference(`${reportListPath(slug)}/${fiscalYear}${format ? `.${format}` : ''}`, prefs, {});
  return `${base}${base.includes('?') ? '&' : '?'}kind=${kind}`;
}

/** "令和4年度（最終評価）" in the reader's era style. */
export const roundTitle = (round: Pick<ReportRoundSummary, 'fiscalYear' | 'kind'>, prefs: Preferences) =>
  `${longYear(round.fiscalYear, prefs.era)}（${roundKindLabel(round.kind)}）`;

/** Links to one round's report in every format. */
export function ReportFormatLinks({ slug, round, prefs }: { slug: string; round: Pick<ReportRoundSummary, 'fiscalYear' | 'kind'>; prefs: Preferences }) {
  const label = roundTitle(round, prefs);
  return (
    <ul class="report-formats" aria-label={`${label} ${t(prefs.lang, 'downloads')}`}>
      {REPORT_FORMATS.map((f) => (
        <li>
          <a href={reportHref(slug, round.fiscalYear, round.kind, prefs, f)} download="">
            {FORMAT_LABELS[f]}
            <span class="visually-hidden">{` ${label}`}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
