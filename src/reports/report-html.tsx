/**
 * The report as HTML: one component tree used both as a page inside the app and as a
 * standalone file with its stylesheet inlined (the PDF is printed from the latter).
 * Text is always rendered as text by preact, so a narrative containing markup shows
 * the markup, never runs it.
 */
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { EraStyle } from '../fiscal/fiscal-year.js';
import type { ScaleCode } from '../evaluations/summary.js';
import { RatingsChart, type ChartYear } from './charts.js';
import { formatRate, longYear, shortYear, summaryCaption } from './labels.js';
import { NARRATIVE_KIND_LABELS } from './messages.js';
import { REPORT_CSS } from './report-css.js';
import type { ReportMeasure, ReportModel, ReportNarrative, ReportPillar, ReportSection } from './report-model.js';

export interface HtmlOptions {
  era: EraStyle;
}

/** Anchor ids: stable, ASCII, derived from item codes. */
export const anchorOf = (code: string) => `item-${code.replace(/\./g, '-')}`;

function Paragraphs({ texts }: { texts: readonly string[] }) {
  return (
    <>
      {texts.map((t) => (
        <p>{t}</p>
      ))}
    </>
  );
}

function Narratives({ list }: { list: readonly ReportNarrative[] }) {
  return (
    <div class="narratives">
      {list.map((n) => {
        const label = NARRATIVE_KIND_LABELS[n.kind] ?? n.kind;
        return (
          <div class="narrative" data-narrative-id={n.id} data-item={n.itemCode ?? ''}>
            {label && <p class="kind">【{label}】</p>}
            <Paragraphs texts={n.paragraphs} />
          </div>
        );
      })}
    </div>
  );
}

function Section({ section, level }: { section: ReportSection; level: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section class={`text-section ${section.key}`}>
      <Heading id={`sec-${section.key}`}>{section.heading}</Heading>
      <Paragraphs texts={section.paragraphs} />
    </section>
  );
}

