/**
 * 計画の設定: which tier is rated, which tier the board counts by, where the division and
 * the expert write opinions, and the plan's words (the division's name, role titles,
 * round kinds). Shown again after a refusal with every field as typed.
 */
import type { Preferences } from '../../web/preferences.js';
import { CheckboxGroup, SelectField, TextField } from '../../web/ui/form-field.js';
import { Alert, Notice } from '../../web/ui/notices.js';
import { PostForm } from '../../web/ui/post-form.js';
import { AppShell } from '../../auth/shell.js';
import { ROLE_LABELS } from '../../auth/roles.js';
import { ROUND_KINDS, roundKindLabel } from '../round-kinds.js';
import { defaultLevels, opinionAuthor, roleTitle, tierName, type PlanVocabulary } from '../plan-settings-queries.js';
import { t } from '../messages.js';
import type { PageBase } from './round-shell.js';
import type { PlanIndicatorSettings } from '../plan-indicator-settings-queries.js';
import { PlanIndicatorSettingsForms, type IndicatorFormState } from './plan-settings-indicators.js';

/** The form as typed (or as stored): strings, and lists for the checkboxes. */
export type PlanSettingsValues = Record<string, string | string[]>;

export interface PlanSettingsPageProps extends PageBase {
  plan: { slug: string; name: string };
  vocabulary: PlanVocabulary;
  values: PlanSettingsValues;
  errors: Record<string, string>;
  notice?: string | undefined;
  conflict?: boolean;
  /** The rating rule, 今後の方向性 list and cost setting, with the form refused last (if any). */
  indicatorSettings: PlanIndicatorSettings;
  indicatorState?: IndicatorFormState | undefined;
}

const one = (v: string | string[] | undefined): string => [v ?? ''].flat()[0] ?? '';
const many = (v: string | string[] | undefined): string[] => (v === undefined ? [] : [v].flat());

/** The form's values from what is stored; the checkboxes show the levels in effect. */
export function planSettingsValues(v: PlanVocabulary): PlanSettingsValues {
  const s = v.stored;
  const str = (x: number | string | null | undefined) => (x === null || x === undefined ? '' : String(x));
  return {
    ratedLevel: str(s?.ratedLevel),
    boardLevel: str(s?.boardLevel),
    divisionLevels: v.divisionLevels.map(String),
    expertLevels: v.expertLevels.map(String),
    planOpinionRole: str(s?.planOpinionRole),
    divisionName: str(s?.divisionName),
    departmentTitle: str(s?.departmentTitle),
    divisionTitle: str(s?.divisionTitle),
    expertTitle: str(s?.expertTitle),
    yearlyLabel: str(s?.yearlyLabel),
    midtermLabel: str(s?.midtermLabel),
    finalLabel: str(s?.finalLabel),
    version: String(s?.version ?? 0),
  };
}

interface FieldsProps {
  prefs: Preferences;
  v: PlanVocabulary;
  values: PlanSettingsValues;
  errors: Record<string, string>;
}

function LevelSelect({ prefs, id, label, v, values, errors, defaultLevel }: FieldsProps & { id: string; label: string; defaultLevel: number | null }) {
  const lang = prefs.lang;
  const byDefault = t(lang, 'defaultIs', { value: defaultLevel === null ? t(lang, 'noneFound') : tierName(v, defaultLevel) });
  const choices = [{ value: '', label: byDefault }, ...v.tiers.map((tier) => ({ value: String(tier.level), label: tier.name }))];
  return <SelectField id={id} label={label} error={errors[id]} value={one(values[id])} choices={choices} />;
}

function LevelChoices({ id, legend, v, values, errors }: Omit<FieldsProps, 'prefs'> & { id: string; legend: string }) {
  const choices = v.tiers.map((tier) => ({ value: String(tier.level), label: tier.name }));
  return <CheckboxGroup name={id} legend={legend} choices={choices} checked={many(values[id])} error={errors[id]} />;
}

