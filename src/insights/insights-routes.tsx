/**
 * The staff side of the insights: a plan's 「この年度の変化」 pages (beside the plan
 * page, every stored rating) and a round's drafted sentences for the opinion writers.
 */
import { DEFAULT_STAGNANT_YEARS } from '../analysis/stagnation.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { guardedRoute, sendPage } from '../auth/guard.js';
import { notFound } from '../errors.js';
import { resolvePlan } from '../plans/plan-queries.js';
import type { AppContext } from '../web/context.js';
import { parseInput } from '../web/forms.js';
import { renderPage } from '../web/layout.js';
import { pathOf } from '../web/request-path.js';
import { draftSentences } from './draft-sentences.js';
import { loadPlanInsightData, loadRoundInsightData, type InsightRound } from './insights-queries.js';
import { kindLabelOf, loadPlanVocabulary } from '../evaluations/plan-settings-queries.js';
import { changesParams, roundParams } from './insights-schema.js';
import { StaffChangesPage } from './pages/changes-page.js';
import { DraftsPage } from './pages/drafts-page.js';
import { comparableYears, yearChanges } from './year-changes.js';

/** The portal's rule for stagnation, used on the staff side too. */

export function registerInsightRoutes(app: FastifyInstance, ctx: AppContext): void {
  const showChanges = async (req: FastifyRequest, reply: FastifyReply) => {
    const parsed = parseInput(changesParams, req.params);
    if (!parsed.ok) throw notFound('ページが見つかりません');
    const plan = await resolvePlan(ctx.db, parsed.value.slug);
    const data = await loadPlanInsightData(ctx.db, plan.id);
    const years = comparableYears(data.input);
    const year = parsed.value.year ?? years[years.length - 1];
    if (parsed.value.year !== undefined && !years.includes(parsed.value.year)) throw notFound(`比べられる年度ではありません: ${parsed.value.year}`);
    const changes = year === undefined ? undefined : yearChanges(data.input, year, { stagnantYears: DEFAULT_STAGNANT_YEARS });
    return reply
      .type('text/html; charset=utf-8')
      .send(renderPage(<StaffChangesPage plan={plan} changes={changes} years={years} prefs={req.prefs} path={pathOf(req)} />));
  };
  app.get('/plans/:slug/changes', showChanges);
  app.get('/plans/:slug/changes/:year', showChanges);

  guardedRoute(app, 'GET', '/rounds/:roundId/drafts', ['readAllItems'], async (req, reply) => {
    const parsed = parseInput(roundParams, req.params);
    if (!parsed.ok) throw notFound('評価の回が見つかりません。');
    const data = await loadRoundInsightData(ctx.db, parsed.value.roundId);
    const changes = yearChanges(data.input, data.year, { stagnantYears: DEFAULT_STAGNANT_YEARS });
    const vocabulary = await loadPlanVocabulary(ctx.db, data.plan.id);
    const kindLabel = (kind: InsightRound['kind']) => kindLabelOf(vocabulary, kind, req.prefs.lang);
    const sentences = draftSentences(changes, data.input, data.rounds, { lang: req.prefs.lang, era: req.prefs.era, kindLabel });
    reply.header('cache-control', 'no-store');
    const page = (
      <DraftsPage
        prefs={req.prefs}
        auth={req.auth!}
        path={pathOf(req)}
        plan={data.plan}
        round={data.round}
        year={data.year}
        overlay={data.overlay}
        sentences={sentences}
        kindLabel={kindLabel(data.round.kind)}
      />
    );
    return sendPage(reply, renderPage(page));
  });
}
