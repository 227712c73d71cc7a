/**
 * HTTP routes of the workflow. Each route names who may call it (guardedRoute); the
 * stores check again, including department scope and the state machine, so hiding a
 * button is never the only protection. Input goes through workflow-schema.ts; refusals
 * are AppErrors shown by the server's error page, except where a form is shown again
 * with the message beside the field. Successful POSTs redirect (PRG).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { z } from 'zod';
import { env } from '../config/env.js';
import { invalidInput, isAppError, notFound } from '../errors.js';
import type { AppContext } from '../web/context.js';
import { parseInput, rawValues } from '../web/forms.js';
import { renderPage } from '../web/layout.js';
import { pathOf } from '../web/request-path.js';
import { listPlans } from '../plans/plan-queries.js';
import { guardedRoute, sendPage } from '../auth/guard.js';
import { can } from '../auth/roles.js';
import type { SessionUser } from '../auth/sessions.js';
import { acceptEntries, correctPublishedEntry, reviewEntry, saveEntry, withdrawEntry, type FormErrors } from './entry-store.js';
import { entryFiguresOf, entryInputOf, loadEntryView, type EntryDetail } from './entry-queries.js';
import { loadExtensionWarning } from '../indicators/extension-warning.js';
import { typedFiguresFromForm, typedFiguresOf, type TypedFigures } from './entry-figures.js';
import { withStoredActuals } from './entry-figures-queries.js';
import { t } from './messages.js';
import { saveOpinion } from './opinion-store.js';
import { mailerFromEnv, sendReminders, startReminderJob, todayInJapan } from './reminders.js';
import {
  getRound,
  itemNames,
  listEntries,
  listRounds,
  loadBoard,
  loadMyTasks,
  loadOpinions,
  loadReminderLog,
  loadReminders,
  opinionTargets,
  progressUnder,
  roundProgress,
  type Round,
} from './round-queries.js';
import { createRound, transitionRound, updateRoundDeadline } from './round-store.js';
import { commonKindLabels, loadPlanVocabulary } from './plan-settings-queries.js';
import { registerPlanSettingsRoutes } from './plan-settings-routes.js';
import { availableEntryActions, cleanText, missingOpinions, type EntryInput } from './workflow.js';
import * as schema from './workflow-schema.js';
import { BoardPage } from './pages/board-page.js';
import { ConfirmReturnPage } from './pages/confirm-return-page.js';
import { ConfirmWithdrawPage } from './pages/confirm-withdraw-page.js';
import { ConfirmTransitionPage } from './pages/confirm-transition-page.js';
import { EntryPage } from './pages/entry-page.js';
import { MyTasksPage } from './pages/my-tasks-page.js';
import type { RoundFormValues } from './pages/new-round-form.js';
import { opinionKey, type OpinionFormState } from './pages/opinion-section.js';
import { OpinionsPage } from './pages/opinions-page.js';
import { RemindersPage } from './pages/reminders-page.js';
import { ReviewQueuePage, type ReviewQueuePageProps } from './pages/review-queue-page.js';
import { RoundSettingsPage } from './pages/round-settings-page.js';
import { RoundsPage } from './pages/rounds-page.js';

type Req = FastifyRequest<{ Params: Record<string, string>; Body: Record<string, unknown>; Querystring: Record<string, string | undefined> }>;

const PAGE_MISSING = '指定されたページは存在しないか、閲覧できません。';

function page(reply: FastifyReply, node: VNode, status = 200): FastifyReply {
  return sendPage(reply, renderPage(node), status);
}

/** What every page gets from the request. */
function base(req: Req) {
  return { prefs: req.prefs, auth: req.auth!, path: pathOf(req) };
}

/** Input that a schema reads leniently: a failure means a request no page of ours sends. */
function readLeniently<S extends z.ZodType>(s: S, input: unknown): z.output<S> {
  const r = parseInput(s, input);
  if (!r.ok) throw invalidInput(Object.values(r.errors).join(' '));
  return r.value;
}

