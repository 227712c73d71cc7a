/**
 * The indicator part of 計画の設定: the rating rule (a preset, its thresholds as editable
 * data, the rule in words), the 今後の方向性 list and whether departments enter costs.
 * Three small forms, each shown again as typed after a refusal or a conflict.
 */
import type { Preferences } from '../../web/preferences.js';
import { FormField } from '../../web/ui/form-field.js';
import { Alert } from '../../web/ui/notices.js';
import { CsrfField } from '../../auth/shell.js';
import type { Session } from '../../auth/sessions.js';
import { RULE_PRESETS } from '../../indicators/rating-presets.js';
import type { PlanIndicatorSettings } from '../plan-indicator-settings-queries.js';
import { t } from '../messages.js';

export type IndicatorForm = 'rule' | 'directions' | 'costs';

/** A form as typed, with its errors or conflict, after a refused save. */
export interface IndicatorFormState {
  form: IndicatorForm;
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
  conflict: boolean;
}

const one = (v: string | string[] | undefined): string => [v ?? ''].flat()[0] ?? '';

/** The preset whose rule is the current one, when there is one (else the first). */
function presetOf(s: PlanIndicatorSettings): string {
  const current = s.rule ? JSON.stringify(s.rule.rule) : '';
  return RULE_PRESETS.find((p) => JSON.stringify(p.rule) === current)?.slug ?? RULE_PRESETS.find((p) => p.rule.kind === s.rule?.rule.kind)?.slug ?? '';
}

export function indicatorFormValues(s: PlanIndicatorSettings, form: IndicatorForm): Record<string, string> {
  switch (form) {
    case 'rule':
      return {
        preset: presetOf(s),
        name: s.rule?.owner === 'plan' ? s.rule.name : '',
        // A preset used as it is shows no parameters, so choosing another preset just works.
        parameters: s.rule && !RULE_PRESETS.some((p) => JSON.stringify(p.rule) === JSON.stringify(s.rule?.rule)) ? JSON.stringify(s.rule.rule.parameters) : '',
        stamp: s.stamps.rule,
      };
    case 'directions':
      return { codes: s.directionCodes.map((c) => c.code).join('\n'), stamp: s.stamps.directions };
    case 'costs':
      return { costsEnabled: s.costsEnabled ? '1' : '', stamp: s.stamps.costs };
  }
}

function FormAlert({ lang, state }: { lang: Preferences['lang']; state: IndicatorFormState | undefined }) {
  if (!state || (!state.conflict && Object.keys(state.errors).length === 0)) return null;
  return (
    <Alert>
      <p>{state.conflict ? t(lang, 'settingsConflict') : (state.errors.form ?? t(lang, 'checkFields'))}</p>
    </Alert>
  );
}

export function PlanIndicatorSettingsForms({
  prefs,
  auth,
  slug,
  settings,
  state,
}: {
  prefs: Preferences;
  auth: Session;
  slug: string;
  settings: PlanIndicatorSettings;
  state?: IndicatorFormState | undefined;
}) {
  const lang = prefs.lang;
  const valuesOf = (form: IndicatorForm) => (state?.form === form ? state.values : indicatorFormValues(settings, form));
  const errorsOf = (form: IndicatorForm) => (state?.form === form ? state.errors : {});
  const stateOf = (form: IndicatorForm) => (state?.form === form ? state : undefined);
  const rule = valuesOf('rule');
  const ruleErrors = errorsOf('rule');
  const directions = valuesOf('directions');
  const costs = valuesOf('costs');
  return (
    <>
      <section aria-labelledby="rule-h">
        <h2 id="rule-h">{t(lang, 'ruleSettingsLegend')}</h2>
        <FormAlert lang={lang} state={stateOf('rule')} />
        <h3>{t(lang, 'ruleCurrent')}</h3>
        {settings.rule ? (
          <>
            <p>{settings.rule.name}</p>
            <ul>
              {settings.rule.words.map((w) => (
                <li>{w}</li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t(lang, 'ruleNoneSet')}</p>
        )}
        <form class="wf-form" method="post" action={`/plans/${slug}/settings/rule`}>
          <CsrfField auth={auth} />
          <input type="hidden" name="stamp" value={one(rule.stamp)} />
          <FormField
            id="preset"
            label={t(lang, 'rulePreset')}
            error={ruleErrors.preset}
            control={(aria) => (
              <select id="preset" name="preset" {...aria}>
                {RULE_PRESETS.map((p) => (
                  <option value={p.slug} selected={one(rule.preset) === p.slug}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          />
          <FormField
            id="ruleName"
            label={t(lang, 'ruleName')}
            error={ruleErrors.name}
            control={(aria) => <input type="text" id="ruleName" name="name" value={one(rule.name)} {...aria} />}
          />
          <FormField
            id="parameters"
            label={t(lang, 'ruleParameters')}
            hint={t(lang, 'ruleParametersHint')}
            error={ruleErrors.parameters}
            control={(aria) => (
              <textarea id="parameters" name="parameters" rows={5} {...aria}>
                {`\n${one(rule.parameters)}`}
              </textarea>
            )}
          />
          <div class="actions">
            <button type="submit">{t(lang, 'saveRule')}</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="directions-h">
        <h2 id="directions-h">{t(lang, 'directionsLegend')}</h2>
        <FormAlert lang={lang} state={stateOf('directions')} />
        <form class="wf-form" method="post" action={`/plans/${slug}/settings/directions`}>
          <CsrfField auth={auth} />
          <input type="hidden" name="stamp" value={one(directions.stamp)} />
          <FormField
            id="codes"
            label={t(lang, 'directionsList')}
            hint={t(lang, 'directionsHint')}
            error={errorsOf('directions').codes}
            control={(aria) => (
              <textarea id="codes" name="codes" rows={8} {...aria}>
                {`\n${one(directions.codes)}`}
              </textarea>
            )}
          />
          <div class="actions">
            <button type="submit">{t(lang, 'saveDirections')}</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="costs-setting-h">
        <h2 id="costs-setting-h">{t(lang, 'costsLegend')}</h2>
        <FormAlert lang={lang} state={stateOf('costs')} />
        <form class="wf-form" method="post" action={`/plans/${slug}/settings/costs`}>
          <CsrfField auth={auth} />
          <input type="hidden" name="stamp" value={one(costs.stamp)} />
          <div class="choices">
            <label>
              <input type="checkbox" name="costsEnabled" value="1" checked={one(costs.costsEnabled) === '1'} />
              <span>{t(lang, 'costsEnabled')}</span>
            </label>
          </div>
          <div class="actions">
            <button type="submit">{t(lang, 'saveCosts')}</button>
          </div>
        </form>
      </section>
    </>
  );
}
