/**
 * The fields of an entry: the rating, its annotations and the three texts, for editing
 * (with someone else's version under each field after a conflict) or for reading.
 */
import type { Preferences } from '../../web/preferences.js';
import { FieldError, FormField } from '../../web/ui/form-field.js';
import type { FormErrors } from '../entry-store.js';
import type { EntryDetail, PrefilledTexts, ScaleInfo } from '../entry-queries.js';
import { unchangedCopies, type EntryInput } from '../workflow.js';
import { t } from '../messages.js';

type TextFieldName = 'reason' | 'issues' | 'direction';
const TEXT_FIELDS: readonly TextFieldName[] = ['reason', 'issues', 'direction'];
const LABEL_KEYS = { reason: 'reasonField', issues: 'issues', direction: 'directionField' } as const;

function TextField({
  name,
  prefs,
  value,
  error,
  theirs,
  copied,
}: {
  name: TextFieldName;
  prefs: Preferences;
  value: string;
  error: string | undefined;
  theirs: string | undefined;
  copied: boolean;
}) {
  return (
    <FormField
      id={name}
      label={t(prefs.lang, LABEL_KEYS[name])}
      error={error}
      hint={copied ? <span class="prefilled-note">{t(prefs.lang, 'prefilledFromLastYear')}</span> : undefined}
      describedBy={theirs !== undefined ? [`${name}-theirs`] : []}
      control={(aria) => (
        <textarea id={name} name={name} rows={6} {...aria}>
          {/* A browser drops one newline right after <textarea>; this one, so the text keeps its own. */}
          {`\n${value}`}
        </textarea>
      )}
    >
      {theirs !== undefined && (
        <div id={`${name}-theirs`}>
          <p class="hint">{t(prefs.lang, 'theirsHint')}</p>
          <div class="theirs">{theirs || t(prefs.lang, 'empty')}</div>
        </div>
      )}
    </FormField>
  );
}

export function EntryFields({
  prefs,
  scale,
  values,
  errors,
  conflict,
  prefilled,
}: {
  prefs: Preferences;
  scale: ScaleInfo;
  values: EntryInput;
  errors: FormErrors;
  conflict: EntryDetail | undefined;
  prefilled?: PrefilledTexts;
}) {
  const copied = prefilled ? unchangedCopies(values, prefilled) : [];
  const lang = prefs.lang;
  return (
    <>
      <fieldset aria-describedby={errors.ratingCode ? 'ratingCode-error' : undefined}>
        <legend>{t(lang, 'rating')}</legend>
        <div class="choices">
          {scale.codes.map((c) => (
            <label>
              <input
                type="radio"
                name="ratingCode"
                value={c.code}
                checked={values.ratingCode === c.code}
                aria-invalid={errors.ratingCode ? 'true' : undefined}
              />
              <span>
                <strong>{c.code}</strong> {c.label}
              </span>
            </label>
          ))}
        </div>
        <FieldError id="ratingCode-error" message={errors.ratingCode} />
        {conflict && <p class="hint">{t(lang, 'theirRating', { rating: conflict.ratingCode ?? t(lang, 'notSelected') })}</p>}
      </fieldset>
      {scale.annotationKinds.length > 0 && (
        <fieldset aria-describedby={errors.annotationKindIds ? 'annotationKindIds-error' : undefined}>
          <legend>{t(lang, 'annotations')}</legend>
          <div class="choices">
            {scale.annotationKinds.map((k) => (
              <label>
                <input type="checkbox" name="annotationKindIds" value={String(k.id)} checked={values.annotationKindIds.includes(k.id)} />
                <span>
                  {k.mark} {k.meaning}
                </span>
              </label>
            ))}
          </div>
          <FieldError id="annotationKindIds-error" message={errors.annotationKindIds} />
        </fieldset>
      )}
      {TEXT_FIELDS.map((name) => (
        <TextField name={name} prefs={prefs} value={values[name]} error={errors[name]} theirs={conflict?.[name]} copied={copied.includes(name)} />
      ))}
    </>
  );
}

export function EntryReadOnly({ prefs, entry, scale }: { prefs: Preferences; entry: EntryDetail; scale: ScaleInfo }) {
  const code = scale.codes.find((c) => c.code === entry.ratingCode);
  const marks = scale.annotationKinds.filter((k) => entry.annotationKindIds.includes(k.id));
  return (
    <dl class="facts">
      <dt>{t(prefs.lang, 'rating')}</dt>
      <dd>
        {entry.ratingCode ? `${entry.ratingCode}${marks.map((m) => m.mark).join('')} ${code?.label ?? ''}` : t(prefs.lang, 'notSelected')}
        {marks.map((m) => (
          <div class="note">
            {m.mark} {m.meaning}
          </div>
        ))}
      </dd>
      {TEXT_FIELDS.map((k) => (
        <>
          <dt>{t(prefs.lang, LABEL_KEYS[k])}</dt>
          <dd class="pre">{entry[k]}</dd>
        </>
      ))}
    </dl>
  );
}
