/**
 * The forms of an entry page besides the department's own: the division's review
 * (accept, or return with a comment), the department's withdrawal of a submission and
 * the correction after publication.
 */
import type { Preferences } from '../../web/preferences.js';
import { FormField } from '../../web/ui/form-field.js';
import { CsrfField } from '../../auth/shell.js';
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
    <section aria-labelledby="review">
      <h2 id="review">{t(lang, 'review')}</h2>
      <form class="wf-form" method="post" action={`${formAction}/review`}>
        <CsrfField auth={auth} />
        <input type="hidden" name="version" value={String(version)} />
        <input type="hidden" name="ask" value="1" />
        <FormField
          id="comment"
          label={t(lang, 'reviewComment')}
          error={errors.comment}
          control={(aria) => (
            <textarea id="comment" name="comment" rows={4} {...aria}>
              {comment ?? ''}
            </textarea>
          )}
        />
        <div class="actions">
          {actions.includes('accept') && (
            <button type="submit" name="action" value="accept">
              {t(lang, 'accept')}
            </button>
          )}
          {actions.includes('return') && (
            <button type="submit" name="action" value="return" class="danger">
              {t(lang, 'return')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

/** While the division has not acted, the department may take its submission back to edit it. */
export function WithdrawForm({ prefs, auth, formAction, version, reviewer }: Omit<FormBase, 'errors'> & { version: number; reviewer: string }) {
  const lang = prefs.lang;
  return (
    <section aria-labelledby="withdraw">
      <h2 id="withdraw">{t(lang, 'withdrawHeading')}</h2>
      <p>{t(lang, 'withdrawHelp', { reviewer })}</p>
      <form class="wf-form" method="post" action={`${formAction}/withdraw`}>
        <CsrfField auth={auth} />
        <input type="hidden" name="version" value={String(version)} />
        <input type="hidden" name="ask" value="1" />
        <div class="actions">
          <button type="submit" class="secondary">
            {t(lang, 'withdraw')}
          </button>
        </div>
      </form>
    </section>
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
    <section aria-labelledby="correction">
      <h2 id="correction">{t(lang, 'correctionAfterPublication')}</h2>
      <p>{t(lang, 'correctionHelp')}</p>
      <form class="wf-form" method="post" action={`${formAction}/correction`}>
        <CsrfField auth={auth} />
        <input type="hidden" name="version" value={String(formVersion)} />
        <EntryFields prefs={prefs} scale={scale} values={values} errors={errors} conflict={conflict} />
        <FormField
          id="correctionReason"
          errorId="correction-error"
          label={t(lang, 'reasonForTheCorrection')}
          error={errors.correction}
          control={(aria) => (
            <textarea id="correctionReason" name="correctionReason" rows={3} {...aria}>
              {correctionReason ?? ''}
            </textarea>
          )}
        />
        <div class="actions">
          <button type="submit">{t(lang, 'recordCorrection')}</button>
        </div>
      </form>
    </section>
  );
}
