/** The preview of a pending upload: what confirming would store (the same facts as `--dry-run`). */
import { fiscalYearLabel } from '../../fiscal/fiscal-year.js';
import { roundKindLabel } from '../../evaluations/round-kinds.js';
import type { Preferences } from '../../web/preferences.js';
import { DataTable } from '../../web/ui/data-table.js';
import { PostButton } from '../../web/ui/post-button.js';
import { AppShell } from '../../auth/shell.js';
import type { Session } from '../../auth/sessions.js';
import type { ImportPreview } from '../dry-run.js';
import { t } from '../messages.js';

export interface ImportPreviewPageProps {
  prefs: Preferences;
  auth: Session;
  uploadId: string;
  fileName: string;
  preview: ImportPreview;
  /** Where confirming stores it: a new plan, or the plan already stored under that slug. */
  target: { slug: string; existingName?: string | undefined };
  lifetimeMinutes: number;
}

export function ImportPreviewPage({ prefs, auth, uploadId, fileName, preview, target, lifetimeMinutes }: ImportPreviewPageProps) {
  const { lang } = prefs;
  const csrf = { _csrf: auth.csrfToken };
  return (
    <AppShell title={t(lang, 'previewTitle')} prefs={prefs} path="/admin/imports" auth={auth}>
      <h1>{t(lang, 'previewTitle')}</h1>
      <p>{t(lang, 'previewIntro', { file: fileName })}</p>
      <p class="notice">
        {target.existingName === undefined
          ? t(lang, 'willAdd', { slug: target.slug })
          : t(lang, 'willUpdate', { slug: target.slug, name: target.existingName })}
      </p>
      <PlanFacts prefs={prefs} preview={preview} />
      <DataTable
        caption={t(lang, 'tiers')}
        rows={preview.tiers}
        columns={[
          { header: t(lang, 'tier'), rowHeader: true, cell: (tier) => tier.name },
          { header: t(lang, 'count'), numeric: true, cell: (tier) => tier.count },
        ]}
      />
      <ScalesAndDepartments lang={lang} preview={preview} />
      <Warnings lang={lang} preview={preview} />
      <p class="hint">{t(lang, 'expires', { minutes: lifetimeMinutes })}</p>
      <div class="actions">
        <PostButton action={`/admin/imports/${uploadId}/confirm`} fields={csrf} label={t(lang, 'confirm')} />
        <PostButton action={`/admin/imports/${uploadId}/discard`} fields={csrf} label={t(lang, 'discard')} />
      </div>
    </AppShell>
  );
}

/** The plan, its period and what confirming writes: ratings, narratives, rounds, indicators and the figures around them. */
function PlanFacts({ prefs, preview }: { prefs: Preferences; preview: ImportPreview }) {
  const { lang } = prefs;
  const fy = (year: number) => fiscalYearLabel(year, prefs.era);
  const facts = preview.indicatorFacts;
  return (
    <dl class="import-facts">
      <dt>{t(lang, 'plan')}</dt>
      <dd>{preview.planName}</dd>
      <dt>{t(lang, 'period')}</dt>
      <dd>
        {fy(preview.startFiscalYear)}〜{fy(preview.endFiscalYear)}
      </dd>
      <dt>{t(lang, 'ratings')}</dt>
      <dd>{t(lang, 'items', { n: preview.ratings })}</dd>
      <dt>{t(lang, 'years')}</dt>
      <dd>{preview.fiscalYears.map(fy).join('、') || t(lang, 'none')}</dd>
      <dt>{t(lang, 'narratives')}</dt>
      <dd>{t(lang, 'items', { n: preview.narratives })}</dd>
      {preview.rounds.length > 0 && (
        <>
          <dt>{t(lang, 'rounds')}</dt>
          <dd>{preview.rounds.map((r) => `${fy(r.fiscalYear)} ${roundKindLabel(r.kind, lang)}`).join('、')}</dd>
        </>
      )}
      {facts.indicators > 0 && (
        <>
          <dt>{t(lang, 'indicators')}</dt>
          <dd>{t(lang, 'indicatorCounts', { n: facts.indicators, targets: facts.targets, actuals: facts.actuals })}</dd>
        </>
      )}
      {facts.directions > 0 && (
        <>
          <dt>{t(lang, 'directions')}</dt>
          <dd>{t(lang, 'items', { n: facts.directions })}</dd>
        </>
      )}
      {facts.costs > 0 && (
        <>
          <dt>{t(lang, 'costs')}</dt>
          <dd>{t(lang, 'items', { n: facts.costs })}</dd>
        </>
      )}
    </dl>
  );
}

function ScalesAndDepartments({ lang, preview }: { lang: Preferences['lang']; preview: ImportPreview }) {
  return (
    <>
      <h2>{t(lang, 'scales')}</h2>
      <ul>
        {preview.scales.map((s) => (
          <li>
            {s.name}（{t(lang, 'scaleRates', { tier: s.tierName })}）:{' '}
            {s.codes.map((c) => (c.label && c.label !== c.code ? `${c.code} ${c.label}` : c.code)).join(' / ')}
          </li>
        ))}
      </ul>
      {preview.departments.length > 0 && (
        <>
          <h2>
            {t(lang, 'departments')}（{t(lang, 'items', { n: preview.departments.length })}）
          </h2>
          <p>{preview.departments.join('、')}</p>
        </>
      )}
    </>
  );
}

function Warnings({ lang, preview }: { lang: Preferences['lang']; preview: ImportPreview }) {
  if (preview.warnings.length === 0) return null;
  return (
    <>
      <h2>{t(lang, 'warnings')}</h2>
      <ul class="import-warnings">
        {preview.warnings.map((w) => (
          <li>{w.place ? `${w.place}: ${w.message}` : w.message}</li>
        ))}
      </ul>
    </>
  );
}
