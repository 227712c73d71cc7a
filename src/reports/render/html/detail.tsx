/**
 * The detail of the report: a section per node above the rows, nested as the plan's
 * tiers are (ReportStructure): heading tiers, then one rating table per node of the table
 * tier with its narratives. The top tier's sections carry the counts chart.
 */
import type { EraStyle } from '../../../fiscal/fiscal-year.js';
import { shortYear } from '../../labels.js';
import { t } from '../../messages.js';
import {
  isTableNode,
  narrativesOf,
  outputNodesOf,
  rowGroupsOf,
  subSections,
  type ReportModel,
  type ReportNarrative,
  type ReportNode,
} from '../../report-model.js';
import { Narratives } from './opinions.js';
import { ChartFigure, CountsTable } from './summary.js';
import { CostCells, CostFieldHeads, CostHeads, TableOutputs } from './outputs.js';

/** Anchor ids: stable, ASCII, derived from item codes. */
export const anchorOf = (code: string) => `item-${code.replace(/\./g, '-')}`;

type Heading = 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
/** A node's heading: h2 for the top tier, one deeper per tier (at most h6). */
const headingOf = (level: number): Heading => `h${Math.min(6, level + 1)}` as Heading;

const tierOf = (model: ReportModel, level: number | null) => (level === null ? '' : (model.plan.tiers[level - 1] ?? ''));

/** The table's head: names, department and years; with costs a second row names the cost columns and every other head spans both rows. */
function NodeTableHead({
  model,
  era,
  grouped,
  rowTier,
  withDepartment,
}: {
  model: ReportModel;
  era: EraStyle;
  grouped: boolean;
  rowTier: string;
  withDepartment: boolean;
}) {
  const { groupLevel } = model.structure;
  const costs = model.outputs?.costs ?? null;
  const rs = costs ? 2 : undefined;
  return (
    <thead>
      <tr>
        {grouped && (
          <th scope="col" rowSpan={rs}>
            {t('ja', 'nameHead', { tier: tierOf(model, groupLevel) })}
          </th>
        )}
        <th scope="col" rowSpan={rs}>
          {t('ja', 'nameHead', { tier: rowTier })}
        </th>
        {withDepartment && (
          <th scope="col" rowSpan={rs}>
            {t('ja', 'departmentHead')}
          </th>
        )}
        {model.fiscalYears.map((fy) => (
          <th scope="col" class="num" data-fy={fy} rowSpan={rs}>
            {shortYear(fy, era)}
          </th>
        ))}
        <CostHeads model={model} era={era} />
      </tr>
      {costs && (
        <tr>
          <CostFieldHeads model={model} />
        </tr>
      )}
    </thead>
  );
}

export function NodeTable({ model, node, era }: { model: ReportModel; node: ReportNode; era: EraStyle }) {
  const { rowLevel } = model.structure;
  const groups = rowGroupsOf(model, node);
  const grouped = model.structure.groupLevel !== null;
  const rowTier = tierOf(model, rowLevel);
  const withDepartment = groups.some((g) => g.rows.some((s) => s.department !== null));
  const costs = model.outputs?.costs ?? null;
  return (
    <table class={costs ? 'ratings with-costs' : 'ratings'} data-table={node.code}>
      <caption>{t('ja', 'measureTableCaption', { measureTier: node.tierName, name: node.name, subTier: rowTier })}</caption>
      <colgroup>
        {grouped && <col class="program" />}
        <col class="sub-item" />
        {withDepartment && <col class="department" />}
        {model.fiscalYears.map(() => (
          <col class="year" />
        ))}
        {costs?.fields.map(() => (
          <col class="cost" />
        ))}
      </colgroup>
      <NodeTableHead model={model} era={era} grouped={grouped} rowTier={rowTier} withDepartment={withDepartment} />
      {groups.map(({ group, rows }) => (
        <tbody data-group={group?.code}>
          {rows.map((row, i) => (
            <tr data-row={row.code}>
              {group && i === 0 && (
                <th scope="rowgroup" rowSpan={rows.length} class="program">
                  {group.name}
                </th>
              )}
              <th scope="row" class="sub-item">
                {row.name}
              </th>
              {withDepartment && <td>{row.department ?? ''}</td>}
              {row.ratings.map((r) => (
                <td class={`rating ${r.code && /^[A-Za-z]+$/.test(r.code) ? `r-${r.code}` : 'r-na'}`} data-fy={r.fiscalYear}>
                  {r.code ?? ''}
                  {r.marks.join('')}
                </td>
              ))}
              <CostCells model={model} node={row} />
            </tr>
          ))}
        </tbody>
      ))}
      {costs && (
        <tfoot>
          <tr data-row="total">
            <th scope="row" colSpan={(grouped ? 1 : 0) + 1 + (withDepartment ? 1 : 0) + model.fiscalYears.length}>
              {t('ja', 'tableTotal', { name: node.name })}
            </th>
            <CostCells model={model} node={node} />
          </tr>
        </tfoot>
      )}
    </table>
  );
}

