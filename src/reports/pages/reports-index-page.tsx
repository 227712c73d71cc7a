/** GET /plans/:slug/reports — the rounds of a plan, each with its report page and downloads. */
import type { PlanDetail } from '../../plans/plan-queries.js';
import { Layout, withPreference } from '../../web/layout.js';
import type { Preferences } from '../../web/preferences.js';
import { t } from '../messages.js';
import type { ReportRoundSummary } from '../report-queries.js';
import { reportListPath } from '../report-urls.js';
import { ReportFormatLinks, reportHref, roundTitle } from './report-links.js';
import { Section } from '../../web/ui/section.js';

function RoundSection({ slug, round, prefs }: { slug: string; round: ReportRoundSummary; prefs: Preferences }) {
  const id = `round-${round.fiscalYear}-${round.kind}`;
  return (
    <Section id={id} title={roundTitle(round, prefs)}>
      {round.hasRatings ? (
        <>
          <p>
            <a href={reportHref(slug, round.fiscalYear, round.kind, prefs)}>
              {t(prefs.lang, 'openReport')}
              <span class="visually-hidden">{`: ${roundTitle(round, prefs)}`}</span>
            </a>
          </p>
          <ReportFormatLinks slug={slug} round={round} prefs={prefs} />
        </>
      ) : (
        <p>{t(prefs.lang, 'noRatings')}</p>
      )}
    </Section>
  );
}

export function ReportsIndexPage({
  plan,
  rounds,
  prefs,
}: {
  plan: Pick<PlanDetail, 'slug' | 'name'>;
  rounds: readonly ReportRoundSummary[];
  prefs: Preferences;
}) {
  const title = t(prefs.lang, 'reportsOf', { plan: plan.name });
  return (
    <Layout
      title={title}
      prefs={prefs}
      path={reportListPath(plan.slug)}
      nav={[{ href: withPreference(`/plans/${encodeURIComponent(plan.slug)}`, prefs, {}), label: plan.name }]}
    >
      <link rel="stylesheet" href="/reports/report.css" />
      <h1>{title}</h1>
      {rounds.length === 0 ? <p>{t(prefs.lang, 'noRounds')}</p> : rounds.map((r) => <RoundSection slug={plan.slug} round={r} prefs={prefs} />)}
    </Layout>
  );
}
