/**
 * An entry's indicators: per indicator its baseline, the target in effect for the year
 * (revisions applied) and the actual (decimal text, or 測定不能 with the reason), then the
 * rule's proposal computed from the data with the rule in words, and the reason field for
 * a rating other than the proposal. Editable for the department, read-only for the
 * division, which sees whether the rating follows the proposal or was changed and why.
 */
import type { Preferences } from '../../web/preferences.js';
import { FormField, TextAreaField, TextField } from '../../web/ui/form-field.js';
import { Section } from '../../web/ui/section.js';
import { fiscalYearLabel } from '../../fiscal/fiscal-year.js';
import type { EnteredActual, EntryProposal, IndicatorOnEntry } from '../../indicators/entry-proposal.js';
import type { FiguresBasis } from '../entry-figures-queries.js';
import type { TypedFigures } from '../entry-figures.js';
import type { FormErrors } from '../entry-store.js';
import { t } from '../messages.js';

type Lang = Preferences['lang'];

const KIND_KEYS = { activity: 'indicatorKindActivity', outcome: 'indicatorKindOutcome', other: 'indicatorKindOther' } as const;

function IndicatorFacts({ prefs, indicator }: { prefs: Preferences; indicator: IndicatorOnEntry }) {
  const lang = prefs.lang;
  const year = (fy: number) => fiscalYearLabel(fy, prefs.era);
  const target = indicator.target;
  return (
    <dl class="facts">
      <dt>{t(lang, 'baselineLabel')}</dt>
      <dd>{indicator.baseline ? `${indicator.baseline.value}${indicator.unit}（${year(indicator.baseline.fiscalYear)}）` : t(lang, 'noneSet')}</dd>
      <dt>{t(lang, 'targetInEffect')}</dt>
      <dd>
        {target ? (
          <>
            {target.value}
            {indicator.unit}（{t(lang, target.kind === 'final' ? 'targetFinal' : 'targetYearly', { year: year(target.fiscalYear) })}
            {target.revised && `・${t(lang, 'targetRevised')}`}）
          </>
        ) : (
          t(lang, 'noneSet')
        )}
      </dd>
      {indicator.ruleTarget && (
        <>
          <dt>{t(lang, 'ruleTarget')}</dt>
          <dd>
            {indicator.ruleTarget.value}
            {indicator.unit}（{t(lang, indicator.ruleTarget.kind === 'final' ? 'targetFinal' : 'targetYearly', { year: year(indicator.ruleTarget.fiscalYear) })}
            {indicator.ruleTarget.revised && `・${t(lang, 'targetRevised')}`}）
          </dd>
        </>
      )}
      {indicator.result && (
        <>
          <dt>{t(lang, 'ruleResult')}</dt>
          <dd>{indicator.result.explanation}</dd>
        </>
      )}
    </dl>
  );
}

function indicatorLegend(lang: Lang, i: IndicatorOnEntry): string {
  const marks = [t(lang, KIND_KEYS[i.kind]), i.direction === 'lower' ? t(lang, 'lowerIsBetter') : '', i.cumulative ? t(lang, 'cumulativeMark') : ''];
  return `${i.name}（${marks.filter(Boolean).join('・')}）`;
}

function IndicatorInputs({
  prefs,
  indicator,
  figures,
  errors,
  theirs,
}: {
  prefs: Preferences;
  indicator: IndicatorOnEntry;
  figures: TypedFigures;
  errors: FormErrors;
  /** After a conflict: the other person's actual (null: none), else undefined. */
  theirs: EnteredActual | null | undefined;
}) {
  const lang = prefs.lang;
  const id = indicator.id;
  const typed = figures.actuals[String(id)] ?? { value: '', notMeasurable: false, sourceNote: '' };
  return (
    <fieldset class="indicator">
      <legend>{indicatorLegend(lang, indicator)}</legend>
      <IndicatorFacts prefs={prefs} indicator={indicator} />
      {/* FormField rather than TextField: a decimal keyboard (inputmode) on phones. */}
      <FormField
        id={`actual-${id}`}
        label={t(lang, 'actualValue', { unit: indicator.unit || '—' })}
        hint={t(lang, 'actualHint')}
        error={errors[`actual-${id}`]}
        describedBy={theirs !== undefined ? [`actual-${id}-theirs`] : []}
        control={(aria) => <input type="text" inputmode="decimal" id={`actual-${id}`} name={`actual-${id}`} value={typed.value} {...aria} />}
      >
        {theirs !== undefined && (
          <p class="hint" id={`actual-${id}-theirs`}>
            {t(lang, 'theirValue', { value: actualText(lang, theirs) })}
          </p>
        )}
      </FormField>
      <div class="choices">
        <label>
          <input type="checkbox" name={`notMeasurable-${id}`} value="1" checked={typed.notMeasurable} />
          <span>{t(lang, 'notMeasurable')}</span>
        </label>
      </div>
      <TextField id={`sourceNote-${id}`} label={t(lang, 'sourceNote')} error={errors[`sourceNote-${id}`]} value={typed.sourceNote} />
    </fieldset>
  );
}

function actualText(lang: Lang, a: EnteredActual | null): string {
  if (!a) return t(lang, 'empty');
  if (a.notMeasurable) return `${t(lang, 'notMeasurable')}（${a.sourceNote}）`;
  return a.sourceNote ? `${a.value ?? ''}（${a.sourceNote}）` : (a.value ?? t(lang, 'empty'));
}

