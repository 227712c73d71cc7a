/**
 * The forms of an entry page besides the department's own: the division's review
 * (accept, or return with a comment), the department's withdrawal of a submission and
 * the correction after publication.
 */
import type { Preferences } from '../../web/preferences.js';
import { TextAreaField } from '../../web/ui/form-field.js';
import { Actions, PostForm, SubmitButton, SubmitRow } from '../../web/ui/post-form.js';
import { Section } from '../../web/ui/section.js';
import type { Session } from '../../auth/sessions.js';
import type { FormErrors } from '../entry-store.js';
import type { EntryDetail, ScaleInfo } from '../entry-queries.js';
import type { EntryAction, EntryInput } from '../workflow.js';
import { t } from '../messages.js';
import { EntryFields } from './entry-fields.js';

interface FormBase {
  prefs: Preferences;
  auth: Session;
  /** The entry's URL; the forms post below it. */
  formAction: string;
  errors: FormErrors;
}

export function ReviewForm({
  prefs,
  auth,
  formAction,
  errors,
  version,
  actions,
  comment,
}: FormBase & { version: number; actions: EntryAction[]; comment: string | undefined }) {
  const lang = prefs.lang;
  return (
    <Section id="review" title={t(lang, 'review')}>
      <PostForm action={`${formAction}/review`} csrf={auth.csrfToken} hidden={{ version: String(version), ask: '1' }}>
        <TextAreaField id="comment" label={t(lang, 'reviewComment')} error={errors.comment} value={comment} rows={4} />
        <Actions>
          {actions.includes('accept') && <SubmitButton name="action" value="accept" label={t(lang, 'accept')} />}
          {actions.includes('return') && <SubmitButton name="action" value="return" class="danger" label={t(lang, 'return')} />}
        </Actions>
      </PostForm>
    </Section>
  );
}

/** While the division has not acted, the department may take its submission back to edit it. */
export function WithdrawForm({ prefs, auth, formAction, version, reviewer }: Omit<FormBase, 'errors'> & { version: number; reviewer: string }) {
  const lang = prefs.lang;
  return (
    <Section id="withdraw" title={t(lang, 'withdrawHeading')}>
      <p>{t(lang, 'withdrawHelp', { reviewer })}</p>
      <PostForm action={`${formAction}/withdraw`} csrf={auth.csrfToken} hidden={{ version: String(version), ask: '1' }}>
        <SubmitRow label={t(lang, 'withdraw')} class="secondary" />
      </PostForm>
    </Section>
  );
}

export interface CorrectionFormProps extends FormBase {
  formVersion: number;
  scale: ScaleInfo;
  values: EntryInput;
  conflict: EntryDetail | undefined;
  correctionReason: string | undefined;
}

export function CorrectionForm({ prefs, auth, formAction, errors, formVersion, scale, values, conflict, correctionReason }: CorrectionFormProps) {
  const lang = prefs.lang;
  return (
    <Section id="correction" title={t(lang, 'correctionAfterPublication')}>
      <p>{t(lang, 'correctionHelp')}</p>
      <PostForm action={`${formAction}/correction`} csrf={auth.csrfToken} hidden={{ version: String(formVersion) }} submit={t(lang, 'recordCorrection')}>
        <EntryFields prefs={prefs} scale={scale} values={values} errors={errors} conflict={conflict} />
        <TextAreaField
          id="correctionReason"
          errorId="correction-error"
          label={t(lang, 'reasonForTheCorrection')}
          error={errors.correction}
          value={correctionReason}
          rows={3}
        />
      </PostForm>
    </Section>
  );
}
