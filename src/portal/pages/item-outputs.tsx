/**
 * An item's outputs on its portal page: each indicator with a line chart of the actual
 * against the target and the same figures as a table, target revisions, the rule's
 * proposals (followed, or changed with the reason), 今後の方向性 and costs. Renders nothing
 * for an item without any. Values are printed as stored; the chart converts them to
 * numbers for its geometry only.
 */
import { pt } from '../messages.js';
import { fiscalYearLabel } from '../../fiscal/fiscal-year.js';
import type { Preferences } from '../../web/preferences.js';
import { CHART_COLORS, colorVar } from '../../web/ui/palette.js';
import { TableHead } from '../../web/ui/data-table.js';
import { ChartSvg } from '../../web/ui/rating-chart.js';
import type { PublicDataset, PublicItem } from '../public-data.js';
import { outputsOfPublicItem, type PublicIndicator } from '../public-outputs.js';
import { yearLong } from './format.js';

const WIDTH = 560;
const HEIGHT = 240;
const LEFT = 64;
const RIGHT = 16;
const TOP = 36;
const BOTTOM = 40;
const ink = colorVar(CHART_COLORS.ink);
const muted = colorVar(CHART_COLORS.muted);
const grid = colorVar(CHART_COLORS.grid);
const paper = colorVar(CHART_COLORS.paper);

/** A round upper bound and a step for about four grid lines. */
function niceRange(min: number, max: number): { lo: number; hi: number; step: number } {
  const lo = Math.min(0, min);
  const span = Math.max(max - lo, 1e-9);
  const raw = span / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  return { lo: Math.floor(lo / step) * step, hi: Math.ceil(max / step) * step || step, step };
}

function chartDescription(i: PublicIndicator, prefs: Preferences): string {
  const parts = i.years.map((y) => {
    const year = fiscalYearLabel(y.fiscalYear, prefs.era);
    // The value the line plots: for 累計 indicators the running total, as the chart draws it.
    const actual = y.notMeasurable ? pt(prefs.lang, 'notMeasurable') : ((i.cumulative ? y.comparedActual : y.actual) ?? '—');
    return `${year}: ${pt(prefs.lang, 'actualSeries')} ${actual}, ${pt(prefs.lang, 'targetSeries')} ${y.target?.value ?? '—'}`;
  });
  return `${pt(prefs.lang, 'indicatorChartDesc')} ${parts.join('; ')}`;
}

/** The actual (solid, circles) and the target in effect (dashed, squares) per year. */
export function IndicatorChart({ indicator: i, prefs, id }: { indicator: PublicIndicator; prefs: Preferences; id: string }) {
  const actualOf = (y: PublicIndicator['years'][number]) => (i.cumulative ? y.comparedActual : y.actual);
  const values = i.years
    .flatMap((y) => [actualOf(y), y.target?.value ?? null])
    .filter((v): v is string => v !== null)
    .map(Number);
  const { lo, hi, step } = niceRange(Math.min(0, ...values), Math.max(0, ...values));
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const slot = plotW / Math.max(1, i.years.length);
  const x = (k: number) => LEFT + slot * k + slot / 2;
  const y = (v: number) => TOP + plotH - ((v - lo) / (hi - lo)) * plotH;
  const pointsOf = (pick: (y: PublicIndicator['years'][number]) => string | null) =>
    i.years.flatMap((yr, k) => {
      const v = pick(yr);
      return v === null ? [] : [{ x: x(k), y: y(Number(v)) }];
    });
  const actual = pointsOf(actualOf);
  const target = pointsOf((yr) => yr.target?.value ?? null);
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(v);
  const title = pt(prefs.lang, 'indicatorChartTitle', { name: i.name, unit: i.unit || '—' });
  return (
    <ChartSvg class="indicator-chart" id={id} width={WIDTH} height={HEIGHT} title={title} description={chartDescription(i, prefs)}>
      <g>
        <line x1={LEFT} x2={LEFT + 24} y1="14" y2="14" stroke={ink} stroke-width="2" />
        <circle cx={LEFT + 12} cy="14" r="3.5" fill={paper} stroke={ink} stroke-width="2" />
        <text x={LEFT + 30} y="18" fill={ink}>
          {pt(prefs.lang, 'actualSeries')}
        </text>
        <line x1={LEFT + 110} x2={LEFT + 134} y1="14" y2="14" stroke={muted} stroke-width="2" stroke-dasharray="6 4" />
        <rect x={LEFT + 119} y="10" width="7" height="7" fill={paper} stroke={muted} stroke-width="2" />
        <text x={LEFT + 140} y="18" fill={ink}>
          {pt(prefs.lang, 'targetSeries')}
        </text>
        {ticks.map((v) => (
          <>
            <line x1={LEFT} x2={LEFT + plotW} y1={y(v)} y2={y(v)} stroke={grid} stroke-width="1" />
            <text x={LEFT - 6} y={y(v) + 4} text-anchor="end" fill={ink} font-size="11">
              {Number(v.toPrecision(12)).toLocaleString('ja-JP')}
            </text>
          </>
        ))}
        {i.years.map((yr, k) => (
          <text x={x(k)} y={HEIGHT - BOTTOM + 18} text-anchor="middle" fill={ink}>
            {fiscalYearLabel(yr.fiscalYear, prefs.era)}
          </text>
        ))}
        {target.length > 1 && (
          <polyline points={target.map((p) => `${p.x},${p.y}`).join(' ')} fill="none" stroke={muted} stroke-width="2" stroke-dasharray="6 4" />
        )}
        {target.map((p) => (
          <rect x={p.x - 3.5} y={p.y - 3.5} width="7" height="7" fill={paper} stroke={muted} stroke-width="2" />
        ))}
        {actual.length > 1 && <polyline points={actual.map((p) => `${p.x},${p.y}`).join(' ')} fill="none" stroke={ink} stroke-width="2" />}
        {actual.map((p) => (
          <circle cx={p.x} cy={p.y} r="3.5" fill={paper} stroke={ink} stroke-width="2" />
        ))}
      </g>
    </ChartSvg>
  );
}