function Block({ heading, level, list }: { heading: string | null; level: number; list: readonly ReportNarrative[] }) {
  if (list.length === 0) return null;
  const H = headingOf(level + 1);
  return (
    <>
      {heading !== null && <H>{heading}</H>}
      <Narratives list={list} />
    </>
  );
}

function Footnotes({ node }: { node: ReportNode }) {
  return (
    <>
      {node.footnotes.map((f) => (
        <div class="footnote">
          <p>
            {f.mark}
            {f.meaning}・・・
          </p>
          <ul>
            {f.items.map((item) => (
              <li data-item={item.code}>「{item.name}」</li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

/** A table node's section: its table, the departments' progress, footnotes, the division's and the experts' opinions. */
function TableBody({ model, node, era }: { model: ReportModel; node: ReportNode; era: EraStyle }) {
  const h = node.headings;
  return (
    <>
      <NodeTable model={model} node={node} era={era} />
      <TableOutputs model={model} nodes={outputNodesOf(model, node)} era={era} />
      <Block heading={h?.department ?? null} level={node.level} list={narrativesOf(node, 'department')} />
      <Footnotes node={node} />
      <Block heading={h?.division ?? null} level={node.level} list={narrativesOf(node, 'division')} />
      <Block heading={h?.expert ?? null} level={node.level} list={narrativesOf(node, 'expert')} />
    </>
  );
}

/** The top tier's chart of counts per year, with its data table. */
function NodeChart({ model, node, era }: { model: ReportModel; node: ReportNode; era: EraStyle }) {
  const tier = node.tierName;
  return (
    <ChartFigure
      id={`chart-${anchorOf(node.code)}`}
      title={t('ja', 'pillarChartTitle', { tier, name: node.name })}
      years={node.summary}
      scale={model.scale}
      era={era}
    >
      <CountsTable caption={t('ja', 'pillarCountsCaption', { tier, name: node.name })} years={node.summary} scale={model.scale} era={era} />
    </ChartFigure>
  );
}

/** The section of a node above the rows, and the sections of its children inside it. */
export function NodeSection({ model, node, era }: { model: ReportModel; node: ReportNode; era: EraStyle }) {
  const H = headingOf(node.level);
  const table = isTableNode(model, node);
  const classes = [node.level === 1 ? 'pillar' : '', table ? 'measure' : '', node.level > 1 && !table ? 'tier' : ''].filter(Boolean).join(' ');
  // A table node's experts' opinion follows its table; a heading node's opens its section.
  const others = node.narratives.filter((n) => n.role !== 'expert');
  return (
    <section class={classes} data-level={node.level}>
      <H id={anchorOf(node.code)}>
        {node.tierName}　{node.name}
      </H>
      {!table && <Block heading={node.headings?.expert ?? null} level={node.level} list={narrativesOf(node, 'expert')} />}
      {!table && others.length > 0 && <Narratives list={others} />}
      {node.level === 1 && <NodeChart model={model} node={node} era={era} />}
      {table ? <TableBody model={model} node={node} era={era} /> : <Footnotes node={node} />}
      {subSections(model, node).map((c) => (
        <NodeSection model={model} node={c} era={era} />
      ))}
    </section>
  );
}
