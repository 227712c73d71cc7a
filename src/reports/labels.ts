/** Year and number labels of the generated report, following the reader's 和暦/西暦 choice. */
import { fiscalYearLabel, type EraStyle } from '../fiscal/fiscal-year.js';
import { fill } from '../web/messages.js';
import { DEFAULT_HEADINGS } from './messages.js';
import type { ReportModel } from './report-model.js';

/** H30 / R元 / R4, or 2018 / 2019 / 2022. */
export function shortYear(fy: number, era: EraStyle): string {
  return fiscalYearLabel(fy, era, 'short');
}

/** A summary year's label: as the imported report printed it ("R1") when read in 和暦, else shortYear. */
export function summaryYearLabel(y: { fiscalYear: number; printedLabel?: string | null }, era: EraStyle): string {
  return era === 'wareki' && y.printedLabel ? y.printedLabel : shortYear(y.fiscalYear, era);
}

/** 令和4年度, or 2022年度. */
export function longYear(fy: number, era: EraStyle): string {
  return fiscalYearLabel(fy, era, 'long');
}

export { formatRate } from '../evaluations/summary.js';

/** "表：平成29～令和4年度の各事業の評価" (or "2017～2022年度"). */
export function summaryCaption(model: ReportModel, era: EraStyle): string {
  const years = model.summary.years.map((y) => y.fiscalYear);
  const from = years[0] ?? model.round.untilFiscalYear;
  const to = years[years.length - 1] ?? model.round.untilFiscalYear;
  return fill(DEFAULT_HEADINGS.summaryTableCaption, { from: longYear(from, era).replace(/年度$/, ''), to: longYear(to, era) });
}

/** "令和4年度 茅ヶ崎市地域情報化計画 事務事業進捗状況評価結果報告書（最終評価）": the document's title. */
export function reportDocumentTitle(model: ReportModel, era: EraStyle): string {
  return `${longYear(model.round.fiscalYear, era)} ${model.title.planName} ${model.title.reportTitle}（${model.title.kindLabel}）`;
}
