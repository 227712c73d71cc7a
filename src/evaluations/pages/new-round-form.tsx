/** The form that creates a round (plan, fiscal year, kind, deadline), shown again with its errors. */
import type { Preferences } from '../../web/preferences.js';
import { FormField } from '../../web/ui/form-field.js';
import { CsrfField } from '../../auth/shell.js';
import type { Session } from '../../auth/sessions.js';
import { ROUND_KINDS, roundKindLabel, type RoundKind } from '../round-kinds.js';
import { t } from '../messages.js';

/** What the person typed, as typed. */
export interface RoundFormValues {
  planId: string;
  fiscalYear: string;
  kind: string;
  deadline: string;
}

/** `kindLabels`: the kinds as the plans name them (when every plan names a kind alike), else the generic words. */
export function NewRoundForm({
  prefs,
  auth,
  plans,
  values,
  errors,
  kindLabels = {},
}: {
  prefs: Preferences;
  auth: Session;
  plans: { id: number; name: string }[];
  values: RoundFormValues;
  errors: Record<string, string>;
  kindLabels?: Partial<Record<RoundKind, string>>;
}) {
  const lang = prefs.lang;
  return (
    <section aria-labelledby="new-round">
      <h2 id="new-round">{t(lang, 'createRoundHeading')}</h2>
      <form class="wf-form" method="post" action="/rounds">
        <CsrfField auth={auth} />
        <div>
          <label for="planId">{t(lang, 'plan')}</label>
          <select id="planId" name="planId">
            {plans.map((p) => (
              <option value={String(p.id)} selected={values.planId === String(p.id)}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <FormField
          id="fiscalYear"
          label={t(lang, 'fiscalYear')}
          hint={t(lang, 'fiscalYearHint')}
          error={errors.fiscalYear}
          control={(aria) => <input type="text" id="fiscalYear" name="fiscalYear" value={values.fiscalYear} required {...aria} />}
        />
        <div>
          <label for="kind">{t(lang, 'kind')}</label>
          <select id="kind" name="kind">
            {ROUND_KINDS.map((k) => (
              <option value={k} selected={values.kind === k}>
                {kindLabels[k] ?? roundKindLabel(k, lang)}
              </option>
            ))}
          </select>
        </div>
        <DeadlineField prefs={prefs} value={values.deadline} error={errors.deadline} />
        {errors.form && (
          <p class="field-error" role="alert">
            {errors.form}
          </p>
        )}
        <div class="actions">
          <button type="submit">{t(lang, 'createRound')}</button>
        </div>
      </form>
    </section>
  );
}

export function DeadlineField({ prefs, value, error }: { prefs: Preferences; value: string; error: string | undefined }) {
  return (
    <FormField
      id="deadline"
      label={t(prefs.lang, 'deadlineDate')}
      error={error}
      control={(aria) => <input type="date" id="deadline" name="deadline" value={value} {...aria} />}
    />
  );
}
