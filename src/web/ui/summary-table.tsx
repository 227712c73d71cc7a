/** The per-year table of rating counts and achievement rate, as the plan and portal pages show it. */
import { fiscalYearLabel } from '../../fiscal/fiscal-year.js';
import { t } from '../i18n.js';
import type { Preferences } from '../preferences.js';
import { formatRate } from './format.js';
import { YearRow } from './year-row.js';

export interface SummaryYear {
  fiscalYear: number;
  /** computed: counted from stored ratings; reported: only the published figure exists. */
  source: 'computed' | 'reported';
  counts: Readonly<Record<string, number>>;
  total: number;
  achievementRate: number | null;
}

export interface SummaryScaleCode {
  code: string;
  criteria: string;
}

export interface SummaryTableProps {
  years: readonly SummaryYear[];
  scale: readonly SummaryScaleCode[];
  prefs: Preferences;
  caption?: string;
}

export function SummaryTable({ years, scale, prefs, caption }: SummaryTableProps) {
  const lang = prefs.lang;
  const hasReported = years.some((y) => y.source === 'reported');
  return (
    <div class="table-wrap">
      <table class="summary">
        <caption>{caption ?? t(lang, 'summaryCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'rating')}</th>
            {years.map((y) => (
              <th scope="col" class="num">
                {fiscalYearLabel(y.fiscalYear, prefs.era)}
                {y.source === 'reported' && (
                  <>
                    <br />
                    <span class="badge">{t(lang, 'reportedOnly')}</span>
                  </>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {scale.map((c) => (
            <YearRow head={c.code} title={c.criteria} years={years} value={(y) => y.counts[c.code] ?? 0} />
          ))}
          <YearRow head={t(lang, 'total')} years={years} value={(y) => y.total} />
          <YearRow head={t(lang, 'achievementRate')} years={years} value={(y) => formatRate(y.achievementRate)} />
        </tbody>
      </table>
      {hasReported && <p class="note">{t(lang, 'reportedNote')}</p>}
    </div>
  );
}
