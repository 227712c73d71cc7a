/**
 * The guide of the report (評価要領): the city's own sections with the criteria table
 * where the city printed it. A round without an imported guide gets a generated one
 * instead: the plan's description, its tiers, the criteria and the annotation marks.
 */
import type { ComponentChildren } from 'preact';
import type { ScaleCode } from '../../../evaluations/summary.js';
import { t } from '../../messages.js';
import { printedPlaces, publishedScale, type ReportModel, type ReportSection, type ReportTablePlace } from '../../report-model.js';
import { Paragraphs } from './opinions.js';

/**
 * The published criteria. Where the city's sentence introduces the table
 * (「…評価基準は次のとおりです。」) it printed no caption, so none is printed here
 * either; the table is named for assistive technology only.
 */
export function CriteriaTable({ scale, caption }: { scale: readonly ScaleCode[]; caption: string | null }) {
  return (
    <table class="criteria" data-table="criteria" aria-label={caption === null ? t('ja', 'criteriaCaption') : undefined}>
      {caption !== null && <caption>{caption}</caption>}
      <colgroup>
        <col class="code" />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">{t('ja', 'ratingHead')}</th>
          <th scope="col">{t('ja', 'criteriaHead')}</th>
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

/**
 * Paragraphs with the tables placed among them: a table placed after n paragraphs
 * comes right after the n-th (0: before the first; past the end: after the last).
 */
export function ParagraphsWithTables({
  texts,
  places,
  table,
}: {
  texts: readonly string[];
  places: readonly ReportTablePlace[];
  table: (place: ReportTablePlace) => ComponentChildren;
}) {
  const at = (n: number) => places.filter((p) => Math.min(p.afterParagraphs, texts.length) === n).map(table);
  return (
    <>
      {at(0)}
      {texts.map((text, i) => (
        <>
          <p>{text}</p>
          {at(i + 1)}
        </>
      ))}
    </>
  );
}

function GuideSection({
  section,
  places,
  table,
}: {
  section: ReportSection;
  places: readonly ReportTablePlace[];
  table: (place: ReportTablePlace) => ComponentChildren;
}) {
  return (
    <section class={`text-section ${section.key}`}>
      <h3 id={`sec-${section.key}`}>{section.heading}</h3>
      <ParagraphsWithTables texts={section.paragraphs} places={places.filter((p) => p.section === section.key)} table={table} />
    </section>
  );
}

/** The generated guide of a round that has none of its own. */
function GeneratedGuide({ model }: { model: ReportModel }) {
  return (
    <>
      <Paragraphs texts={model.plan.description ? [model.plan.description] : []} />
      <p class="tiers">{t('ja', 'tiers', { tiers: model.plan.tiers.join(' → ') })}</p>
      <CriteriaTable scale={publishedScale(model.scale)} caption={t('ja', 'criteriaCaption')} />
      {model.annotationKinds.length > 0 && (
        <ul class="legend" aria-label={t('ja', 'annotationLegend')}>
          {model.annotationKinds.map((a) => (
            <li>
              {a.mark}　{a.meaning}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** `summary` renders the plan's summary table when the city printed it inside the guide. */
export function Guide({ model, summary }: { model: ReportModel; summary: (place: ReportTablePlace) => ComponentChildren }) {
  const placed = model.tablePlaces.filter((p) => model.guide.some((s) => s.key === p.section));
  const table = (place: ReportTablePlace) =>
    place.table === 'criteria' ? <CriteriaTable scale={publishedScale(model.scale)} caption={place.caption} /> : summary(place);
  const criteriaPlaced = printedPlaces(model, 'criteria').length > 0;
  return (
    <section class="guide">
      <h2 id="sec-guide">{model.guideHeading}</h2>
      {model.guide.length > 0 ? (
        <>
          {model.guide.map((s) => (
            <GuideSection section={s} places={placed} table={table} />
          ))}
          {/* A guide stored without the table's place still shows the criteria, after the city's text. */}
          {!criteriaPlaced && <CriteriaTable scale={publishedScale(model.scale)} caption={t('ja', 'criteriaCaption')} />}
        </>
      ) : (
        <GeneratedGuide model={model} />
      )}
    </section>
  );
}
