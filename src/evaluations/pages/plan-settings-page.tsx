/**
 * 計画の設定: which tier is rated, which tier the board counts by, where the division and
 * the expert write opinions, and the plan's words (the division's name, role titles,
 * round kinds). Shown again after a refusal with every field as typed.
 */
import type { Preferences } from '../../web/preferences.js';
import { FieldError, FormField } from '../../web/ui/form-field.js';
import { Alert, Notice } from '../../web/ui/notices.js';
import { AppShell, CsrfField } from '../../auth/shell.js';
import { ROLE_LABELS } from '../../auth/roles.js';
import { ROUND_KINDS, roundKindLabel } from '../round-kinds.js';
import { defaultLevels, opinionAuthor, roleTitle, tierName, type PlanVocabulary } from '../plan-settings-queries.js';
import { t } from '../messages.js';
import type { PageBase } from './round-shell.js';

/** The form as typed (or as stored): strings, and lists for the checkboxes. */
export type PlanSettingsValues = Record<string, string | string[]>;

export interface PlanSettingsPageProps extends PageBase {
  plan: { slug: string; name: string };
  vocabulary: PlanVocabulary;
  values: PlanSettingsValues;
  errors: Record<string, string>;
  notice?: string | undefined;
  conflict?: boolean;
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

function LevelSelect({
  prefs,
  id,
  label,
  v,
  values,
  errors,
  defaultLevel,
}: {
  prefs: Preferences;
  id: string;
  label: string;
  v: PlanVocabulary;
  values: PlanSettingsValues;
  errors: Record<string, string>;
  defaultLevel: number | null;
}) {
  const lang = prefs.lang;
  return (
    <FormField
      id={id}
      label={label}
      error={errors[id]}
      control={(aria) => (
        <select id={id} name={id} {...aria}>
          <option value="" selected={one(values[id]) === ''}>
            {t(lang, 'defaultIs', { value: defaultLevel === null ? t(lang, 'noneFound') : tierName(v, defaultLevel) })}
          </option>
          {v.tiers.map((tier) => (
            <option value={String(tier.level)} selected={one(values[id]) === String(tier.level)}>
              {tier.name}
            </option>
          ))}
        </select>
      )}
    />
  );
}

function LevelChoices({
  id,
  legend,
  v,
  values,
  errors,
}: {
  id: string;
  legend: string;
  v: PlanVocabulary;
  values: PlanSettingsValues;
  errors: Record<string, string>;
}) {
  const checked = many(values[id]);
  return (
    <fieldset aria-describedby={errors[id] ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <div class="choices">
        {v.tiers.map((tier) => (
          <label>
            <input type="checkbox" name={id} value={String(tier.level)} checked={checked.includes(String(tier.level))} />
            <span>{tier.name}</span>
          </label>
        ))}
      </div>
      <FieldError id={`${id}-error`} message={errors[id]} />
    </fieldset>
  );
}

function WordField({
  id,
  label,
  hint,
  values,
  errors,
}: {
  id: string;
  label: string;
  hint: string;
  values: PlanSettingsValues;
  errors: Record<string, string>;
}) {
  return (
    <FormField
      id={id}
      label={label}
      hint={hint}
      error={errors[id]}
      control={(aria) => <input type="text" id={id} name={id} value={one(values[id])} {...aria} />}
    />
  );
}

export function PlanSettingsPage(p: PlanSettingsPageProps) {
  const { prefs, auth, path, plan, vocabulary: v, values, errors } = p;
  const lang = prefs.lang;
  const division = opinionAuthor(v, 'division', lang);
  const expert = roleTitle(v, 'expert', lang);
  const hasErrors = Object.keys(errors).length > 0;
  const defaults = defaultLevels(v);
  const heading = `${plan.name} — ${t(lang, 'planSettings')}`;
  const kindField = { yearly: 'yearlyLabel', midterm: 'midtermLabel', final: 'finalLabel' } as const;
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
      <form class="wf-form" method="post" action={`/plans/${plan.slug}/settings`}>
        <CsrfField auth={auth} />
        <input type="hidden" name="version" value={one(values.version)} />
        <fieldset>
          <legend>{t(lang, 'tiersLegend')}</legend>
          <LevelSelect prefs={prefs} id="ratedLevel" label={t(lang, 'ratedLevel')} v={v} values={values} errors={errors} defaultLevel={defaults.ratedLevel} />
          <LevelSelect prefs={prefs} id="boardLevel" label={t(lang, 'boardLevel')} v={v} values={values} errors={errors} defaultLevel={defaults.boardLevel} />
          <LevelChoices id="divisionLevels" legend={t(lang, 'divisionLevels', { who: division })} v={v} values={values} errors={errors} />
          <LevelChoices id="expertLevels" legend={t(lang, 'expertLevels', { who: expert })} v={v} values={values} errors={errors} />
          <FormField
            id="planOpinionRole"
            label={t(lang, 'planOpinionRole')}
            error={errors.planOpinionRole}
            control={(aria) => (
              <select id="planOpinionRole" name="planOpinionRole" {...aria}>
                {(['', 'expert', 'division', 'none'] as const).map((role) => (
                  <option value={role} selected={one(values.planOpinionRole) === role}>
                    {role === '' ? t(lang, 'defaultIs', { value: expert }) : role === 'none' ? t(lang, 'nobody') : opinionAuthor(v, role, lang)}
                  </option>
                ))}
              </select>
            )}
          />
        </fieldset>
        <fieldset>
          <legend>{t(lang, 'wordsLegend')}</legend>
          <WordField
            id="divisionName"
            label={t(lang, 'divisionName')}
            hint={t(lang, 'divisionNameHint', { imported: v.importedDivisionName ?? t(lang, 'noneFound') })}
            values={values}
            errors={errors}
          />
          <WordField
            id="departmentTitle"
            label={t(lang, 'departmentTitle')}
            hint={t(lang, 'wordHint', { value: ROLE_LABELS.department[lang] })}
            values={values}
            errors={errors}
          />
          <WordField
            id="divisionTitle"
            label={t(lang, 'divisionTitle')}
            hint={t(lang, 'wordHint', { value: ROLE_LABELS.division[lang] })}
            values={values}
            errors={errors}
          />
          <WordField
            id="expertTitle"
            label={t(lang, 'expertTitle')}
            hint={t(lang, 'wordHint', { value: ROLE_LABELS.expert[lang] })}
            values={values}
            errors={errors}
          />
          {ROUND_KINDS.map((kind) => (
            <WordField
              id={kindField[kind]}
              label={t(lang, 'kindLabel', { kind: roundKindLabel(kind, lang) })}
              hint={t(lang, 'wordHint', { value: roundKindLabel(kind, lang) })}
              values={values}
              errors={errors}
            />
          ))}
        </fieldset>
        <div class="actions">
          <button type="submit">{t(lang, 'saveSettings')}</button>
        </div>
      </form>
    </AppShell>
  );
}
