/** The workflow's rounds (list, creation, settings, closing and publishing) and its board and review queue. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isAppError } from '../errors.js';
import type { AppContext } from '../web/context.js';
import { parseInput, rawValues } from '../web/forms.js';
import { listPlans } from '../plans/plan-queries.js';
import { guardedRoute } from '../auth/guard.js';
import { acceptEntries } from './entry-store.js';
import { t } from './messages.js';
import { itemNames, listEntries, listRounds, loadBoard, loadMyTasks, loadOpinions, opinionTargets, roundProgress, type Round } from './round-queries.js';
import { createRound, transitionRound, updateRoundDeadline } from './round-store.js';
import { commonKindLabels, loadPlanVocabulary } from './plan-settings-queries.js';
import { missingOpinions } from './workflow.js';
import { base, page, readLeniently, roundBase, roundOf, type Req } from './workflow-http.js';
import * as schema from './workflow-schema.js';
import { BoardPage } from './pages/board-page.js';
import { loadExtensionWarning } from '../indicators/extension-warning.js';
import { ConfirmTransitionPage } from './pages/confirm-transition-page.js';
import { MyTasksPage } from './pages/my-tasks-page.js';
import type { RoundFormValues } from './pages/new-round-form.js';
import { ReviewQueuePage, type ReviewQueuePageProps } from './pages/review-queue-page.js';
import { RoundSettingsPage } from './pages/round-settings-page.js';
import { RoundsPage } from './pages/rounds-page.js';

function roundFormValues(input: unknown): RoundFormValues {
  const v = rawValues(input);
  const one = (key: string) => [v[key] ?? ''].flat()[0] ?? '';
  return { planId: one('planId'), fiscalYear: one('fiscalYear'), kind: one('kind'), deadline: one('deadline') };
}

/** Plan, kind and the server's refusal share the message under the form. */
function roundFormErrors(errors: Record<string, string>): Record<string, string> {
  const { planId, kind, ...rest } = errors;
  const form = kind ?? planId;
  return form ? { ...rest, form } : rest;
}

/** The rounds list with the new-round form. */
async function showRounds(ctx: AppContext, req: Req, reply: FastifyReply, values: RoundFormValues, errors: Record<string, string>, status = 200) {
  const [rounds, plans] = await Promise.all([listRounds(ctx.db), listPlans(ctx.db)]);
  const vocabularies = await Promise.all(plans.map((p) => loadPlanVocabulary(ctx.db, p.id)));
  const kindLabels = commonKindLabels(vocabularies, req.prefs.lang);
  return page(
    reply,
    <RoundsPage {...base(req)} path="/rounds" rounds={rounds} plans={plans} values={values} errors={errors} kindLabels={kindLabels} />,
    status,
  );
}

/** A round's settings page: deadline, progress and the next step. */
async function showSettings(ctx: AppContext, req: Req, reply: FastifyReply, round: Round, errors: Record<string, string>, status = 200, deadline?: string) {
  const q = readLeniently(schema.settingsQuery, req.query);
  const notice = q.created ? t(req.prefs.lang, 'roundCreated') : q.done ? t(req.prefs.lang, 'changed') : undefined;
  const progress = await roundProgress(ctx.db, round.id);
  return page(
    reply,
    <RoundSettingsPage {...base(req)} round={round} progress={progress} errors={errors} deadline={deadline ?? round.deadline ?? ''} notice={notice} />,
    status,
  );
}

/** The confirmation page of closing or publishing, with what is still missing. */
async function showConfirm(
  ctx: AppContext,
  req: Req,
  reply: FastifyReply,
  round: Round,
  action: 'close' | 'publish',
  reason = '',
  error?: string,
  status = 200,
) {
  const vocabulary = await loadPlanVocabulary(ctx.db, round.planId);
  const [board, targets, opinions] = await Promise.all([
    loadBoard(ctx.db, round.id, vocabulary),
    opinionTargets(ctx.db, round.planId, vocabulary),
    loadOpinions(ctx.db, round.id),
  ]);
  return page(
    reply,
    <ConfirmTransitionPage
      {...roundBase(req, round, vocabulary)}
      action={action}
      counts={board.totals.counts}
      missingOpinions={missingOpinions(targets, opinions)}
      reason={reason}
      error={error}
    />,
    status,
  );
}

/** The review queue: submitted entries, after a bulk accept with the ones it left alone. */
async function showReview(ctx: AppContext, req: Req, reply: FastifyReply, round: Round, notice?: string, changed: ReviewQueuePageProps['changed'] = []) {
  const [rows, vocabulary] = await Promise.all([listEntries(ctx.db, round.id, { statuses: ['submitted'] }), loadPlanVocabulary(ctx.db, round.planId)]);
  return page(reply, <ReviewQueuePage {...roundBase(req, round, vocabulary)} rows={rows} notice={notice} changed={changed} />);
}

