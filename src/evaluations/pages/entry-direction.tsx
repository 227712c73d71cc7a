/**
 * 今後の方向性 as data: the category chosen from the plan's own list (拡充 / 継続 / … by
 * default). The free text beside it is the entry's 今後の方向性 text field.
 */
import type { Preferences } from '../../web/preferences.js';
import { SelectField } from '../../web/ui/form-field.js';
import type { DirectionCode } from '../../indicators/indicator-queries.js';
import type { FormErrors } from '../entry-store.js';
import { t } from '../messages.js';

export function EntryDirection({
  prefs,
  codes,
  value,
  errors,
  theirs,
}: {
  prefs: Preferences;
  codes: readonly DirectionCode[];
  value: string;
  errors: FormErrors;
  /** After a conflict: the code the other person saved. */
  theirs?: string | null | undefined;
}) {
  const lang = prefs.lang;
  if (codes.length === 0) return null;
  // A code no longer on the list stays selectable as typed, so nothing typed is lost.
  const gone = value !== '' && !codes.some((c) => c.code === value) ? [{ value, label: value }] : [];
  return (
    <SelectField
      id="directionCode"
      label={t(lang, 'directionCode')}
      hint={t(lang, 'directionCodeHint')}
      error={errors.directionCode}
      describedBy={theirs !== undefined ? ['directionCode-theirs'] : []}
      value={value}
      choices={[{ value: '', label: t(lang, 'notChosen') }, ...gone, ...codes.map((c) => ({ value: c.code, label: c.label }))]}
    >
      {theirs !== undefined && (
        <p class="hint" id="directionCode-theirs">
          {t(lang, 'theirValue', { value: theirs ?? t(lang, 'notChosen') })}
        </p>
      )}
    </SelectField>
  );
}

export function EntryDirectionReadOnly({ prefs, codes, value }: { prefs: Preferences; codes: readonly DirectionCode[]; value: string | null }) {
  const lang = prefs.lang;
  if (codes.length === 0 && value === null) return null;
  return (
    <dl class="facts">
      <dt>{t(lang, 'directionCode')}</dt>
      <dd>{value === null ? t(lang, 'notChosen') : (codes.find((c) => c.code === value)?.label ?? value)}</dd>
    </dl>
  );
}
