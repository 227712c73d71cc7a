/** The upload form of the web import, with the problems of a file that could not be read. */
import type { FieldErrors } from '../../web/forms.js';
import type { Preferences } from '../../web/preferences.js';
import { DataTable } from '../../web/ui/data-table.js';
import { FormField, fieldsOf, SelectField, TextField } from '../../web/ui/form-field.js';
import { Alert, Notice } from '../../web/ui/notices.js';
import { PostForm } from '../../web/ui/post-form.js';
import { AppShell } from '../../auth/shell.js';
import type { Session } from '../../auth/sessions.js';
import { ENCODING_CHOICES } from '../import-schema.js';
import { t } from '../messages.js';

export interface ImportProblem {
  place?: string | undefined;
  message: string;
}

export interface ImportPageProps {
  prefs: Preferences;
  auth: Session;
  maxMb: number;
  values: { encoding: string; slug: string };
  errors: FieldErrors;
  problems?: ImportProblem[] | undefined;
  notice?: string | undefined;
}

const ENCODING_TITLES: Record<(typeof ENCODING_CHOICES)[number], string> = {
  '': '',
  'utf-8': 'UTF-8',
  shift_jis: 'Shift_JIS (CP932)',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
};

function ProblemTable({ lang, problems }: { lang: Preferences['lang']; problems: ImportProblem[] }) {
  return (
    <Alert>
      <p id="import-problems">{t(lang, 'problems')}</p>
      <DataTable
        labelledBy="import-problems"
        rows={problems}
        columns={[
          { header: t(lang, 'place'), cell: (p) => p.place ?? '' },
          { header: t(lang, 'problem'), cell: (p) => p.message },
        ]}
      />
    </Alert>
  );
}

export function ImportPage({ prefs, auth, maxMb, values, errors, problems, notice }: ImportPageProps) {
  const { lang } = prefs;
  const field = fieldsOf(values, errors);
  return (
    <AppShell title={t(lang, 'title')} prefs={prefs} path="/admin/imports" auth={auth}>
      <h1>{t(lang, 'title')}</h1>
      <Notice message={notice} />
      <p>{t(lang, 'intro')}</p>
      {problems && problems.length > 0 && <ProblemTable lang={lang} problems={problems} />}
      <PostForm action="/admin/imports" csrf={auth.csrfToken} enctype="multipart/form-data" labelledBy="import-form-title" submit={t(lang, 'check')}>
        <h2 id="import-form-title">{t(lang, 'check')}</h2>
        <FormField
          id="file"
          label={t(lang, 'file')}
          hint={t(lang, 'fileHint', { max: maxMb })}
          error={errors.file}
          control={(aria) => <input type="file" id="file" name="file" required accept=".txt,.md,.csv,.tsv,.xlsx" {...aria} />}
        />
        <FormField
          id="mapping"
          label={t(lang, 'mapping')}
          hint={t(lang, 'mappingHint')}
          error={errors.mapping}
          control={(aria) => <input type="file" id="mapping" name="mapping" accept=".json,application/json" {...aria} />}
        />
        <SelectField
          {...field('encoding')}
          label={t(lang, 'encoding')}
          choices={ENCODING_CHOICES.map((e) => ({ value: e, label: e === '' ? t(lang, 'encodingAuto') : ENCODING_TITLES[e] }))}
        />
        <TextField {...field('slug')} label={t(lang, 'slug')} hint={t(lang, 'slugHint')} autocomplete="off" pattern="[a-z0-9][a-z0-9\-]*" />
      </PostForm>
    </AppShell>
  );
}