/** Route parameters that are not ids name no page. */
function paramsOf<S extends z.ZodType>(s: S, req: Req): z.output<S> {
  const r = parseInput(s, req.params);
  if (!r.ok) throw notFound(PAGE_MISSING);
  return r.value;
}

const roundOf = (ctx: AppContext, req: Req): Promise<Round> => getRound(ctx.db, paramsOf(schema.roundParams, req).roundId);

export function registerWorkflowRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoundRoutes(app, ctx);
  registerBoardRoutes(app, ctx);
  registerEntryRoutes(app, ctx);
  registerOpinionRoutes(app, ctx);
  registerReminderRoutes(app, ctx);
  registerPlanSettingsRoutes(app, ctx);
  const stop = startReminderJob(ctx.db, mailerFromEnv());
  app.addHook('onClose', async () => stop());
}

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

function registerRoundRoutes(app: FastifyInstance, ctx: AppContext): void {
  guardedRoute(app, 'GET', '/work', 'signedIn', async (req, reply, user) => {
    const tasks = await loadMyTasks(ctx.db, user, await listRounds(ctx.db));
    return page(reply, <MyTasksPage {...base(req)} path="/work" tasks={tasks} />);
  });

  const showRounds = async (req: Req, reply: FastifyReply, values: RoundFormValues, errors: Record<string, string>, status = 200) => {
    const [rounds, plans] = await Promise.all([listRounds(ctx.db), listPlans(ctx.db)]);
    const vocabularies = await Promise.all(plans.map((p) => loadPlanVocabulary(ctx.db, p.id)));
    const kindLabels = commonKindLabels(vocabularies, req.prefs.lang);
    return page(
      reply,
      <RoundsPage {...base(req)} path="/rounds" rounds={rounds} plans={plans} values={values} errors={errors} kindLabels={kindLabels} />,
      status,
    );
  };

  guardedRoute(app, 'GET', '/rounds', ['readAllItems', 'manageRounds'], async (req, reply) =>
    showRounds(req, reply, { planId: '', fiscalYear: '', kind: 'yearly', deadline: '' }, {}),
  );

  guardedRoute(app, 'POST', '/rounds', ['manageRounds'], async (req, reply, user) => {
    const values = roundFormValues(req.body);
    const form = parseInput(schema.newRoundForm, req.body);
    if (!form.ok) return showRounds(req, reply, values, roundFormErrors(form.errors), 422);
    try {
      const round = await createRound(ctx.db, form.value, user);
      return reply.redirect(`/rounds/${round.id}?created=1`, 303);
    } catch (error) {
      if (isAppError(error, 'invalid-input')) return showRounds(req, reply, values, { form: error.message }, 422);
      throw error;
    }
  });

  const showSettings = async (req: Req, reply: FastifyReply, round: Round, errors: Record<string, string>, status = 200, deadline?: string) => {
    const q = readLeniently(schema.settingsQuery, req.query);
    const notice = q.created ? t(req.prefs.lang, 'roundCreated') : q.done ? t(req.prefs.lang, 'changed') : undefined;
    const progress = await roundProgress(ctx.db, round.id);
    return page(
      reply,
      <RoundSettingsPage {...base(req)} round={round} progress={progress} errors={errors} deadline={deadline ?? round.deadline ?? ''} notice={notice} />,
      status,
    );
  };

  guardedRoute(app, 'GET', '/rounds/:roundId', ['manageRounds'], async (req, reply) => showSettings(req, reply, await roundOf(ctx, req), {}));

  guardedRoute(app, 'POST', '/rounds/:roundId/settings', ['manageRounds'], async (req, reply, user) => {
    const round = await roundOf(ctx, req);
    const form = parseInput(schema.deadlineForm, req.body);
    if (!form.ok) return showSettings(req, reply, round, form.errors, 422, roundFormValues(req.body).deadline);
    await updateRoundDeadline(ctx.db, round.id, form.value.deadline, user);
    return reply.redirect(`/rounds/${round.id}?done=1`, 303);
  });

  const showConfirm = async (req: Req, reply: FastifyReply, round: Round, action: 'close' | 'publish', reason = '', error?: string, status = 200) => {
    const vocabulary = await loadPlanVocabulary(ctx.db, round.planId);
    const [board, targets, opinions] = await Promise.all([
      loadBoard(ctx.db, round.id, vocabulary),
      opinionTargets(ctx.db, round.planId, vocabulary),
      loadOpinions(ctx.db, round.id),
    ]);
    return page(
      reply,
      <ConfirmTransitionPage
        {...base(req)}
        round={round}
        vocabulary={vocabulary}
        action={action}
        counts={board.totals.counts}
        missingOpinions={missingOpinions(targets, opinions)}
        reason={reason}
        error={error}
      />,
      status,
    );
  };

  guardedRoute(app, 'GET', '/rounds/:roundId/confirm', ['manageRounds', 'publishRound'], async (req, reply) => {
    const round = await roundOf(ctx, req);
    const q = parseInput(schema.confirmQuery, req.query);
    // No step named: the settings page lists the steps there are.
    if (!q.ok) return reply.redirect(`/rounds/${round.id}`, 303);
    return showConfirm(req, reply, round, q.value.action);
  });

  guardedRoute(app, 'POST', '/rounds/:roundId/transition', ['manageRounds', 'publishRound'], async (req, reply, user) => {
    const round = await roundOf(ctx, req);
    const form = parseInput(schema.transitionForm, req.body);
    if (!form.ok) return showSettings(req, reply, round, { transition: form.errors.action ?? '' }, 422);
    const { action, confirmed, reason } = form.value;
    // Irreversible steps are taken only from their confirmation page, which states what is missing.
    if (action !== 'open' && !confirmed) return reply.redirect(`/rounds/${round.id}/confirm?action=${action}`, 303);
    try {
      await transitionRound(ctx.db, round.id, action, user, { reason });
    } catch (error) {
      if (action !== 'open' && isAppError(error, 'invalid-input')) return showConfirm(req, reply, round, action, reason, error.message, 422);
      if (isAppError(error, 'invalid-state')) return showSettings(req, reply, round, { transition: error.message }, 409);
      throw error;
    }
    return reply.redirect(`/rounds/${round.id}?done=1`, 303);
  });
}

