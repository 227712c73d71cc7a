/** The detail of the report: one section per pillar, one rating table per measure with its narratives. */
import type { EraStyle } from '../../../fiscal/fiscal-year.js';
import { shortYear } from '../../labels.js';
import { t } from '../../messages.js';
import type { ReportMeasure, ReportModel, ReportPillar } from '../../report-model.js';
import { Narratives } from './opinions.js';
import { ChartFigure, CountsTable } from './summary.js';

/** Anchor ids: stable, ASCII, derived from item codes. */
export const anchorOf = (code: string) => `item-${code.replace(/\./g, '-')}`;

export function MeasureTable({ model, measure, era }: { model: ReportModel; measure: ReportMeasure; era: EraStyle }) {
  const tiers = model.plan.tiers;
  const programTier = tiers[2] ?? '';
  const subTier = tiers[tiers.length - 1] ?? '';
  const withDepartment = measure.programs.some((g) => g.subItems.some((s) => s.department !== null));
  return (
    <table class="ratings" data-measure={measure.code}>
      <caption>{t('ja', 'measureTableCaption', { measureTier: tiers[1] ?? '', name: measure.name, subTier })}</caption>
      <colgroup>
        <col class="program" />
        <col class="sub-item" />
        {withDepartment && <col class="department" />}
        {model.fiscalYears.map(() => (
          <col class="year" />
        ))}
      </colgroup>
      <thead>
        <tr>
          <th scope="col">{t('ja', 'nameHead', { tier: programTier })}</th>
          <th scope="col">{t('ja', 'nameHead', { tier: subTier })}</th>
          {withDepartment && <th scope="col">{t('ja', 'departmentHead')}</th>}
          {model.fiscalYears.map((fy) => (
            <th scope="col" class="num" data-fy={fy}>
              {shortYear(fy, era)}
            </th>
          ))}
        </tr>
      </thead>
      {measure.programs.map((program) => (
        <tbody data-program={program.code}>
          {program.subItems.map((sub, i) => (
            <tr data-sub-item={sub.code}>
              {i === 0 && (
                <th scope="rowgroup" rowSpan={program.subItems.length} class="program">
                  {program.name}
                </th>
              )}
              <th scope="row" class="sub-item">
                {sub.name}
              </th>
              {withDepartment && <td>{sub.department ?? ''}</td>}
              {sub.ratings.map((r) => (
                <td class={`rating ${r.code && /^[A-Za-z]+$/.test(r.code) ? `r-${r.code}` : 'r-na'}`} data-fy={r.fiscalYear}>
                  {r.code ?? ''}
                  {r.marks.join('')}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}

function Measure({ model, measure, era }: { model: ReportModel; measure: ReportMeasure; era: EraStyle }) {
  return (
    <section class="measure">
      <h3 id={anchorOf(measure.code)}>
        {model.plan.tiers[1] ?? ''}　{measure.name}
      </h3>
      <MeasureTable model={model} measure={measure} era={era} />
      {measure.departmentNarratives.length > 0 && (
        <>
          <h4>{measure.departmentNarrativesHeading}</h4>
          <Narratives list={measure.departmentNarratives} />
        </>
      )}
      {measure.footnotes.map((f) => (
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
      {measure.divisionOpinion.length > 0 && (
        <>
          <h4>{measure.divisionOpinionHeading}</h4>
          <Narratives list={measure.divisionOpinion} />
        </>
      )}
      {measure.expertOpinion.length > 0 && (
        <>
          <h4>{model.planOpinion.heading}</h4>
          <Narratives list={measure.expertOpinion} />
        </>
      )}
    </section>
  );
}

export function Pillar({ model, pillar, era }: { model: ReportModel; pillar: ReportPillar; era: EraStyle }) {
  const id = anchorOf(pillar.code);
  const tier = model.plan.tiers[0] ?? '';
  return (
    <section class="pillar">
      <h2 id={id}>
        {tier}　{pillar.name}
      </h2>
      {pillar.expertOpinion.length > 0 && (
        <>
          <h3>{pillar.expertOpinionHeading}</h3>
          <Narratives list={pillar.expertOpinion} />
        </>
      )}
      {pillar.otherNarratives.length > 0 && <Narratives list={pillar.otherNarratives} />}
      <ChartFigure id={`chart-${id}`} title={t('ja', 'pillarChartTitle', { tier, name: pillar.name })} years={pillar.summary} scale={model.scale} era={era}>
        <CountsTable caption={t('ja', 'pillarCountsCaption', { tier, name: pillar.name })} years={pillar.summary} scale={model.scale} era={era} />
      </ChartFigure>
      {pillar.measures.map((m) => (
        <Measure model={model} measure={m} era={era} />
      ))}
    </section>
  );
}