export function registerRoundRoutes(app: FastifyInstance, ctx: AppContext): void {
  guardedRoute(app, 'GET', '/work', 'signedIn', async (req, reply, user) => {
    const tasks = await loadMyTasks(ctx.db, user, await listRounds(ctx.db));
    return page(reply, <MyTasksPage {...base(req)} path="/work" tasks={tasks} />);
  });

  guardedRoute(app, 'GET', '/rounds', ['readAllItems', 'manageRounds'], async (req, reply) =>
    showRounds(ctx, req, reply, { planId: '', fiscalYear: '', kind: 'yearly', deadline: '' }, {}),
  );

  guardedRoute(app, 'POST', '/rounds', ['manageRounds'], async (req, reply, user) => {
    const values = roundFormValues(req.body);
    const form = parseInput(schema.newRoundForm, req.body);
    if (!form.ok) return showRounds(ctx, req, reply, values, roundFormErrors(form.errors), 422);
    try {
      const round = await createRound(ctx.db, form.value, user);
      return reply.redirect(`/rounds/${round.id}?created=1`, 303);
    } catch (error) {
      if (isAppError(error, 'invalid-input')) return showRounds(ctx, req, reply, values, { form: error.message }, 422);
      throw error;
    }
  });

  guardedRoute(app, 'GET', '/rounds/:roundId', ['manageRounds'], async (req, reply) => showSettings(ctx, req, reply, await roundOf(ctx, req), {}));

  guardedRoute(app, 'POST', '/rounds/:roundId/settings', ['manageRounds'], async (req, reply, user) => {
    const round = await roundOf(ctx, req);
    const form = parseInput(schema.deadlineForm, req.body);
    if (!form.ok) return showSettings(ctx, req, reply, round, form.errors, 422, roundFormValues(req.body).deadline);
    await updateRoundDeadline(ctx.db, round.id, form.value.deadline, user);
    return reply.redirect(`/rounds/${round.id}?done=1`, 303);
  });

  guardedRoute(app, 'GET', '/rounds/:roundId/confirm', ['manageRounds', 'publishRound'], async (req, reply) => {
    const round = await roundOf(ctx, req);
    const q = parseInput(schema.confirmQuery, req.query);
    // No step named: the settings page lists the steps there are.
    if (!q.ok) return reply.redirect(`/rounds/${round.id}`, 303);
    return showConfirm(ctx, req, reply, round, q.value.action);
  });

  guardedRoute(app, 'POST', '/rounds/:roundId/transition', ['manageRounds', 'publishRound'], async (req, reply, user) => {
    const round = await roundOf(ctx, req);
    const form = parseInput(schema.transitionForm, req.body);
    if (!form.ok) return showSettings(ctx, req, reply, round, { transition: form.errors.action ?? '' }, 422);
    const { action, confirmed, reason } = form.value;
    // Irreversible steps are taken only from their confirmation page, which states what is missing.
    if (action !== 'open' && !confirmed) return reply.redirect(`/rounds/${round.id}/confirm?action=${action}`, 303);
    try {
      await transitionRound(ctx.db, round.id, action, user, { reason });
    } catch (error) {
      if (action !== 'open' && isAppError(error, 'invalid-input')) return showConfirm(ctx, req, reply, round, action, reason, error.message, 422);
      if (isAppError(error, 'invalid-state')) return showSettings(ctx, req, reply, round, { transition: error.message }, 409);
      throw error;
    }
    return reply.redirect(`/rounds/${round.id}?done=1`, 303);
  });
}

export function registerBoardRoutes(app: FastifyInstance, ctx: AppContext): void {
  guardedRoute(app, 'GET', '/rounds/:roundId/board', ['readAllItems'], async (req, reply) => {
    const round = await roundOf(ctx, req);
    const vocabulary = await loadPlanVocabulary(ctx.db, round.planId);
    const [board, extensionWarning] = await Promise.all([loadBoard(ctx.db, round.id, vocabulary), loadExtensionWarning(ctx.db, round.planId)]);
    const { department, measure, status } = readLeniently(schema.boardQuery, req.query);
    if (department === undefined && measure === undefined && !status)
      return page(reply, <BoardPage {...roundBase(req, round, vocabulary)} board={board} extensionWarning={extensionWarning} />);
    const list = await listEntries(ctx.db, round.id, {
      ...(department !== undefined ? { departmentIds: [department] } : {}),
      ...(measure !== undefined ? { measureId: measure } : {}),
      ...(status ? { statuses: [status] } : {}),
    });
    // Any item may be drilled into (the opinions page links every opinion target), not only the board's rows.
    const itemName = async (id: number) => board.measures.find((m) => m.id === id)?.name ?? (await itemNames(ctx.db, [id])).get(id)?.name;
    const name =
      department !== undefined ? board.departments.find((d) => d.id === department)?.name : measure !== undefined ? await itemName(measure) : undefined;
    const caption = t(req.prefs.lang, 'subItemsOf', { name: name ?? '', count: list.length });
    return page(
      reply,
      <BoardPage {...roundBase(req, round, vocabulary)} board={board} list={list} listCaption={caption} extensionWarning={extensionWarning} />,
    );
  });

  guardedRoute(app, 'GET', '/rounds/:roundId/review', ['review'], async (req, reply) => showReview(ctx, req, reply, await roundOf(ctx, req)));

  guardedRoute(app, 'POST', '/rounds/:roundId/review/accept', ['review'], async (req, reply, user) => {
    const round = await roundOf(ctx, req);
    const { pick } = readLeniently(schema.bulkAcceptForm, req.body);
    if (pick.length === 0) return showReview(ctx, req, reply, round, t(req.prefs.lang, 'bulkNothingPicked'));
    const result = await acceptEntries(ctx.db, round, pick, user);
    const names = await itemNames(
      ctx.db,
      result.changed.map((c) => c.itemId),
    );
    const changed = result.changed.map((c) => ({ ...c, code: names.get(c.itemId)?.code ?? '', name: names.get(c.itemId)?.name ?? '' }));
    // Shown directly rather than redirected: the items left alone are listed once, with why.
    return showReview(ctx, req, reply, round, t(req.prefs.lang, 'bulkAccepted', { count: result.accepted.length }), changed);
  });
}
