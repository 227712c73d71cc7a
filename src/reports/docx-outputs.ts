/**
 * The outputs part of the Word report (report-outputs.ts), as the HTML prints it: the rule
 * in words and the extension statement after the guide, 今後の方向性 counts and the plan's
 * cost totals after the plan-wide part, and under each detail table its items' indicator
 * tables, ratings against the rule's proposals, directions and costs. Nothing without data.
 */
import { HeadingLevel, Paragraph, type Table, TextRun } from 'docx';
import type { EraStyle } from '../fiscal/fiscal-year.js';
import { COST_FIELD_LABELS } from '../indicators/cost-rollup.js';
import { CONTENT_WIDTH, gridTable, heading, tableCaption } from './docx-parts.js';
import { longYear, shortYear } from './labels.js';
import { t } from './messages.js';
import { allNodes, outputNodesOf, type ReportModel, type ReportNode } from './report-model.js';
import { outputsOfItem, type ReportIndicator } from './report-outputs.js';

const line = (text: string, size?: number) => new Paragraph({ children: [new TextRun({ text, ...(size ? { size } : {}) })], spacing: { after: 60 } });

export function ruleParts(model: ReportModel, era: EraStyle): (Paragraph | Table)[] {
  const o = model.outputs;
  if (!o || (o.rule === null && o.extension === null)) return [];
  const names = new Map(allNodes(model).map((n) => [n.code, n.name]));
  const out: (Paragraph | Table)[] = [heading(t('ja', 'ruleHeading'), HeadingLevel.HEADING_2)];
  if (o.rule) {
    if (o.rule.name) out.push(line(t('ja', 'ruleName', { name: o.rule.name })));
    out.push(...o.rule.words.map((w) => new Paragraph({ children: [new TextRun(w)], bullet: { level: 0 } })));
  }
  if (o.extension) {
    out.push(
      line(t('ja', 'extensionNotReset', { end: longYear(o.extension.endFiscalYear, era), effectiveEnd: longYear(o.extension.effectiveEndFiscalYear, era) })),
    );
    for (const x of o.extension.notReset)
      out.push(
        new Paragraph({
          children: [
            new TextRun(
              t('ja', 'notResetItem', { item: names.get(x.itemCode) ?? x.itemCode, indicator: x.indicator, year: longYear(x.targetFiscalYear, era) }),
            ),
          ],
          bullet: { level: 0 },
        }),
      );
  }
  return out;
}

export function outputsSummaryParts(model: ReportModel, era: EraStyle): (Paragraph | Table)[] {
  const o = model.outputs;
  if (!o) return [];
  const out: (Paragraph | Table)[] = [];
  if (o.directionCounts.length > 0) {
    const years = o.directionCounts;
    const first = 2400;
    const rest = Math.floor((CONTENT_WIDTH - first) / Math.max(1, years.length));
    out.push(heading(t('ja', 'directionHeading'), HeadingLevel.HEADING_2), tableCaption(t('ja', 'directionCountsCaption')));
    out.push(
      gridTable(
        [t('ja', 'directionHead'), ...years.map((y) => shortYear(y.fiscalYear, era))],
        (years[0]?.counts ?? []).map((c, i) => [c.label, ...years.map((y) => String(y.counts[i]?.count ?? 0))]),
        [first, ...years.map(() => rest)],
      ),
    );
  }
  if (o.costs) {
    const costs = o.costs;
    const first = 2400;
    const rest = Math.floor((CONTENT_WIDTH - first) / Math.max(1, costs.plan.length));
    out.push(heading(t('ja', 'costHeading'), HeadingLevel.HEADING_2), tableCaption(t('ja', 'costTotalsCaption', { unit: costs.unit })));
    out.push(
      gridTable(
        [t('ja', 'costItemHead'), ...costs.plan.map((y) => shortYear(y.fiscalYear, era))],
        costs.fields.map((f) => [COST_FIELD_LABELS[f], ...costs.plan.map((y) => y.figures[f] ?? '')]),
        [first, ...costs.plan.map(() => rest)],
      ),
    );
  }
  return out;
}