function registerBoardRoutes(app: FastifyInstance, ctx: AppContext): void {
  guardedRoute(app, 'GET', '/rounds/:roundId/board', ['readAllItems'], async (req, reply) => {
    const round = await roundOf(ctx, req);
    const vocabulary = await loadPlanVocabulary(ctx.db, round.planId);
    const [board, extensionWarning] = await Promise.all([loadBoard(ctx.db, round.id, vocabulary), loadExtensionWarning(ctx.db, round.planId)]);
    const { department, measure, status } = readLeniently(schema.boardQuery, req.query);
    if (department === undefined && measure === undefined && !status)
      return page(reply, <BoardPage {...base(req)} round={round} vocabulary={vocabulary} board={board} extensionWarning={extensionWarning} />);
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
      <BoardPage {...base(req)} round={round} vocabulary={vocabulary} board={board} list={list} listCaption={caption} extensionWarning={extensionWarning} />,
    );
  });

  const showReview = async (req: Req, reply: FastifyReply, round: Round, notice?: string, changed: ReviewQueuePageProps['changed'] = []) => {
    const [rows, vocabulary] = await Promise.all([listEntries(ctx.db, round.id, { statuses: ['submitted'] }), loadPlanVocabulary(ctx.db, round.planId)]);
    return page(reply, <ReviewQueuePage {...base(req)} round={round} vocabulary={vocabulary} rows={rows} notice={notice} changed={changed} />);
  };

  guardedRoute(app, 'GET', '/rounds/:roundId/review', ['review'], async (req, reply) => showReview(req, reply, await roundOf(ctx, req)));

  guardedRoute(app, 'POST', '/rounds/:roundId/review/accept', ['review'], async (req, reply, user) => {
    const round = await roundOf(ctx, req);
    const { pick } = readLeniently(schema.bulkAcceptForm, req.body);
    if (pick.length === 0) return showReview(req, reply, round, t(req.prefs.lang, 'bulkNothingPicked'));
    const result = await acceptEntries(ctx.db, round, pick, user);
    const names = await itemNames(
      ctx.db,
      result.changed.map((c) => c.itemId),
    );
    const changed = result.changed.map((c) => ({ ...c, code: names.get(c.itemId)?.code ?? '', name: names.get(c.itemId)?.name ?? '' }));
    // Shown directly rather than redirected: the items left alone are listed once, with why.
    return showReview(req, reply, round, t(req.prefs.lang, 'bulkAccepted', { count: result.accepted.length }), changed);
  });
}

