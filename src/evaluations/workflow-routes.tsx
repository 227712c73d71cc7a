/**
 * HTTP routes of the workflow. Each route names who may call it (guardedRoute); the
 * stores check again, including department scope and the state machine, so hiding a
 * button is never the only protection. Input goes through workflow-schema.ts; refusals
 * are AppErrors shown by the server's error page, except where a form is shown again
 * with the message beside the field. Successful POSTs redirect (PRG). This file has the
 * entries, opinions and reminders; rounds, the board and review are in round-routes.tsx.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { env } from '../config/env.js';
import { notFound } from '../errors.js';
import type { AppContext } from '../web/context.js';
import { parseInput, rawValues } from '../web/forms.js';
import { guardedRoute } from '../auth/guard.js';
import { can } from '../auth/roles.js';
import type { SessionUser } from '../auth/sessions.js';
import { correctPublishedEntry, reviewEntry, saveEntry, withdrawEntry, type FormErrors } from './entry-store.js';
import { entryFiguresOf, entryInputOf, loadEntryView, type EntryDetail } from './entry-queries.js';
import { typedFiguresFromForm, typedFiguresOf, type TypedFigures } from './entry-figures.js';
import { withStoredActuals } from './entry-figures-queries.js';
import { t } from './messages.js';
import { saveOpinion } from './opinion-store.js';
import { mailerFromEnv, sendReminders, startReminderJob, todayInJapan } from './reminders.js';
import { loadOpinions, loadReminderLog, loadReminders, opinionTargets, progressUnder, type Round } from './round-queries.js';
import { registerBoardRoutes, registerRoundRoutes } from './round-routes.js';
import { loadPlanVocabulary } from './plan-settings-queries.js';
import { registerPlanSettingsRoutes } from './plan-settings-routes.js';
import { availableEntryActions, cleanText, type EntryInput } from './workflow.js';
import * as schema from './workflow-schema.js';
import { ConfirmReturnPage } from './pages/confirm-return-page.js';
import { ConfirmWithdrawPage } from './pages/confirm-withdraw-page.js';
import { EntryPage } from './pages/entry-page.js';
import { opinionKey, type OpinionFormState } from './pages/opinion-section.js';
import { OpinionsPage } from './pages/opinions-page.js';
import { RemindersPage } from './pages/reminders-page.js';
import { base, PAGE_MISSING, page, paramsOf, readLeniently, roundBase, roundOf, type Req } from './workflow-http.js';

export function registerWorkflowRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoundRoutes(app, ctx);
  registerBoardRoutes(app, ctx);
  registerEntryRoutes(app, ctx);
  registerReviewRoutes(app, ctx);
  registerOpinionRoutes(app, ctx);
  registerReminderRoutes(app, ctx);
  registerPlanSettingsRoutes(app, ctx);
  // Under `serve --workers` only one worker sends reminders (see web/cluster.ts).
  const stop = env().HYOKA_BACKGROUND_JOBS ? startReminderJob(ctx.db, mailerFromEnv()) : () => undefined;
  app.addHook('onClose', async () => stop());
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

const savedUrl = (round: Round, itemId: number, what: keyof typeof SAVED_NOTICES) => `/rounds/${round.id}/items/${itemId}?saved=${what}`;

/** The entry page of an item, with what a refused POST leaves to show again. */
async function showEntry(ctx: AppContext, req: Req, reply: FastifyReply, round: Round, itemId: number, user: SessionUser, state: EntryFormState = {}) {
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
}

/** The round and item an entry route names. */
const entryTarget = async (ctx: AppContext, req: Req) => ({ round: await roundOf(ctx, req), itemId: paramsOf(schema.itemParams, req).itemId });

