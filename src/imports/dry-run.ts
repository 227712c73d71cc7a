/**
 * What an import would store: tiers with their node counts, scales, fiscal years,
 * departments, warnings. `previewImportedPlan` gives it as data (the web preview renders
 * it); `describeImportedPlan` as the lines `hyoka import --dry-run` prints (nothing is
 * written) and after a real import, so the CLI and the web read the same.
 */
import { describePlace, countImportedPlan, countIndicatorFacts, type ImportedPlan, type IndicatorFactCounts, walkNodes } from './imported-plan.js';
import { crossCheckSummary } from '../evaluations/summary.js';
import { shortWareki } from '../fiscal/fiscal-year.js';
import { roundKindLabel } from '../evaluations/round-kinds.js';

export interface ImportPreview {
  planName: string;
  startFiscalYear: number;
  endFiscalYear: number;
  tiers: { name: string; count: number }[];
  scales: { name: string; tierName: string; codes: { code: string; label: string }[] }[];
  ratings: number;
  fiscalYears: number[];
  narratives: number;
  /** Indicators (with their targets and actuals), 今後の方向性 choices and costs. */
  indicatorFacts: IndicatorFactCounts;
  rounds: { fiscalYear: number; kind: ImportedPlan['rounds'][number]['kind'] }[];
  departments: string[];
  warnings: { place?: string; message: string }[];
}

/**
 * A source's own printed figures (a summary table) against the counts of its ratings:
 * each difference is a warning, so the preview shows what the CLI prints after a report import.
 */
export function summaryWarnings(plan: ImportedPlan): string[] {
  const warnings: string[] = [];
  for (const scale of plan.scales) {
    const reported = plan.reportedSummaries
      .filter((s) => s.scaleKey === scale.key)
      .flatMap((s) => Object.entries(s.counts).map(([code, count]) => ({ fiscalYear: s.fiscalYear, code, count })));
    if (!reported.length) continue;
    const facts = [...walkNodes(plan.nodes)].flatMap(({ node }) => node.ratings.filter((r) => r.scaleKey === scale.key));
    for (const m of crossCheckSummary(facts, reported, scale.codes)) {
      warnings.push(`公表された集計表と明細の件数が一致しません: ${shortWareki(m.fiscalYear)} ${m.code}: 集計表 ${m.reported}件 / 明細 ${m.computed}件`);
    }
  }
  return warnings;
}

export function previewImportedPlan(plan: ImportedPlan): ImportPreview {
  const counts = countImportedPlan(plan);
  return {
    planName: plan.plan.name,
    startFiscalYear: plan.plan.startFiscalYear,
    endFiscalYear: plan.plan.endFiscalYear,
    tiers: plan.tiers.map((name, i) => ({ name, count: counts.nodesPerTier[i] ?? 0 })),
    scales: plan.scales.map((s) => ({ name: s.name, tierName: plan.tiers[s.tierIndex] ?? '', codes: s.codes.map((c) => ({ code: c.code, label: c.label })) })),
    ratings: counts.ratings,
    fiscalYears: counts.fiscalYears,
    narratives: counts.narratives,
    indicatorFacts: countIndicatorFacts(plan),
    rounds: plan.rounds.map((r) => ({ fiscalYear: r.fiscalYear, kind: r.kind })),
    departments: plan.departments,
    warnings: [
      ...plan.warnings.map((w) => ({ ...(w.place ? { place: describePlace(w.place) } : {}), message: w.message })),
      ...summaryWarnings(plan).map((message) => ({ message })),
    ],
  };
}

export function describeImportedPlan(plan: ImportedPlan): string[] {
  const p = previewImportedPlan(plan);
  const lines = [`計画: ${p.planName}（${shortWareki(p.startFiscalYear)}〜${shortWareki(p.endFiscalYear)}）`];
  lines.push(`階層: ${p.tiers.map((t) => `${t.name} ${t.count}件`).join(' → ')}`);
  for (const s of p.scales)
    lines.push(
      `評価基準: ${s.name}（${s.tierName}を評価）: ${s.codes.map((c) => (c.label && c.label !== c.code ? `${c.code} ${c.label}` : c.code)).join(' / ')}`,
    );
  lines.push(`評価: ${p.ratings}件（年度: ${p.fiscalYears.map(shortWareki).join(', ') || 'なし'}）`);
  lines.push(`記述: ${p.narratives}件`);
  const f = p.indicatorFacts;
  if (f.indicators) lines.push(`指標: ${f.indicators}件（目標値 ${f.targets}件、実績値 ${f.actuals}件）`);
  if (f.directions) lines.push(`今後の方向性: ${f.directions}件`);
  if (f.costs) lines.push(`事業費: ${f.costs}件`);
  if (p.rounds.length) lines.push(`評価回: ${p.rounds.map((r) => `${shortWareki(r.fiscalYear)} ${roundKindLabel(r.kind)}`).join(', ')}`);
  if (p.departments.length) lines.push(`担当課: ${p.departments.length}課（${p.departments.join('、')}）`);
  for (const w of p.warnings) lines.push(`警告: ${w.place ? `${w.place}: ` : ''}${w.message}`);
  return lines;
}