/** Which tier is rated, which the board counts by, and who writes opinions where. */
function TierFields({ prefs, v, values, errors }: FieldsProps) {
  const lang = prefs.lang;
  const division = opinionAuthor(v, 'division', lang);
  const expert = roleTitle(v, 'expert', lang);
  const defaults = defaultLevels(v);
  const f = { v, values, errors };
  const roles = (['', 'expert', 'division', 'none'] as const).map((role) => ({
    value: role,
    label: role === '' ? t(lang, 'defaultIs', { value: expert }) : role === 'none' ? t(lang, 'nobody') : opinionAuthor(v, role, lang),
  }));
  return (
    <fieldset>
      <legend>{t(lang, 'tiersLegend')}</legend>
      <LevelSelect prefs={prefs} id="ratedLevel" label={t(lang, 'ratedLevel')} {...f} defaultLevel={defaults.ratedLevel} />
      <LevelSelect prefs={prefs} id="boardLevel" label={t(lang, 'boardLevel')} {...f} defaultLevel={defaults.boardLevel} />
      <LevelChoices id="divisionLevels" legend={t(lang, 'divisionLevels', { who: division })} {...f} />
      <LevelChoices id="expertLevels" legend={t(lang, 'expertLevels', { who: expert })} {...f} />
      <SelectField id="planOpinionRole" label={t(lang, 'planOpinionRole')} error={errors.planOpinionRole} value={one(values.planOpinionRole)} choices={roles} />
    </fieldset>
  );
}

const KIND_FIELDS = { yearly: 'yearlyLabel', midterm: 'midtermLabel', final: 'finalLabel' } as const;

/** The plan's own words: the division's name, role titles and round kinds (empty: the default). */
function WordFields({ prefs, v, values, errors }: FieldsProps) {
  const lang = prefs.lang;
  const word = (id: string, label: string, hint: string) => <TextField id={id} label={label} hint={hint} value={one(values[id])} error={errors[id]} />;
  return (
    <fieldset>
      <legend>{t(lang, 'wordsLegend')}</legend>
      {word('divisionName', t(lang, 'divisionName'), t(lang, 'divisionNameHint', { imported: v.importedDivisionName ?? t(lang, 'noneFound') }))}
      {word('departmentTitle', t(lang, 'departmentTitle'), t(lang, 'wordHint', { value: ROLE_LABELS.department[lang] }))}
      {word('divisionTitle', t(lang, 'divisionTitle'), t(lang, 'wordHint', { value: ROLE_LABELS.division[lang] }))}
      {word('expertTitle', t(lang, 'expertTitle'), t(lang, 'wordHint', { value: ROLE_LABELS.expert[lang] }))}
      {ROUND_KINDS.map((kind) =>
        word(KIND_FIELDS[kind], t(lang, 'kindLabel', { kind: roundKindLabel(kind, lang) }), t(lang, 'wordHint', { value: roundKindLabel(kind, lang) })),
      )}
    </fieldset>
  );
}

export function PlanSettingsPage(p: PlanSettingsPageProps) {
  const { prefs, auth, path, plan, vocabulary: v, values, errors } = p;
  const lang = prefs.lang;
  const hasErrors = Object.keys(errors).length > 0;
  const heading = `${plan.name} — ${t(lang, 'planSettings')}`;
  return (
    <AppShell title={heading} prefs={prefs} path={path} auth={auth}>
      <h1>{heading}</h1>
      <Notice message={p.notice} />
      {(hasErrors || p.conflict) && (
        <Alert>
          <p>{p.conflict ? t(lang, 'settingsConflict') : (errors.form ?? t(lang, 'checkFields'))}</p>
        </Alert>
      )}
      <p>{t(lang, 'planSettingsHelp')}</p>
      <PostForm action={`/plans/${plan.slug}/settings`} csrf={auth.csrfToken} hidden={{ version: one(values.version) }} submit={t(lang, 'saveSettings')}>
        <TierFields prefs={prefs} v={v} values={values} errors={errors} />
        <WordFields prefs={prefs} v={v} values={values} errors={errors} />
      </PostForm>
      <PlanIndicatorSettingsForms prefs={prefs} auth={auth} slug={plan.slug} settings={p.indicatorSettings} state={p.indicatorState} />
    </AppShell>
  );
}
