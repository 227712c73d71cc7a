/** The title page of the report. */
import type { EraStyle } from '../../../fiscal/fiscal-year.js';
import { longYear } from '../../labels.js';
import type { ReportModel } from '../../report-model.js';

export function Cover({ model, era }: { model: ReportModel; era: EraStyle }) {
  const t = model.title;
  return (
    <header class="title-page">
      <p class="year">{longYear(model.round.fiscalYear, era)}</p>
      <h1>
        <span>{t.planName}</span>
        <span>{t.reportTitle}</span>
      </h1>
      <p class="kind">（{t.kindLabel}）</p>
    </header>
  );
}