function RuleWords({ lang, basis }: { lang: Lang; basis: FiguresBasis }) {
  if (!basis.rule) return <p>{t(lang, 'ruleNone')}</p>;
  if (basis.rule.rule.kind === 'manual') return <p>{t(lang, 'ruleManual')}</p>;
  return (
    <details>
      <summary>
        {t(lang, 'ruleWords')}
        {basis.rule.name && `: ${basis.rule.name}`}
      </summary>
      <ul>
        {basis.rule.words.map((w) => (
          <li>{w}</li>
        ))}
      </ul>
    </details>
  );
}

function ProposalLine({ lang, proposal }: { lang: Lang; proposal: EntryProposal }) {
  const p = proposal.proposal;
  if (!p) return null;
  return (
    <p class="proposal" id="proposal">
      <strong>{p.code === null ? t(lang, 'proposedNone') : t(lang, 'proposedIs', { code: p.code })}</strong> {p.explanation}
    </p>
  );
}

export interface EntryIndicatorsProps {
  prefs: Preferences;
  basis: FiguresBasis;
  proposal: EntryProposal;
  figures: TypedFigures;
  errors: FormErrors;
  /** After a conflict: the actuals and the reason the other person saved, shown under the fields. */
  theirs?: { actuals: Readonly<Record<string, EnteredActual>>; overrideReason: string } | undefined;
}

/** The department's part of the form. */
export function EntryIndicators({ prefs, basis, proposal, figures, errors, theirs }: EntryIndicatorsProps) {
  const lang = prefs.lang;
  const proposed = proposal.proposal?.code ?? null;
  // A plan without indicators or a rule (most imported plans) keeps its form as it was.
  if (proposal.indicators.length === 0 && !basis.rule) return null;
  return (
    <Section id="indicators-h" title={t(lang, 'indicatorsHeading')}>
      {proposal.indicators.length === 0 ? (
        <p>{t(lang, 'indicatorsNone')}</p>
      ) : (
        proposal.indicators.map((i) => (
          <IndicatorInputs prefs={prefs} indicator={i} figures={figures} errors={errors} theirs={theirs ? (theirs.actuals[String(i.id)] ?? null) : undefined} />
        ))
      )}
      <h3>{t(lang, 'ruleHeading')}</h3>
      <RuleWords lang={lang} basis={basis} />
      <ProposalLine lang={lang} proposal={proposal} />
      {/* Also without a proposal when a reason was typed: typed text never disappears from the form. */}
      {(proposed !== null || figures.overrideReason.trim() !== '') && (
        <TextAreaField
          id="overrideReason"
          label={t(lang, 'overrideReason')}
          hint={t(lang, 'overrideHint')}
          error={errors.overrideReason}
          describedBy={theirs ? ['overrideReason-theirs'] : []}
          value={figures.overrideReason}
          rows={3}
        >
          {theirs && (
            <p class="hint" id="overrideReason-theirs">
              {t(lang, 'theirValue', { value: theirs.overrideReason || t(lang, 'empty') })}
            </p>
          )}
        </TextAreaField>
      )}
    </Section>
  );
}

export interface EntryIndicatorsReadOnlyProps {
  prefs: Preferences;
  basis: FiguresBasis;
  proposal: EntryProposal;
  actuals: Readonly<Record<string, EnteredActual>>;
  ratingCode: string | null;
  /** The proposal stored with the entry when it was saved. */
  proposedCode: string | null;
  overrideReason: string;
}

/** "規則による提案" when the rating is the rule's, "変更（理由）" with the reason when it is not. */
export function ProposalMark({
  lang,
  ratingCode,
  proposedCode,
  overrideReason,
}: {
  lang: Lang;
  ratingCode: string | null;
  proposedCode: string | null;
  overrideReason: string;
}) {
  if (proposedCode === null || ratingCode === null) return null;
  if (ratingCode === proposedCode) return <span class="badge proposal-kept">{t(lang, 'markProposed')}</span>;
  return (
    <span class="proposal-changed">
      <span class="badge">{t(lang, 'markOverridden')}</span> {t(lang, 'proposedIs', { code: proposedCode })} — {overrideReason}
    </span>
  );
}

/** What the division sees. */
export function EntryIndicatorsReadOnly({ prefs, basis, proposal, actuals, ratingCode, proposedCode, overrideReason }: EntryIndicatorsReadOnlyProps) {
  const lang = prefs.lang;
  if (proposal.indicators.length === 0 && !basis.rule && proposedCode === null) return null;
  return (
    <Section id="indicators-h" title={t(lang, 'indicatorsHeading')}>
      {proposal.indicators.length === 0 && <p>{t(lang, 'indicatorsNone')}</p>}
      {proposal.indicators.map((i) => {
        const a = actuals[String(i.id)];
        return (
          <section aria-label={i.name} class="indicator">
            <h3>{indicatorLegend(lang, i)}</h3>
            <IndicatorFacts prefs={prefs} indicator={i} />
            <dl class="facts">
              <dt>{t(lang, 'actualValue', { unit: i.unit || '—' })}</dt>
              <dd>{a ? (a.notMeasurable ? t(lang, 'notMeasurable') : a.value || t(lang, 'noneSet')) : t(lang, 'noneSet')}</dd>
              {a?.sourceNote && (
                <>
                  <dt>{t(lang, 'sourceNote')}</dt>
                  <dd>{a.sourceNote}</dd>
                </>
              )}
            </dl>
          </section>
        );
      })}
      <h3>{t(lang, 'ruleHeading')}</h3>
      <RuleWords lang={lang} basis={basis} />
      <ProposalLine lang={lang} proposal={proposal} />
      <p>
        <ProposalMark lang={lang} ratingCode={ratingCode} proposedCode={proposedCode} overrideReason={overrideReason} />
      </p>
    </Section>
  );
}
