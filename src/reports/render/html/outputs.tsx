/**
 * The outputs part of the report (report-outputs.ts) as HTML: the rule in words with the
 * statement on targets not re-set after an extension, 今後の方向性 counts and the plan's
 * cost totals, and per item its indicator table, its rating against the rule's proposal
 * and its direction. Each part renders nothing when the model has no data for it.
 */
import type { EraStyle } from '../../../fiscal/fiscal-year.js';
import { COST_FIELD_LABELS } from '../../../indicators/cost-rollup.js';
import { TableHead } from '../../../web/ui/data-table.js';
import { longYear, shortYear } from '../../labels.js';
import { t } from '../../messages.js';
import { allNodes, type ReportModel, type ReportNode } from '../../report-model.js';
import { outputsOfItem, type ReportIndicator } from '../../report-outputs.js';

/** The rule in words, and which indicators kept targets set before the period's extension. */
export function RuleSection({ model, era }: { model: ReportModel; era: EraStyle }) {
  const o = model.outputs;
  if (!o || (o.rule === null && o.extension === null)) return null;
  const names = new Map(allNodes(model).map((n) => [n.code, n.name]));
  return (
    <section class="outputs-rule">
      <h2 id="sec-rule">{t('ja', 'ruleHeading')}</h2>
      {o.rule && (
        <>
          {o.rule.name && <p>{t('ja', 'ruleName', { name: o.rule.name })}</p>}
          <ul class="rule-words">
            {o.rule.words.map((w) => (
              <li>{w}</li>
            ))}
          </ul>
        </>
      )}
      {o.extension && (
        <div class="extension-note">
          <p>
            {t('ja', 'extensionNotReset', { end: longYear(o.extension.endFiscalYear, era), effectiveEnd: longYear(o.extension.effectiveEndFiscalYear, era) })}
          </p>
          <ul>
            {o.extension.notReset.map((x) => (
              <li data-item={x.itemCode}>
                {t('ja', 'notResetItem', { item: names.get(x.itemCode) ?? x.itemCode, indicator: x.indicator, year: longYear(x.targetFiscalYear, era) })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** The head row of a table with a column per fiscal year. */
function YearHead({ head, years, era }: { head: string; years: readonly { fiscalYear: number }[]; era: EraStyle }) {
  return (
    <thead>
      <tr>
        <th scope="col">{head}</th>
        {years.map((y) => (
          <th scope="col" class="num" data-fy={y.fiscalYear}>
            {shortYear(y.fiscalYear, era)}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** 今後の方向性 counts per year and the plan's cost totals per year. */
export function OutputsSummary({ model, era }: { model: ReportModel; era: EraStyle }) {
  const o = model.outputs;
  if (!o || (o.directionCounts.length === 0 && o.costs === null)) return null;
  const codes = o.directionCounts[0]?.counts ?? [];
  return (
    <section class="outputs-summary">
      {o.directionCounts.length > 0 && (
        <>
          <h2 id="sec-directions">{t('ja', 'directionHeading')}</h2>
          <table class="summary directions" data-table="directions">
            <caption>{t('ja', 'directionCountsCaption')}</caption>
            <YearHead head={t('ja', 'directionHead')} years={o.directionCounts} era={era} />
            <tbody>
              {codes.map((c, i) => (
                <tr data-code={c.code}>
                  <th scope="row">{c.label}</th>
                  {o.directionCounts.map((y) => (
                    <td class="num">{y.counts[i]?.count ?? 0}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {o.costs && (
        <>
          <h2 id="sec-costs">{t('ja', 'costHeading')}</h2>
          <table class="summary costs" data-table="cost-totals">
            <caption>{t('ja', 'costTotalsCaption', { unit: o.costs.unit })}</caption>
            <YearHead head={t('ja', 'costItemHead')} years={o.costs.plan} era={era} />
            <tbody>
              {o.costs.fields.map((f) => (
                <tr data-field={f}>
                  <th scope="row">{COST_FIELD_LABELS[f]}</th>
                  {o.costs!.plan.map((y) => (
                    <td class="num">{y.figures[f] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** The header cells of the cost column group of a detail table (the judged year's figures). */
export function CostHeads({ model, era, rowSpan }: { model: ReportModel; era: EraStyle; rowSpan?: number }) {
  const c = model.outputs?.costs;
  if (!c) return null;
  return (
    <th scope="colgroup" colSpan={c.fields.length} rowSpan={rowSpan} class="cost-group">
      {t('ja', 'costGroupHead', { year: longYear(model.outputs!.fiscalYear, era), unit: c.unit })}
    </th>
  );
}

export function CostFieldHeads({ model }: { model: ReportModel }) {
  const c = model.outputs?.costs;
  if (!c) return null;
  return (
    <>
      {c.fields.map((f) => (
        <th scope="col" class="num" data-field={f}>
          {COST_FIELD_LABELS[f]}
        </th>
      ))}
    </>
  );
}

/** A node's figures in the cost column group (totals rolled up from the items below it). */
export function CostCells({ model, node }: { model: ReportModel; node: ReportNode }) {
  const o = model.outputs;
  if (!o?.costs) return null;
  const figures = outputsOfItem(o, node.code).cost;
  return (
    <>
      {o.costs.fields.map((f) => (
        <td class="num" data-field={f}>
          {figures?.[f] ?? ''}
        </td>
      ))}
    </>
  );
}

function actualText(i: ReportIndicator): string {
  const a = i.year.actual;
  const own = a === null ? '' : a.notMeasurable ? t('ja', 'notMeasurable') : (a.value ?? '');
  if (!i.cumulative || i.year.comparedActual === null) return own;
  return `${own}${t('ja', 'cumulativeSum', { value: i.year.comparedActual })}`;
}

/** One item's indicators in the judged year, revised targets marked and their revisions listed under the table. */
function IndicatorTable({ model, node, list, era }: { model: ReportModel; node: ReportNode; list: readonly ReportIndicator[]; era: EraStyle }) {
  let n = 0;
  const revisions: { n: number; year: number; old: string; new: string; reason: string }[] = [];
  const marks = list.map((i) => {
    const rs = i.year.target?.revisions ?? [];
    if (rs.length === 0) return '';
    n += 1;
    for (const r of rs) revisions.push({ n, year: r.decidedFiscalYear, old: r.oldValue, new: r.newValue, reason: r.reason });
    return t('ja', 'revisedMark', { n });
  });
  return (
    <>
      <table class="indicators" data-indicators={node.code}>
        <caption>{t('ja', 'indicatorCaption', { name: node.name, year: longYear(model.outputs!.fiscalYear, era) })}</caption>
        <TableHead
          heads={[
            t('ja', 'indicatorHead'),
            t('ja', 'unitHead'),
            t('ja', 'baselineHead'),
            t('ja', 'targetHead'),
            t('ja', 'actualHead'),
            t('ja', 'achievementRate'),
            t('ja', 'ruleResultHead'),
          ]}
        />
        <tbody>
          {list.map((i, k) => (
            <tr data-indicator={i.id}>
              <th scope="row">
                {i.name}
                {i.cumulative ? t('ja', 'cumulativeMark') : ''}
              </th>
              <td>{i.unit}</td>
              <td class="num">{i.baseline ? t('ja', 'valueWithYear', { value: i.baseline.value, year: longYear(i.baseline.fiscalYear, era) }) : ''}</td>
              <td class="num">
                {i.year.target ? t('ja', 'valueWithYear', { value: i.year.target.value, year: longYear(i.year.target.fiscalYear, era) }) : ''}
                {marks[k] && <span class="revised-mark">{marks[k]}</span>}
              </td>
              <td class="num">{actualText(i)}</td>
              <td class="num">{i.year.achievementPercent === null ? '' : `${i.year.achievementPercent}%`}</td>
              <td class="rule-result">
                {i.year.rule?.code ?? ''}
                {i.year.rule && <span class="note rule-explanation">{i.year.rule.explanation}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {revisions.map((r) => (
        <p class="note revision">{t('ja', 'revisionNote', { n: r.n, year: longYear(r.year, era), old: r.old, new: r.new, reason: r.reason })}</p>
      ))}
    </>
  );
}

/** Under a detail table: for each of its items with outputs, its indicators, its rating against the proposal, its direction. */
export function TableOutputs({ model, nodes, era }: { model: ReportModel; nodes: readonly ReportNode[]; era: EraStyle }) {
  const o = model.outputs;
  if (!o) return null;
  return (
    <>
      {nodes.map((node) => {
        const mine = outputsOfItem(o, node.code);
        if (mine.indicators.length === 0 && mine.proposal === null && mine.direction === null) return null;
        const p = mine.proposal;
        return (
          <div class="item-outputs" data-item={node.code}>
            {mine.indicators.length > 0 && <IndicatorTable model={model} node={node} list={mine.indicators} era={era} />}
            {p && (
              <p class={`proposal ${p.overrideReason === null && p.code === p.proposedCode ? 'followed' : 'changed'}`}>
                {mine.indicators.length === 0 && `${node.name}　`}
                {p.code === p.proposedCode
                  ? t('ja', 'proposalFollowed', { code: p.code })
                  : t('ja', 'proposalChanged', { code: p.code, proposed: p.proposedCode, reason: p.overrideReason ?? '' })}
              </p>
            )}
            {mine.direction && (
              <p class="direction">
                {mine.indicators.length === 0 && p === null && `${node.name}　`}
                {t('ja', 'directionLine', { label: mine.direction.label })}
                {mine.direction.note && `（${mine.direction.note}）`}
              </p>
            )}
          </div>
        );
      })}
    </>
  );
}