function IndicatorBlock({ indicator: i, prefs, notReset }: { indicator: PublicIndicator; prefs: Preferences; notReset: boolean }) {
  const lang = prefs.lang;
  const id = `indicator-${i.id}`;
  const revisions = i.targets.flatMap((t) => t.revisions);
  return (
    <section class="indicator" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>
        {i.name}
        {i.unit && `（${i.unit}）`}
      </h3>
      {i.baseline && <p>{pt(lang, 'baselineLine', { value: i.baseline.value, year: yearLong(i.baseline.fiscalYear, prefs) })}</p>}
      {i.years.length > 0 && (
        <figure class="chart">
          <IndicatorChart indicator={i} prefs={prefs} id={`${id}-chart`} />
        </figure>
      )}
      {i.years.length > 0 && (
        <table class="indicator-years">
          <caption>{pt(lang, 'indicatorChartTitle', { name: i.name, unit: i.unit || '—' })}</caption>
          <TableHead heads={[pt(lang, 'yearHead'), pt(lang, 'targetSeries'), pt(lang, 'actualSeries'), pt(lang, 'achievementHead'), pt(lang, 'ruleHead')]} />
          <tbody>
            {i.years.map((y) => (
              <tr data-fy={y.fiscalYear}>
                <th scope="row">{yearLong(y.fiscalYear, prefs)}</th>
                <td class="num">
                  {y.target?.value ?? ''}
                  {y.target?.revised && pt(lang, 'targetRevised')}
                </td>
                <td class="num">
                  {y.notMeasurable ? pt(lang, 'notMeasurable') : (y.actual ?? '')}
                  {i.cumulative && y.comparedActual !== null && `（${y.comparedActual}）`}
                </td>
                <td class="num">{y.achievementPercent === null ? '' : `${y.achievementPercent}%`}</td>
                <td title={y.rule?.explanation}>{y.rule?.code ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {revisions.map((r) => (
        <p class="note">{pt(lang, 'revisionLine', { year: yearLong(r.decidedFiscalYear, prefs), old: r.oldValue, new: r.newValue, reason: r.reason })}</p>
      ))}
      {notReset && <p class="note">{pt(lang, 'notResetLine')}</p>}
    </section>
  );
}

export function ItemOutputs({ data, item, prefs }: { data: PublicDataset; item: PublicItem; prefs: Preferences }) {
  const lang = prefs.lang;
  const mine = outputsOfPublicItem(data.outputs, item.code);
  const notReset = new Set(data.outputs.targetsNotReset.map((x) => x.indicatorId));
  const fields = (['projectCost', 'personnelCost', 'totalCost'] as const).filter((f) => mine.costs.some((c) => c.figures[f] !== null));
  return (
    <>
      {mine.indicators.length > 0 && (
        <>
          <h2 id="indicators">{pt(lang, 'indicatorsHeading')}</h2>
          {mine.indicators.map((i) => (
            <IndicatorBlock indicator={i} prefs={prefs} notReset={notReset.has(i.id)} />
          ))}
        </>
      )}
      {mine.proposals.length > 0 && (
        <>
          <h2 id="proposals">{pt(lang, 'proposalsHeading')}</h2>
          <ul class="proposals">
            {mine.proposals.map((p) => (
              <li class={p.code === p.proposedCode ? 'followed' : 'changed'}>
                {p.code === p.proposedCode
                  ? pt(lang, 'proposalFollowed', { year: yearLong(p.fiscalYear, prefs), code: p.code })
                  : pt(lang, 'proposalChanged', {
                      year: yearLong(p.fiscalYear, prefs),
                      code: p.code,
                      proposed: p.proposedCode,
                      reason: p.overrideReason ?? '',
                    })}
              </li>
            ))}
          </ul>
        </>
      )}
      {mine.directions.length > 0 && (
        <>
          <h2 id="directions">{pt(lang, 'directionsHeading')}</h2>
          <ul class="directions">
            {mine.directions.map((d) => (
              <li>
                {yearLong(d.fiscalYear, prefs)}：{d.label}
                {d.note && `（${d.note}）`}
              </li>
            ))}
          </ul>
        </>
      )}
      {mine.costs.length > 0 && fields.length > 0 && (
        <>
          <h2 id="costs">{pt(lang, 'costsHeading')}</h2>
          <table class="costs">
            <caption>{pt(lang, 'costsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{pt(lang, 'yearHead')}</th>
                {fields.map((f) => (
                  <th scope="col">{pt(lang, `cost_${f}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...mine.costs]
                .sort((a, b) => a.fiscalYear - b.fiscalYear)
                .map((c) => (
                  <tr>
                    <th scope="row">{yearLong(c.fiscalYear, prefs)}</th>
                    {fields.map((f) => (
                      <td class="num">{c.figures[f] ?? ''}</td>
                    ))}
                  </tr>
                ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