export function CriteriaTable({ scale }: { scale: readonly ScaleCode[] }) {
  return (
    <table class="criteria">
      <caption>評点式評価の評価基準</caption>
      <colgroup>
        <col class="code" />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">評点</th>
          <th scope="col">評価基準</th>
        </tr>
      </thead>
      <tbody>
        {scale.map((c) => (
          <tr>
            <th scope="row">{c.code}</th>
            <td>{c.criteria || c.label}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SummaryTable({ model, era }: { model: ReportModel; era: EraStyle }) {
  const years = model.summary.years;
  const anyReported = years.some((y) => y.source === 'reported');
  const mismatched = (y: (typeof years)[number]) =>
    y.source === 'computed' && y.reportedCounts !== null && model.scale.some((c) => (y.reportedCounts?.[c.code] ?? 0) !== (y.counts[c.code] ?? 0));
  return (
    <>
      <table class="summary">
        <caption>{summaryCaption(model, era)}</caption>
        <thead>
          <tr>
            <th scope="col">評価</th>
            {years.map((y) => (
              <th scope="col" class="num" data-fy={y.fiscalYear}>
                {shortYear(y.fiscalYear, era)}
                {y.source === 'reported' && '＊'}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.scale.map((c) => (
            <tr data-code={c.code}>
              <th scope="row">{c.code}</th>
              {years.map((y) => (
                <td class="num">{y.counts[c.code] ?? 0}</td>
              ))}
            </tr>
          ))}
          <tr data-code="total">
            <th scope="row">合計</th>
            {years.map((y) => (
              <td class="num">{y.total}</td>
            ))}
          </tr>
          <tr data-code="rate">
            <th scope="row">達成率</th>
            {years.map((y) => (
              <td class="num">{formatRate(y.achievementRate)}</td>
            ))}
          </tr>
        </tbody>
      </table>
      {anyReported && <p class="note">＊ 公表済みの報告値（個別の評価は保存されていない年度）。その他の年度は個別の評価から集計した値です。</p>}
      {years.filter(mismatched).map((y) => (
        <p class="note mismatch">
          {shortYear(y.fiscalYear, era)}: 公表済みの報告値（{model.scale.map((c) => `${c.code} ${y.reportedCounts?.[c.code] ?? 0}`).join('、')}）と集計値が一致しません。
        </p>
      ))}
    </>
  );
}

function CountsTable({ caption, years, scale, era }: { caption: string; years: readonly ChartYear[]; scale: readonly ScaleCode[]; era: EraStyle }) {
  return (
    <table class="summary counts">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">評価</th>
          {years.map((y) => (
            <th scope="col" class="num">{shortYear(y.fiscalYear, era)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {scale.map((c) => (
          <tr>
            <th scope="row">{c.code}</th>
            {years.map((y) => (
              <td class="num">{y.counts[c.code] ?? 0}</td>
            ))}
          </tr>
        ))}
        <tr>
          <th scope="row">合計</th>
          {years.map((y) => (
            <td class="num">{y.total}</td>
          ))}
        </tr>
        <tr>
          <th scope="row">達成率</th>
          {years.map((y) => (
            <td class="num">{formatRate(y.achievementRate)}</td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

function Chart({ id, title, years, scale, era, children }: { id: string; title: string; years: readonly ChartYear[]; scale: readonly ScaleCode[]; era: EraStyle; children?: ComponentChildren }) {
  return (
    <figure class="chart-figure" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <RatingsChart id={id} title={title} years={years} scale={scale} era={era} />
      {children}
    </figure>
  );
}

export function MeasureTable({ model, measure, era }: { model: ReportModel; measure: ReportMeasure; era: EraStyle }) {
  const tiers = model.plan.tiers;
  const programTier = tiers[2] ?? '';
  const subTier = tiers[tiers.length - 1] ?? '';
  const withDepartment = measure.programs.some((g) => g.subItems.some((s) => s.department !== null));
  return (
    <table class="ratings" data-measure={measure.code}>
      <caption>
        {tiers[1] ?? ''}「{measure.name}」の{subTier}ごとの評価
      </caption>
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
          <th scope="col">{programTier}名</th>
          <th scope="col">{subTier}名</th>
          {withDepartment && <th scope="col">担当課</th>}
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
  const id = anchorOf(measure.code);
  return (
    <section class="measure">
      <h3 id={id}>
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

function Pillar({ model, pillar, era }: { model: ReportModel; pillar: ReportPillar; era: EraStyle }) {
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
      <Chart id={`chart-${id}`} title={`${tier}「${pillar.name}」の評価別件数と達成率の推移`} years={pillar.summary} scale={model.scale} era={era}>
        <CountsTable caption={`${tier}「${pillar.name}」の年度別評価件数（グラフのデータ）`} years={pillar.summary} scale={model.scale} era={era} />
      </Chart>
      {pillar.measures.map((m) => (
        <Measure model={model} measure={m} era={era} />
      ))}
    </section>
  );
}

/** The whole report, title page to closing, as an <article>. */
export function ReportDocument({ model, era, beforeBody }: { model: ReportModel; era: EraStyle; beforeBody?: ComponentChildren }) {
  const t = model.title;
  return (
    <article class="report" lang="ja">
      <header class="title-page">
        <p class="year">{longYear(model.round.fiscalYear, era)}</p>
        <h1>
          <span>{t.planName}</span>
          <span>{t.reportTitle}</span>
        </h1>
        <p class="kind">（{t.kindLabel}）</p>
      </header>
      {beforeBody}
      <section class="guide">
        <h2 id="sec-guide">{model.guideHeading}</h2>
        {model.guide.length > 0 ? (
          model.guide.map((s) => <Section section={s} level={3} />)
        ) : (
          <Paragraphs texts={model.plan.description ? [model.plan.description] : []} />
        )}
        <p class="tiers">
          階層構造: {model.plan.tiers.join(' → ')}
        </p>
        <CriteriaTable scale={model.scale} />
        {model.annotationKinds.length > 0 && (
          <ul class="legend" aria-label="注釈の記号">
            {model.annotationKinds.map((a) => (
              <li>
                {a.mark}　{a.meaning}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="plan-opinion">
        <h2 id="sec-plan-opinion">{model.planOpinion.scopeLabel}</h2>
        {model.planOpinion.narratives.length > 0 && (
          <>
            <h3>{model.planOpinion.heading}</h3>
            <Narratives list={model.planOpinion.narratives} />
          </>
        )}
        <SummaryTable model={model} era={era} />
        <Chart id="chart-plan" title={`${model.plan.name}全体の評価別件数と達成率の推移`} years={model.summary.years} scale={model.scale} era={era} />
      </section>
      {model.pillars.map((p) => (
        <Pillar model={model} pillar={p} era={era} />
      ))}
      {model.closing.length > 0 && (
        <section class="closing">
          {model.closing.map((s) => (
            <Section section={s} level={2} />
          ))}
        </section>
      )}
    </article>
  );
}

export function reportDocumentTitle(model: ReportModel, era: EraStyle): string {
  return `${longYear(model.round.fiscalYear, era)} ${model.title.planName} ${model.title.reportTitle}（${model.title.kindLabel}）`;
}

/** The standalone file's inlined stylesheet; the server's CSP allows exactly this text by its hash. */
export const STANDALONE_STYLE = `@media screen { body { margin: 1.5rem; } } ${REPORT_CSS}`;

/** A complete HTML file: stylesheet inlined, no script, no external reference. */
export function renderStandaloneHtml(model: ReportModel, options: HtmlOptions): string {
  const body = renderToString(
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="hyoka" />
        <title>{reportDocumentTitle(model, options.era)}</title>
        <style dangerouslySetInnerHTML={{ __html: STANDALONE_STYLE }} />
      </head>
      <body>
        <main>
          <ReportDocument model={model} era={options.era} />
        </main>
      </body>
    </html>,
  );
  return `<!doctype html>${body}`;
}
