/** Small presentational pieces shared by the app, the portal and the reports. */
import { fiscalYearLabel } from '../fiscal/fiscal-year.js';
import { formatRate, type YearSummary, type ScaleCode } from '../evaluations/summary.js';
import type { RatingCell } from '../plans/plan-queries.js';
import { t } from './i18n.js';
import type { Preferences } from './preferences.js';

export { formatRate } from '../evaluations/summary.js';

export function ratingClass(code: string): string {
  return /^[A-Za-z]+$/.test(code) ? `r-${code}` : 'r-na';
}

export function RatingText({ cell }: { cell: RatingCell | undefined }) {
  if (!cell) return <span class="r-na">{''}</span>;
  return (
    <span class={ratingClass(cell.code)}>
      {cell.code}
      {cell.marks.join('')}
    </span>
  );
}

export function SummaryTable({ years, scale, prefs, caption }: { years: YearSummary[]; scale: ScaleCode[]; prefs: Preferences; caption?: string }) {
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
            <tr>
              <th scope="row" title={c.criteria}>{c.code}</th>
              {years.map((y) => (
                <td class="num">{y.counts[c.code] ?? 0}</td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">{t(lang, 'total')}</th>
            {years.map((y) => (
              <td class="num">{y.total}</td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t(lang, 'achievementRate')}</th>
            {years.map((y) => (
              <td class="num">{formatRate(y.achievementRate)}</td>
            ))}
          </tr>
        </tbody>
      </table>
      {hasReported && <p class="note">{t(lang, 'reportedNote')}</p>}
    </div>
  );
}
