/** The admin screen of plan lineage: the mappings in place, each with the carried-over comparison, and the form that replaces one. */
import { AppShell } from '../../auth/shell.js';
import type { Session } from '../../auth/sessions.js';
import { fiscalYearLabel } from '../../fiscal/fiscal-year.js';
import type { FieldErrors } from '../../web/forms.js';
import type { Preferences } from '../../web/preferences.js';
import { DataTable } from '../../web/ui/data-table.js';
import { FieldError, SelectField } from '../../web/ui/form-field.js';
import { formatRate } from '../../web/ui/format.js';
import { Notice } from '../../web/ui/notices.js';
import { PostForm } from '../../web/ui/post-form.js';
import type { CarriedYear } from '../lineage-compare.js';
import { LINEAGE_KIND_WORDS } from '../lineage-mapping.js';
import type { LineageRow, PlanLineage } from '../lineage-queries.js';
import { lt } from '../messages.js';

export interface LineageView {
  lineage: PlanLineage;
  compared: { items: number; years: CarriedYear[] };
}

export interface LineagePageProps {
  prefs: Preferences;
  auth: Session;
  plans: { slug: string; name: string }[];
  views: LineageView[];
  values: { successor: string; predecessor: string; csv: string };
  errors: FieldErrors;
  notice?: string | undefined;
}

const itemText = (i: LineageRow['predecessor']) => (i ? `${i.code} ${i.name}` : '—');

function MappingTables({ view, prefs }: { view: LineageView; prefs: Preferences }) {
  const { lang } = prefs;
  const { lineage, compared } = view;
  return (
    <section aria-label={`${lineage.predecessor.name} → ${lineage.successor.name}`}>
      <DataTable<LineageRow>
        caption={lt(lang, 'mappingCaption', { from: lineage.predecessor.name, to: lineage.successor.name, count: lineage.rows.length })}
        rows={lineage.rows}
        columns={[
          { header: lt(lang, 'kind'), rowHeader: true, cell: (r) => LINEAGE_KIND_WORDS[r.kind][lang] },
          { header: lt(lang, 'fromItem'), cell: (r) => itemText(r.predecessor) },
          { header: lt(lang, 'toItem'), cell: (r) => itemText(r.successor) },
        ]}
      />
      <DataTable<CarriedYear>
        caption={lt(lang, 'compareCaption', { count: compared.items })}
        rows={compared.years}
        empty={lt(lang, 'none')}
        columns={[
          { header: lt(lang, 'year'), rowHeader: true, cell: (y) => fiscalYearLabel(y.fiscalYear, prefs.era) },
          { header: lt(lang, 'side'), cell: (y) => (y.side === 'predecessor' ? lineage.predecessor.name : lineage.successor.name) },
          { header: lt(lang, 'rated'), numeric: true, cell: (y) => y.rated },
          { header: lt(lang, 'achieved'), numeric: true, cell: (y) => y.achieved },
          { header: lt(lang, 'rate'), numeric: true, cell: (y) => formatRate(y.achievementRate) },
        ]}
      />
    </section>
  );
}

function PlanSelect({
  name,
  label,
  plans,
  value,
  error,
  lang,
}: {
  name: string;
  label: string;
  plans: LineagePageProps['plans'];
  value: string;
  error: string | undefined;
  lang: Preferences['lang'];
}) {
  const choices = [{ value: '', label: lt(lang, 'choose') }, ...plans.map((p) => ({ value: p.slug, label: `${p.name}（${p.slug}）` }))];
  return <SelectField id={name} label={label} value={value} choices={choices} error={error} required />;
}

export function LineagePage({ prefs, auth, plans, views, values, errors, notice }: LineagePageProps) {
  const { lang } = prefs;
  return (
    <AppShell title={lt(lang, 'title')} prefs={prefs} path="/admin/lineage" auth={auth}>
      <h1>{lt(lang, 'title')}</h1>
      <Notice message={notice} />
      <p>{lt(lang, 'intro')}</p>
      <h2 id="current">{lt(lang, 'current')}</h2>
      {views.length === 0 ? <p>{lt(lang, 'none')}</p> : views.map((v) => <MappingTables view={v} prefs={prefs} />)}
      <h2 id="edit">{lt(lang, 'save')}</h2>
      <PostForm action="/admin/lineage" csrf={auth.csrfToken} labelledBy="edit" submit={lt(lang, 'save')}>
        <PlanSelect name="successor" label={lt(lang, 'successor')} plans={plans} value={values.successor} error={errors.successor} lang={lang} />
        <PlanSelect name="predecessor" label={lt(lang, 'predecessor')} plans={plans} value={values.predecessor} error={errors.predecessor} lang={lang} />
        <div>
          <label for="csv">{lt(lang, 'csv')}</label>
          <p class="note" id="csv-hint">
            {lt(lang, 'csvHint')}
          </p>
          <textarea
            id="csv"
            name="csv"
            rows={12}
            required
            aria-invalid={errors.csv ? 'true' : undefined}
            aria-describedby={errors.csv ? 'csv-hint csv-error' : 'csv-hint'}
          >
            {values.csv}
          </textarea>
          <FieldError id="csv-error" message={errors.csv} />
        </div>
      </PostForm>
    </AppShell>
  );
}
