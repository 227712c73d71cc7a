/** The guide of the report: how it was evaluated, the tiers, the rating criteria and the annotation marks. */
import type { ScaleCode } from '../../../evaluations/summary.js';
import { t } from '../../messages.js';
import { publishedScale, type ReportModel } from '../../report-model.js';
import { Paragraphs, TextSection } from './opinions.js';

export function CriteriaTable({ scale }: { scale: readonly ScaleCode[] }) {
  return (
    <table class="criteria">
      <caption>{t('ja', 'criteriaCaption')}</caption>
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

export function Guide({ model }: { model: ReportModel }) {
  return (
    <section class="guide">
      <h2 id="sec-guide">{model.guideHeading}</h2>
      {model.guide.length > 0 ? (
        model.guide.map((s) => <TextSection section={s} level={3} />)
      ) : (
        <Paragraphs texts={model.plan.description ? [model.plan.description] : []} />
      )}
      <p class="tiers">{t('ja', 'tiers', { tiers: model.plan.tiers.join(' → ') })}</p>
      <CriteriaTable scale={publishedScale(model.scale)} />
      {model.annotationKinds.length > 0 && (
        <ul class="legend" aria-label={t('ja', 'annotationLegend')}>
          {model.annotationKinds.map((a) => (
            <li>
              {a.mark}　{a.meaning}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
