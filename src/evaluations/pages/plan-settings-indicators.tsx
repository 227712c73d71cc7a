/**
 * The indicator part of 計画の設定: the rating rule (a preset, its thresholds as editable
 * data, the rule in words), the 今後の方向性 list and whether departments enter costs.
 * Three small forms, each shown again as typed after a refusal or a conflict.
 */
import type { Preferences } from '../../web/preferences.js';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '../../web/ui/form-field.js';
import { PostForm } from '../../web/ui/post-form.js';
import { Section } from '../../web/ui/section.js';
import { Alert } from '../../web/ui/notices.js';
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

/** The rating rule in words as it is, and the form to choose another preset or thresholds. */
function RuleSection({
  lang,
  slug,
  csrf,
  settings,
  values: rule,
  errors: ruleErrors,
  state,
}: {
  lang: Preferences['lang'];
  slug: string;
  csrf: string;
  settings: PlanIndicatorSettings;
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
  state: IndicatorFormState | undefined;
}) {
  return (
    <Section id="rule-h" title={t(lang, 'ruleSettingsLegend')}>
      <FormAlert lang={lang} state={state} />
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
      <PostForm action={`/plans/${slug}/settings/rule`} csrf={csrf} hidden={{ stamp: one(rule.stamp) }} submit={t(lang, 'saveRule')}>
        <SelectField
          id="preset"
          label={t(lang, 'rulePreset')}
          error={ruleErrors.preset}
          value={one(rule.preset)}
          choices={RULE_PRESETS.map((p) => ({ value: p.slug, label: p.name }))}
        />
        <TextField id="ruleName" name="name" label={t(lang, 'ruleName')} error={ruleErrors.name} value={one(rule.name)} />
        <TextAreaField
          id="parameters"
          label={t(lang, 'ruleParameters')}
          hint={t(lang, 'ruleParametersHint')}
          error={ruleErrors.parameters}
          value={one(rule.parameters)}
          rows={5}
        />
      </PostForm>
    </Section>
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
      <RuleSection lang={lang} slug={slug} csrf={auth.csrfToken} settings={settings} values={rule} errors={ruleErrors} state={stateOf('rule')} />
      <Section id="directions-h" title={t(lang, 'directionsLegend')}>
        <FormAlert lang={lang} state={stateOf('directions')} />
        <PostForm
          action={`/plans/${slug}/settings/directions`}
          csrf={auth.csrfToken}
          hidden={{ stamp: one(directions.stamp) }}
          submit={t(lang, 'saveDirections')}
        >
          <TextAreaField
            id="codes"
            label={t(lang, 'directionsList')}
            hint={t(lang, 'directionsHint')}
            error={errorsOf('directions').codes}
            value={one(directions.codes)}
            rows={8}
          />
        </PostForm>
      </Section>
      <Section id="costs-setting-h" title={t(lang, 'costsLegend')}>
        <FormAlert lang={lang} state={stateOf('costs')} />
        <PostForm action={`/plans/${slug}/settings/costs`} csrf={auth.csrfToken} hidden={{ stamp: one(costs.stamp) }} submit={t(lang, 'saveCosts')}>
          <CheckboxGroup
            name="costsEnabled"
            legend={t(lang, 'costsLegend')}
            choices={[{ value: '1', label: t(lang, 'costsEnabled') }]}
            checked={one(costs.costsEnabled) === '1' ? ['1'] : []}
          />
        </PostForm>
      </Section>
    </>
  );
}