/** How the entry page is shown again after a POST: what was typed, and why it was not saved. */
interface EntryFormState {
  values?: EntryInput;
  /** The figures as typed (actuals, 今後の方向性, costs, the reason for another rating). */
  figures?: TypedFigures;
  formVersion?: number;
  errors?: FormErrors;
  conflict?: EntryDetail;
  comment?: string;
  correctionReason?: string;
  /** The texts still as copied from last year, when a submission of them asks once. */
  copyQuestion?: ('reason' | 'issues' | 'direction')[];
  status?: number;
}

const SAVED_NOTICES = {
  save: 'draftSaved',
  submit: 'submittedDone',
  withdraw: 'withdrawnDone',
  accept: 'acceptedDone',
  return: 'returnedDone',
  correction: 'correctionRecorded',
} as const;

function registerEntryRoutes(app: FastifyInstance, ctx: AppContext): void {
  const showEntry = async (req: Req, reply: FastifyReply, round: Round, itemId: number, user: SessionUser, state: EntryFormState = {}) => {
    const view = await loadEntryView(ctx.db, round, itemId, user);
    const { saved } = readLeniently(schema.entryQuery, req.query);
    return page(
      reply,
      <EntryPage
        {...base(req)}
        {...view}
        round={round}
        actions={availableEntryActions(user, round.status, view.entry.status, view.entry.item.departmentId)}
        mayCorrect={round.status === 'published' && can(user.roles, 'correctPublished')}
        values={state.values ?? entryInputOf(view.entry)}
        figures={state.figures ?? typedFiguresOf(withStoredActuals(entryFiguresOf(view.entry), view.basis), view.entry.overrideReason)}
        formVersion={state.formVersion ?? view.entry.version}
        errors={state.errors ?? {}}
        conflict={state.conflict}
        notice={saved ? t(req.prefs.lang, SAVED_NOTICES[saved]) : undefined}
        comment={state.comment}
        correctionReason={state.correctionReason}
        copyQuestion={state.copyQuestion}
      />,
      state.status ?? 200,
    );
  };
  const target = async (req: Req) => ({ round: await roundOf(ctx, req), itemId: paramsOf(schema.itemParams, req).itemId });
  const savedUrl = (round: Round, itemId: number, what: keyof typeof SAVED_NOTICES) => `/rounds/${round.id}/items/${itemId}?saved=${what}`;

  guardedRoute(app, 'GET', '/rounds/:roundId/items/:itemId', ['readAllItems', 'enterOwnItems'], async (req, reply, user) => {
    const { round, itemId } = await target(req);
    return showEntry(req, reply, round, itemId, user);
  });

  guardedRoute(app, 'POST', '/rounds/:roundId/items/:itemId', ['enterOwnItems'], async (req, reply, user) => {
    const { round, itemId } = await target(req);
    const { action, version, copyConfirmed, ...values } = readLeniently(schema.entryForm, req.body);
    const figures = typedFiguresFromForm(rawValues(req.body));
    const result = await saveEntry(ctx.db, round, itemId, values, version, action, user, { copyConfirmed, figures });
    if (result.kind === 'saved') return reply.redirect(savedUrl(round, itemId, action), 303);
    const typed = { values, figures };
    if (result.kind === 'unchangedCopy') return showEntry(req, reply, round, itemId, user, { ...typed, formVersion: version, copyQuestion: result.fields });
    if (result.kind === 'invalid') return showEntry(req, reply, round, itemId, user, { ...typed, formVersion: version, errors: result.errors, status: 422 });
    // Keep the user's text in the form, show the other version beside it, and base the next save on it.
    return showEntry(req, reply, round, itemId, user, { ...typed, formVersion: result.current.version, conflict: result.current, status: 409 });
  });

  guardedRoute(app, 'POST', '/rounds/:roundId/items/:itemId/withdraw', ['enterOwnItems'], async (req, reply, user) => {
    const { round, itemId } = await target(req);
    const { version, ask } = readLeniently(schema.withdrawForm, req.body);
    if (ask) {
      // Taking a submission back removes it from the review list: ask first.
      const view = await loadEntryView(ctx.db, round, itemId, user);
      return page(reply, <ConfirmWithdrawPage {...base(req)} round={round} entry={view.entry} version={version} />);
    }
    const result = await withdrawEntry(ctx.db, round, itemId, version, user);
    if (result.kind === 'saved') return reply.redirect(savedUrl(round, itemId, 'withdraw'), 303);
    return showEntry(req, reply, round, itemId, user, { errors: { form: t(req.prefs.lang, 'withdrawConflict') }, status: 409 });
  });

  guardedRoute(app, 'POST', '/rounds/:roundId/items/:itemId/review', ['review'], async (req, reply, user) => {
    const { round, itemId } = await target(req);
    const { action, comment, version, ask } = readLeniently(schema.reviewForm, req.body);
    if (action === 'edit') return showEntry(req, reply, round, itemId, user, { comment });
    if (action === 'return' && ask && comment.trim()) {
      // A return sends the item back to its department: ask first, with the comment as typed.
      const view = await loadEntryView(ctx.db, round, itemId, user);
      return page(reply, <ConfirmReturnPage {...base(req)} round={round} entry={view.entry} comment={comment} version={version} />);
    }
    const result = await reviewEntry(ctx.db, round, itemId, action, comment, version, user);
    if (result.kind === 'saved') return reply.redirect(savedUrl(round, itemId, action), 303);
    if (result.kind === 'invalid') return showEntry(req, reply, round, itemId, user, { errors: result.errors, comment, status: 422 });
    return showEntry(req, reply, round, itemId, user, { comment, errors: { comment: t(req.prefs.lang, 'reviewConflict') }, status: 409 });
  });

  guardedRoute(app, 'POST', '/rounds/:roundId/items/:itemId/correction', ['correctPublished'], async (req, reply, user) => {
    const { round, itemId } = await target(req);
    const { correctionReason, version, ...values } = readLeniently(schema.correctionForm, req.body);
    const result = await correctPublishedEntry(ctx.db, round, itemId, values, correctionReason, version, user);
    if (result.kind === 'saved') return reply.redirect(savedUrl(round, itemId, 'correction'), 303);
    const typed = { values, correctionReason };
    if (result.kind === 'invalid') return showEntry(req, reply, round, itemId, user, { ...typed, formVersion: version, errors: result.errors, status: 422 });
    return showEntry(req, reply, round, itemId, user, { ...typed, formVersion: result.current.version, conflict: result.current, status: 409 });
  });
}

function registerOpinionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const showOpinions = async (req: Req, reply: FastifyReply, round: Round, state?: OpinionFormState, status = 200, savedNotice?: string) => {
    const vocabulary = await loadPlanVocabulary(ctx.db, round.planId);
    const [targets, opinions] = await Promise.all([opinionTargets(ctx.db, round.planId, vocabulary), loadOpinions(ctx.db, round.id)]);
    const progress = await progressUnder(
      ctx.db,
      round,
      targets.flatMap((x) => (x.itemId === null ? [] : [x.itemId])),
    );
    const notice = savedNotice ?? (readLeniently(schema.opinionsQuery, req.query).saved ? t(req.prefs.lang, 'opinionSaved') : undefined);
    return page(
      reply,
      <OpinionsPage
        {...base(req)}
        round={round}
        vocabulary={vocabulary}
        targets={targets}
        opinions={opinions}
        measures={progress}
        state={state}
        notice={notice}
      />,
      status,
    );
  };

  guardedRoute(app, 'GET', '/rounds/:roundId/opinions', ['readAllItems'], async (req, reply) => showOpinions(req, reply, await roundOf(ctx, req)));

  guardedRoute(app, 'POST', '/rounds/:roundId/opinions', ['writeDivisionOpinion', 'writeExpertOpinion'], async (req, reply, user) => {
    const round = await roundOf(ctx, req);
    const form = parseInput(schema.opinionForm, req.body);
    if (!form.ok) throw notFound(PAGE_MISSING);
    const { target: itemId, body, version } = form.value;
    const targetKey = opinionKey(itemId);
    const boxes = schema.typedOpinionBoxes(req.body);
    const result = await saveOpinion(ctx.db, round.id, itemId, body, version, user);
    if (result.kind === 'saved') {
      const stored = await loadOpinions(ctx.db, round.id);
      const unsaved = Object.entries(boxes).some(
        ([key, box]) => key !== targetKey && cleanText(box.body).trim() !== (stored.find((o) => opinionKey(o.itemId) === key)?.body ?? '').trim(),
      );
      // Other boxes hold text not saved yet: show the page with them as typed instead of redirecting them away.
      if (unsaved) return showOpinions(req, reply, round, { boxes, savedKey: targetKey }, 200, t(req.prefs.lang, 'opinionSavedOthersKept'));
      return reply.redirect(`/rounds/${round.id}/opinions?saved=1#opinion-${targetKey}-h`, 303);
    }
    if (result.kind === 'invalid') return showOpinions(req, reply, round, { boxes, refusedKey: targetKey, error: result.error }, 422);
    return showOpinions(req, reply, round, { boxes, refusedKey: targetKey, conflict: result.current }, 409);
  });
}

