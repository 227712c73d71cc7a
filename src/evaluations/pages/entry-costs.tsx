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

function CostInput({ lang, field, typed, errors }: { lang: Preferences['lang']; field: CostField; typed: TypedFigures['costs']; errors: FormErrors }) {
  const id = `cost-${field}`;
  return <TextField id={id} label={t(lang, LABEL_KEYS[field])} error={errors[id]} value={typed[field]} />;
}

export function EntryCosts({ prefs, typed, errors }: { prefs: Preferences; typed: TypedFigures['costs']; errors: FormErrors }) {
  const lang = prefs.lang;
  return (
    <Section id="costs-h" title={t(lang, 'costsHeading')}>
      <SelectField
        id="costUnit"
        label={t(lang, 'costUnit')}
        error={errors.costUnit}
        value={typed.unit}
        choices={COST_UNITS.map((u) => ({ value: u, label: u }))}
      />
      {MAIN.map((f) => (
        <CostInput lang={lang} field={f} typed={typed} errors={errors} />
      ))}
      <fieldset>
        <legend>{t(lang, 'costFundingLegend')}</legend>
        {FUNDING.map((f) => (
          <CostInput lang={lang} field={f} typed={typed} errors={errors} />
        ))}
      </fieldset>
      <TextField id="costNote" label={t(lang, 'costNote')} error={errors.costNote} value={typed.note} />
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