function actualText(i: ReportIndicator): string {
  const a = i.year.actual;
  const own = a === null ? '' : a.notMeasurable ? t('ja', 'notMeasurable') : (a.value ?? '');
  return i.cumulative && i.year.comparedActual !== null ? `${own}${t('ja', 'cumulativeSum', { value: i.year.comparedActual })}` : own;
}

function indicatorTable(model: ReportModel, node: ReportNode, list: readonly ReportIndicator[], era: EraStyle): (Paragraph | Table)[] {
  const notes: string[] = [];
  const rows = list.map((i) => {
    const rs = i.year.target?.revisions ?? [];
    let mark = '';
    if (rs.length > 0) {
      const n = notes.length + 1;
      mark = t('ja', 'revisedMark', { n });
      for (const r of rs)
        notes.push(t('ja', 'revisionNote', { n, year: longYear(r.decidedFiscalYear, era), old: r.oldValue, new: r.newValue, reason: r.reason }));
    }
    return [
      `${i.name}${i.cumulative ? t('ja', 'cumulativeMark') : ''}`,
      i.unit,
      i.baseline ? t('ja', 'valueWithYear', { value: i.baseline.value, year: longYear(i.baseline.fiscalYear, era) }) : '',
      `${i.year.target ? t('ja', 'valueWithYear', { value: i.year.target.value, year: longYear(i.year.target.fiscalYear, era) }) : ''}${mark}`,
      actualText(i),
      i.year.achievementPercent === null ? '' : `${i.year.achievementPercent}%`,
      i.year.rule ? `${i.year.rule.code ?? ''} ${i.year.rule.explanation}`.trim() : '',
    ];
  });
  const widths = [2000, 600, 1300, 1500, 1000, 800];
  widths.push(CONTENT_WIDTH - widths.reduce((a, b) => a + b, 0));
  const head = ['indicatorHead', 'unitHead', 'baselineHead', 'targetHead', 'actualHead', 'achievementRate', 'ruleResultHead'] as const;
  return [
    tableCaption(t('ja', 'indicatorCaption', { name: node.name, year: longYear(model.outputs!.fiscalYear, era) })),
    gridTable(
      head.map((k) => t('ja', k)),
      rows,
      widths,
    ),
    ...notes.map((n) => line(n, 18)),
  ];
}

/** Under a detail table: for the table's node, its groups and rows, each one's indicators, rating against the proposal, direction and cost of the judged year. */
export function tableOutputParts(model: ReportModel, table: ReportNode, era: EraStyle): (Paragraph | Table)[] {
  const o = model.outputs;
  if (!o) return [];
  return outputNodesOf(model, table).flatMap((node) => {
    const mine = outputsOfItem(o, node.code);
    const out: (Paragraph | Table)[] = [];
    if (mine.indicators.length > 0) out.push(...indicatorTable(model, node, mine.indicators, era));
    const p = mine.proposal;
    const prefix = mine.indicators.length === 0 ? `${node.name}　` : '';
    if (p)
      out.push(
        line(
          prefix +
            (p.code === p.proposedCode
              ? t('ja', 'proposalFollowed', { code: p.code })
              : t('ja', 'proposalChanged', { code: p.code, proposed: p.proposedCode, reason: p.overrideReason ?? '' })),
        ),
      );
    if (mine.direction)
      out.push(
        line(`${p ? '' : prefix}${t('ja', 'directionLine', { label: mine.direction.label })}${mine.direction.note ? `（${mine.direction.note}）` : ''}`),
      );
    if (mine.cost && o.costs)
      out.push(
        line(
          `${out.length === 0 ? `${node.name}　` : ''}${t('ja', 'costGroupHead', { year: longYear(o.fiscalYear, era), unit: o.costs.unit })}：${o.costs.fields
            .map((f) => `${COST_FIELD_LABELS[f]} ${mine.cost?.[f] ?? '—'}`)
            .join('、')}`,
        ),
      );
    return out;
  });
}