function registerReminderRoutes(app: FastifyInstance, ctx: AppContext): void {
  const showReminders = async (req: Req, reply: FastifyReply, round: Round, notice?: string) => {
    const [reminders, log, vocabulary] = await Promise.all([
      loadReminders(ctx.db, round, todayInJapan()),
      loadReminderLog(ctx.db, round.id),
      loadPlanVocabulary(ctx.db, round.planId),
    ]);
    return page(
      reply,
      <RemindersPage
        {...base(req)}
        round={round}
        vocabulary={vocabulary}
        reminders={reminders}
        smtpConfigured={Boolean(env().SMTP_URL)}
        log={log}
        notice={notice}
      />,
    );
  };

  guardedRoute(app, 'GET', '/rounds/:roundId/reminders', ['sendReminders', 'manageRounds'], async (req, reply) => {
    const { sent } = readLeniently(schema.remindersQuery, req.query);
    return showReminders(req, reply, await roundOf(ctx, req), sent ? t(req.prefs.lang, 'remindersSent', { count: sent }) : undefined);
  });

  guardedRoute(app, 'POST', '/rounds/:roundId/reminders', ['sendReminders'], async (req, reply, user) => {
    const round = await roundOf(ctx, req);
    const mailer = mailerFromEnv();
    if (!mailer) return showReminders(req, reply, round, t(req.prefs.lang, 'smtpMissingNothingSent'));
    const r = await sendReminders(ctx.db, round, mailer, { actor: user.login });
    return reply.redirect(`/rounds/${round.id}/reminders?sent=${r.sent}`, 303);
  });
}
