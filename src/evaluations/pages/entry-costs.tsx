/**
 * The year's costs of an item, when its plan asks for them: 事業費, 人件費, トータルコスト,
 * the funding sources (財源内訳) and the unit. Numbers are typed as text and stay exact.
 */
import type { Preferences } from '../../web/preferences.js';
import { FormField } from '../../web/ui/form-field.js';
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
  return (
    <FormField
      id={id}
      label={t(lang, LABEL_KEYS[field])}
      error={errors[id]}
      control={(aria) => <input type="text" inputmode="decimal" id={id} name={id} value={typed[field]} {...aria} />}
    />
  );
}

export function EntryCosts({ prefs, typed, errors }: { prefs: Preferences; typed: TypedFigures['costs']; errors: FormErrors }) {
  const lang = prefs.lang;
  return (
    <section aria-labelledby="costs-h">
      <h2 id="costs-h">{t(lang, 'costsHeading')}</h2>
      <FormField
        id="costUnit"
        label={t(lang, 'costUnit')}
        error={errors.costUnit}
        control={(aria) => (
          <select id="costUnit" name="costUnit" {...aria}>
            {COST_UNITS.map((u) => (
              <option value={u} selected={typed.unit === u}>
                {u}
              </option>
            ))}
          </select>
        )}
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
      <FormField
        id="costNote"
        label={t(lang, 'costNote')}
        error={errors.costNote}
        control={(aria) => <input type="text" id="costNote" name="costNote" value={typed.note} {...aria} />}
      />
    </section>
  );
}

export function EntryCostsReadOnly({ prefs, costs }: { prefs: Preferences; costs: StoredCosts | null }) {
  const lang = prefs.lang;
  return (
    <section aria-labelledby="costs-h">
      <h2 id="costs-h">{t(lang, 'costsHeading')}</h2>
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
    </section>
  );
}
