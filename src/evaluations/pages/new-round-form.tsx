/** The form that creates a round (plan, fiscal year, kind, deadline), shown again with its errors. */
import type { Preferences } from '../../web/preferences.js';
import { fieldsOf, SelectField, TextField } from '../../web/ui/form-field.js';
import { PostForm } from '../../web/ui/post-form.js';
import { Section } from '../../web/ui/section.js';
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
  const field = fieldsOf(values, errors);
  return (
    <Section id="new-round" title={t(lang, 'createRoundHeading')}>
      <PostForm action="/rounds" csrf={auth.csrfToken} submit={t(lang, 'createRound')}>
        <SelectField id="planId" label={t(lang, 'plan')} value={values.planId} choices={plans.map((p) => ({ value: String(p.id), label: p.name }))} />
        <TextField {...field('fiscalYear')} label={t(lang, 'fiscalYear')} hint={t(lang, 'fiscalYearHint')} required />
        <SelectField
          id="kind"
          label={t(lang, 'kind')}
          value={values.kind}
          choices={ROUND_KINDS.map((k) => ({ value: k, label: kindLabels[k] ?? roundKindLabel(k, lang) }))}
        />
        <DeadlineField prefs={prefs} value={values.deadline} error={errors.deadline} />
        {errors.form && (
          <p class="field-error" role="alert">
            {errors.form}
          </p>
        )}
      </PostForm>
    </Section>
  );
}

export function DeadlineField({ prefs, value, error }: { prefs: Preferences; value: string; error: string | undefined }) {
  return <TextField id="deadline" type="date" label={t(prefs.lang, 'deadlineDate')} error={error} value={value} />;
}