/** The department's side of an entry: reading it, saving or submitting it, and taking a submission back. */
function registerEntryRoutes(app: FastifyInstance, ctx: AppContext): void {
  guardedRoute(app, 'GET', '/rounds/:roundId/items/:itemId', ['readAllItems', 'enterOwnItems'], async (req, reply, user) => {
    const { round, itemId } = await entryTarget(ctx, req);
    return showEntry(ctx, req, reply, round, itemId, user);
  });

  guardedRoute(app, 'POST', '/rounds/:roundId/items/:itemId', ['enterOwnItems'], async (req, reply, user) => {
    const { round, itemId } = await entryTarget(ctx, req);
    const { action, version, copyConfirmed, ...values } = readLeniently(schema.entryForm, req.body);
    const figures = typedFiguresFromForm(rawValues(req.body));
    const result = await saveEntry(ctx.db, round, itemId, values, version, action, user, { copyConfirmed, figures });
    if (result.kind === 'saved') return reply.redirect(savedUrl(round, itemId, action), 303);
    const typed = { values, figures };
    if (result.kind === 'unchangedCopy')
      return showEntry(ctx, req, reply, round, itemId, user, { ...typed, formVersion: version, copyQuestion: result.fields });
    if (result.kind === 'invalid')
      return showEntry(ctx, req, reply, round, itemId, user, { ...typed, formVersion: version, errors: result.errors, status: 422 });
    // Keep the user's text in the form, show the other version beside it, and base the next save on it.
    return showEntry(ctx, req, reply, round, itemId, user, { ...typed, formVersion: result.current.version, conflict: result.current, status: 409 });
  });

  guardedRoute(app, 'POST', '/rounds/:roundId/items/:itemId/withdraw', ['enterOwnItems'], async (req, reply, user) => {
    const { round, itemId } = await entryTarget(ctx, req);
    const { version, ask } = readLeniently(schema.withdrawForm, req.body);
    if (ask) {
      // Taking a submission back removes it from the review list: ask first.
      const view = await loadEntryView(ctx.db, round, itemId, user);
      return page(reply, <ConfirmWithdrawPage {...base(req)} round={round} entry={view.entry} version={version} />);
    }
    const result = await withdrawEntry(ctx.db, round, itemId, version, user);
    if (result.kind === 'saved') return reply.redirect(savedUrl(round, itemId, 'withdraw'), 303);
    return showEntry(ctx, req, reply, round, itemId, user, { errors: { form: t(req.prefs.lang, 'withdrawConflict') }, status: 409 });
  });
}

/** The division's side of an entry: accepting or returning it, and correcting it after publication. */
function registerReviewRoutes(app: FastifyInstance, ctx: AppContext): void {
  guardedRoute(app, 'POST', '/rounds/:roundId/items/:itemId/review', ['review'], async (req, reply, user) => {
    const { round, itemId } = await entryTarget(ctx, req);
    const { action, comment, version, ask } = readLeniently(schema.reviewForm, req.body);
    if (action === 'edit') return showEntry(ctx, req, reply, round, itemId, user, { comment });
    if (action === 'return' && ask && comment.trim()) {
      // A return sends the item back to its department: ask first, with the comment as typed.
      const view = await loadEntryView(ctx.db, round, itemId, user);
      return page(reply, <ConfirmReturnPage {...base(req)} round={round} entry={view.entry} comment={comment} version={version} />);
    }
    const result = await reviewEntry(ctx.db, round, itemId, action, comment, version, user);
    if (result.kind === 'saved') return reply.redirect(savedUrl(round, itemId, action), 303);
    if (result.kind === 'invalid') return showEntry(ctx, req, reply, round, itemId, user, { errors: result.errors, comment, status: 422 });
    return showEntry(ctx, req, reply, round, itemId, user, { comment, errors: { comment: t(req.prefs.lang, 'reviewConflict') }, status: 409 });
  });

  guardedRoute(app, 'POST', '/rounds/:roundId/items/:itemId/correction', ['correctPublished'], async (req, reply, user) => {
    const { round, itemId } = await entryTarget(ctx, req);
    const { correctionReason, version, ...values } = readLeniently(schema.correctionForm, req.body);
    const result = await correctPublishedEntry(ctx.db, round, itemId, values, correctionReason, version, user);
    if (result.kind === 'saved') return reply.redirect(savedUrl(round, itemId, 'correction'), 303);
    const typed = { values, correctionReason };
    if (result.kind === 'invalid')
      return showEntry(ctx, req, reply, round, itemId, user, { ...typed, formVersion: version, errors: result.errors, status: 422 });
    return showEntry(ctx, req, reply, round, itemId, user, { ...typed, formVersion: result.current.version, conflict: result.current, status: 409 });
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
      <OpinionsPage {...roundBase(req, round, vocabulary)} targets={targets} opinions={opinions} measures={progress} state={state} notice={notice} />,
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
      <RemindersPage {...roundBase(req, round, vocabulary)} reminders={reminders} smtpConfigured={Boolean(env().SMTP_URL)} log={log} notice={notice} />,
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
