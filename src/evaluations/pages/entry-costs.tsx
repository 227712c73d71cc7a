/**
 * The year's costs of an item, when its plan asks for them: 事業費, 人件費, トータルコスト,
 * the funding sources (財源内訳) and the unit. Numbers are typed as text and stay exact.
 */
import type { Preferences } from '../../web/preferences.js';
import { SelectField, TextField } from '../../web/ui/form-field.js';
import { Section } from '../../web/ui/section.js';
import { COST_FIELDS, COST_UNITS, type CostField } from '../../indicators/cost-rollup.js';
import type { StoredCosts, TypedFigures } from '../entry-figures.js';
import type { FormErrors } from '../entry-store.js';
import { t } from '../messages.js';

const LABEL_KEYS: Record<CostField, Parameters<typeof t>[1]> = {
  projectCost: 'costProjectCost',
  personnelCost: 'costPersonnelCost',
  totalCost: 'costTotalCost',
  nationalPrefecturalFunds: 'costNationalPrefecturalFunds',
  localBonds: 'costLocalBonds',
  otherFunds: 'costOtherFunds',
  generalFunds: 'costGeneralFunds',
};
const MAIN: readonly CostField[] = ['projectCost', 'personnelCost', 'totalCost'];
const FUNDING: readonly CostField[] = COST_FIELDS.filter((f) => !MAIN.includes(f));

/** After a conflict: what the other person saved, under the field it belongs to. */
function Theirs({ lang, id, value }: { lang: Preferences['lang']; id: string; value: string | null }) {
  return (
    <p class="hint" id={`${id}-theirs`}>
      {t(lang, 'theirValue', { value: value || t(lang, 'empty') })}
    </p>
  );
}

function CostInput({
  lang,
  field,
  typed,
  errors,
  theirs,
}: {
  lang: Preferences['lang'];
  field: CostField;
  typed: TypedFigures['costs'];
  errors: FormErrors;
  theirs: StoredCosts | null | undefined;
}) {
  const id = `cost-${field}`;
  const their = theirs === undefined ? undefined : theirs?.[field] == null ? null : `${theirs[field]}${theirs.unit}`;
  return (
    <TextField id={id} label={t(lang, LABEL_KEYS[field])} error={errors[id]} value={typed[field]} describedBy={their !== undefined ? [`${id}-theirs`] : []}>
      {their !== undefined && <Theirs lang={lang} id={id} value={their} />}
    </TextField>
  );
}

export function EntryCosts({
  prefs,
  typed,
  errors,
  theirs,
}: {
  prefs: Preferences;
  typed: TypedFigures['costs'];
  errors: FormErrors;
  /** After a conflict: the costs the other person saved (null: none). */
  theirs?: StoredCosts | null | undefined;
}) {
  const lang = prefs.lang;
  const shown = theirs !== undefined;
  return (
    <Section id="costs-h" title={t(lang, 'costsHeading')}>
      <SelectField
        id="costUnit"
        label={t(lang, 'costUnit')}
        error={errors.costUnit}
        value={typed.unit}
        choices={COST_UNITS.map((u) => ({ value: u, label: u }))}
        describedBy={shown ? ['costUnit-theirs'] : []}
      >
        {shown && <Theirs lang={lang} id="costUnit" value={theirs?.unit ?? null} />}
      </SelectField>
      {MAIN.map((f) => (
        <CostInput lang={lang} field={f} typed={typed} errors={errors} theirs={theirs} />
      ))}
      <fieldset>
        <legend>{t(lang, 'costFundingLegend')}</legend>
        {FUNDING.map((f) => (
          <CostInput lang={lang} field={f} typed={typed} errors={errors} theirs={theirs} />
        ))}
      </fieldset>
      <TextField id="costNote" label={t(lang, 'costNote')} error={errors.costNote} value={typed.note} describedBy={shown ? ['costNote-theirs'] : []}>
        {shown && <Theirs lang={lang} id="costNote" value={theirs?.note ?? null} />}
      </TextField>
    </Section>
  );
}

export function EntryCostsReadOnly({ prefs, costs }: { prefs: Preferences; costs: StoredCosts | null }) {
  const lang = prefs.lang;
  return (
    <Section id="costs-h" title={t(lang, 'costsHeading')}>
      {costs === null ? (
        <p>{t(lang, 'costsNone')}</p>
      ) : (
        <dl class="facts">
          {COST_FIELDS.filter((f) => costs[f] !== null).map((f) => (
            <>
              <dt>{t(lang, LABEL_KEYS[f])}</dt>
              <dd>
                {costs[f]}
                {costs.unit}
              </dd>
            </>
          ))}
          {costs.note && (
            <>
              <dt>{t(lang, 'costNote')}</dt>
              <dd>{costs.note}</dd>
            </>
          )}
        </dl>
      )}
    </Section>
  );
}
