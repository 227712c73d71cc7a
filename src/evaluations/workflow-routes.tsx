/**
 * HTTP routes of the workflow. Each route names who may call it (guardedRoute); the
 * store functions check again, including department scope and the state machine,
 * so hiding a button is never the only protection. Successful POSTs redirect (PRG).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../web/context.js';
import { renderPage } from '../web/layout.js';
import { listPlans } from '../plans/plan-queries.js';
import { parseFiscalYear } from '../fiscal/fiscal-year.js';
import { field, fields, forbidden, guardedRoute, idParam, notFound, sendPage } from '../auth/guard.js';
import { MessagePage } from '../auth/shell.js';
import { t } from './messages.js';
import { can } from '../auth/roles.js';
import type { SessionUser } from '../auth/sessions.js';
import { AppError } from '../errors.js';
import { createRound, transitionRound, updateRoundDeadline } from './round-store.js';
import { correctPublishedEntry, reviewEntry, saveEntry, type FormErrors } from './entry-store.js';
import { saveOpinion } from './opinion-store.js';
import { loadComments, loadEntry, loadItemHistory, loadRevisions, loadScaleInfo, type EntryDetail } from './entry-queries.js';
import { getRound, listEntries, listRounds, loadBoard, loadMyTasks, loadOpinions, loadReminders, opinionTargets, roundProgress, type Round } from './round-queries.js';
import { isRoundKind } from './round-kinds.js';
import { availableEntryActions, ENTRY_STATUSES, type EntryInput, type EntryStatus } from './workflow.js';
import { BoardPage, EntryPage, MyTasksPage, OpinionsPage, RemindersPage, ReviewQueuePage, RoundSettingsPage, RoundsPage, opinionKey, type OpinionFormState, type RoundFormValues } from './workflow-pages.js';
import { mailerFromEnv, sendReminders, todayInJapan } from './reminders.js';
import { env } from '../config/env.js';

type Req = FastifyRequest<{ Params: Record<string, string>; Body: Record<string, unknown>; Querystring: Record<string, string | undefined> }>;

function pathOf(req: FastifyRequest): string {
  return req.url.split('?')[0] ?? '/';
}

/** Maps a workflow refusal to a page: 403, 404, or 409 with the reason in Japanese. */
function workflowErrorPage(req: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  if (error.code === 'not-found') return notFound(req, reply);
  if (error.code === 'forbidden') return forbidden(req, reply, error.message);
  const title = t(req.prefs.lang, 'cannotDoNow');
  return sendPage(reply, renderPage(<MessagePage title={title} message={error.message} prefs={req.prefs} path={pathOf(req)} auth={req.auth} />), error.code === 'conflict' ? 409 : 422);
}

async function withRound(req: Req, reply: FastifyReply, ctx: AppContext, fn: (round: Round) => Promise<unknown>): Promise<unknown> {
  const roundId = idParam(req.params.roundId);
  if (roundId === undefined) return notFound(req, reply);
  try {
    return await fn(await getRound(ctx.db, roundId));
  } catch (error) {
    if (error instanceof AppError) return workflowErrorPage(req, reply, error);
    throw error;
  }
}

function entryInputFrom(body: Record<string, unknown>): EntryInput {
  return {
    ratingCode: field(body, 'ratingCode') || null,
    annotationKindIds: fields(body, 'annotationKindIds').map(Number).filter((n) => Number.isInteger(n) && n > 0),
    reason: field(body, 'reason'),
    issues: field(body, 'issues'),
    direction: field(body, 'direction'),
  };
}

function inputOf(e: EntryDetail): EntryInput {
  return { ratingCode: e.ratingCode, annotationKindIds: e.annotationKindIds, reason: e.reason, issues: e.issues, direction: e.direction };
}

function actorOf(user: SessionUser) {
  return { id: user.id, login: user.login, roles: user.roles, departmentIds: user.departmentIds };
}

export function registerWorkflowRoutes(app: FastifyInstance, ctx: AppContext): void {
  const page = (reply: FastifyReply, html: string, status = 200) => sendPage(reply, html, status);

  guardedRoute(app, 'GET', '/work', 'signedIn', async (req, reply, user) => {
    const tasks = await loadMyTasks(ctx.db, user, await listRounds(ctx.db));
    return page(reply, renderPage(<MyTasksPage prefs={req.prefs} auth={req.auth!} path="/work" tasks={tasks} />));
  });

  const showRounds = async (req: Req, reply: FastifyReply, values: RoundFormValues, errors: Record<string, string>, status = 200) => {
    const [rounds, plans] = await Promise.all([listRounds(ctx.db), listPlans(ctx.db)]);
    return page(reply, renderPage(<RoundsPage prefs={req.prefs} auth={req.auth!} path="/rounds" rounds={rounds} plans={plans} values={values} errors={errors} />), status);
  };

  guardedRoute(app, 'GET', '/rounds', ['readAllItems', 'manageRounds'], async (req, reply) => {
    return showRounds(req, reply, { planId: '', fiscalYear: '', kind: 'yearly', deadline: '' }, {});
  });

  guardedRoute(app, 'POST', '/rounds', ['manageRounds'], async (req, reply, user) => {
    const values: RoundFormValues = { planId: field(req.body, 'planId'), fiscalYear: field(req.body, 'fiscalYear'), kind: field(req.body, 'kind'), deadline: field(req.body, 'deadline') };
    const errors: Record<string, string> = {};
    const fy = parseFiscalYear(values.fiscalYear);
    if (fy === undefined) errors.fiscalYear = '年度として読めません（例: 2023、R5、令和5年度）。';
    if (values.deadline && !/^\d{4}-\d{2}-\d{2}$/.test(values.deadline)) errors.deadline = '日付を YYYY-MM-DD の形で入力してください。';
    const planId = idParam(values.planId);
    if (planId === undefined || !(await listPlans(ctx.db)).some((p) => p.id === planId)) errors.form = '計画を選んでください。';
    if (!isRoundKind(values.kind)) errors.form = '種別を選んでください。';
    if (Object.keys(errors).length) return showRounds(req, reply, values, errors, 422);
    try {
      const round = await createRound(ctx.db, { planId: planId!, fiscalYear: fy!, kind: values.kind as 'yearly', deadline: values.deadline || null }, actorOf(user));
      return reply.redirect(`/rounds/${round.id}?created=1`, 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'invalid-input') return showRounds(req, reply, values, { form: error.message }, 422);
      throw error;
    }
  });

  const showSettings = async (req: Req, reply: FastifyReply, round: Round, errors: Record<string, string>, status = 200, deadline?: string) => {
    const notice = req.query.created ? t(req.prefs.lang, 'roundCreated') : req.query.done ? t(req.prefs.lang, 'changed') : undefined;
    return page(
      reply,
      renderPage(<RoundSettingsPage prefs={req.prefs} auth={req.auth!} path={pathOf(req)} round={round} progress={await roundProgress(ctx.db, round.id)} errors={errors} deadline={deadline ?? round.deadline ?? ''} {...(notice ? { notice } : {})} />),
      status,
    );
  };

  guardedRoute(app, 'GET', '/rounds/:roundId', ['manageRounds'], async (req, reply) => withRound(req, reply, ctx, (round) => showSettings(req, reply, round, {})));

  guardedRoute(app, 'POST', '/rounds/:roundId/settings', ['manageRounds'], async (req, reply, user) =>
    withRound(req, reply, ctx, async (round) => {
      const deadline = field(req.body, 'deadline');
      if (deadline && !/^\d{4}-\d{2}-\d{2}$/.test(deadline)) return showSettings(req, reply, round, { deadline: '日付を YYYY-MM-DD の形で入力してください。' }, 422, deadline);
      await updateRoundDeadline(ctx.db, round.id, deadline || null, actorOf(user));
      return reply.redirect(`/rounds/${round.id}?done=1`, 303);
    }),
  );

  guardedRoute(app, 'POST', '/rounds/:roundId/transition', ['manageRounds', 'publishRound'], async (req, reply, user) =>
    withRound(req, reply, ctx, async (round) => {
      const action = field(req.body, 'action');
      if (action !== 'open' && action !== 'close' && action !== 'publish') return showSettings(req, reply, round, { transition: '操作が正しくありません。' }, 422);
      try {
        await transitionRound(ctx.db, round.id, action, actorOf(user));
      } catch (error) {
        if (error instanceof AppError && error.code === 'invalid-state') return showSettings(req, reply, round, { transition: error.message }, 409);
        throw error;
      }
      return reply.redirect(`/rounds/${round.id}?done=1`, 303);
    }),
  );

  guardedRoute(app, 'GET', '/rounds/:roundId/board', ['readAllItems'], async (req, reply) =>
    withRound(req, reply, ctx, async (round) => {
      const board = await loadBoard(ctx.db, round.id);
      const dept = idParam(req.query.department);
      const measure = idParam(req.query.measure);
      const status = ENTRY_STATUSES.find((s) => s === req.query.status);
      let list;
      let caption;
      if (dept !== undefined || measure !== undefined || status) {
        list = await listEntries(ctx.db, round.id, { ...(dept !== undefined ? { departmentIds: [dept] } : {}), ...(measure !== undefined ? { measureId: measure } : {}), ...(status ? { statuses: [status as EntryStatus] } : {}) });
        const name = dept !== undefined ? board.departments.find((d) => d.id === dept)?.name : board.measures.find((m) => m.id === measure)?.name;
        caption = t(req.prefs.lang, 'subItemsOf', { name: name ?? '', count: list.length });
      }
      return page(reply, renderPage(<BoardPage prefs={req.prefs} auth={req.auth!} path={pathOf(req)} round={round} board={board} {...(list ? { list, listCaption: caption } : {})} />));
    }),
  );

  guardedRoute(app, 'GET', '/rounds/:roundId/review', ['review'], async (req, reply) =>
    withRound(req, reply, ctx, async (round) => {
      const rows = await listEntries(ctx.db, round.id, { statuses: ['submitted'] });
      return page(reply, renderPage(<ReviewQueuePage prefs={req.prefs} auth={req.auth!} path={pathOf(req)} round={round} rows={rows} />));
    }),
  );

  interface EntryView {
    values?: EntryInput;
    formVersion?: number;
    errors?: FormErrors;
    conflict?: EntryDetail;
    comment?: string;
    correctionReason?: string;
    status?: number;
  }

  const showEntry = async (req: Req, reply: FastifyReply, round: Round, itemId: number, user: SessionUser, view: EntryView = {}) => {
    const entry = await loadEntry(ctx.db, round, itemId, user);
    const [scale, history, comments, revisions] = await Promise.all([
      loadScaleInfo(ctx.db, round.planId),
      loadItemHistory(ctx.db, round.planId, entry.item, round.fiscalYear),
      loadComments(ctx.db, entry.id),
      loadRevisions(ctx.db, entry.id),
    ]);
    const actions = availableEntryActions(user, round.status, entry.status, entry.item.departmentId);
    const notice = req.query.saved === 'save' ? t(req.prefs.lang, 'draftSaved') : req.query.saved === 'submit' ? t(req.prefs.lang, 'submittedDone') : req.query.saved === 'accept' ? t(req.prefs.lang, 'acceptedDone') : req.query.saved === 'return' ? t(req.prefs.lang, 'returnedDone') : req.query.saved === 'correction' ? t(req.prefs.lang, 'correctionRecorded') : undefined;
    return page(
      reply,
      renderPage(
        <EntryPage
          prefs={req.prefs}
          auth={req.auth!}
          path={pathOf(req)}
          round={round}
          entry={entry}
          scale={scale}
          history={history}
          comments={comments}
          revisions={revisions}
          actions={actions}
          mayCorrect={round.status === 'published' && can(user.roles, 'correctPublished')}
          values={view.values ?? inputOf(entry)}
          formVersion={view.formVersion ?? entry.version}
          errors={view.errors ?? {}}
          {...(view.conflict ? { conflict: view.conflict } : {})}
          {...(notice ? { notice } : {})}
          {...(view.comment !== undefined ? { comment: view.comment } : {})}
          {...(view.correctionReason !== undefined ? { correctionReason: view.correctionReason } : {})}
        />,
      ),
      view.status ?? 200,
    );
  };

  const itemOf = (req: Req) => idParam(req.params.itemId);

  guardedRoute(app, 'GET', '/rounds/:roundId/items/:itemId', ['readAllItems', 'enterOwnItems'], async (req, reply, user) =>
    withRound(req, reply, ctx, async (round) => {
      const itemId = itemOf(req);
      if (itemId === undefined) return notFound(req, reply);
      return showEntry(req, reply, round, itemId, user);
    }),
  );

  guardedRoute(app, 'POST', '/rounds/:roundId/items/:itemId', ['enterOwnItems'], async (req, reply, user) =>
    withRound(req, reply, ctx, async (round) => {
      const itemId = itemOf(req);
      if (itemId === undefined) return notFound(req, reply);
      const action = field(req.body, 'action') === 'submit' ? 'submit' : 'save';
      const input = entryInputFrom(req.body);
      const version = Number(field(req.body, 'version'));
      const result = await saveEntry(ctx.db, round, itemId, input, version, action, actorOf(user));
      if (result.kind === 'saved') return reply.redirect(`/rounds/${round.id}/items/${itemId}?saved=${action}`, 303);
      if (result.kind === 'invalid') return showEntry(req, reply, round, itemId, user, { values: input, formVersion: version, errors: result.errors, status: 422 });
      // Keep the user's text in the form, show the other version beside it, and base the next save on it.
      return showEntry(req, reply, round, itemId, user, { values: input, formVersion: result.current.version, conflict: result.current, status: 409 });
    }),
  );

  guardedRoute(app, 'POST', '/rounds/:roundId/items/:itemId/review', ['review'], async (req, reply, user) =>
    withRound(req, reply, ctx, async (round) => {
      const itemId = itemOf(req);
      if (itemId === undefined) return notFound(req, reply);
      const action = field(req.body, 'action') === 'accept' ? 'accept' : 'return';
      const comment = field(req.body, 'comment');
      const result = await reviewEntry(ctx.db, round, itemId, action, comment, Number(field(req.body, 'version')), actorOf(user));
      if (result.kind === 'saved') return reply.redirect(`/rounds/${round.id}/items/${itemId}?saved=${action}`, 303);
      if (result.kind === 'invalid') return showEntry(req, reply, round, itemId, user, { errors: result.errors, comment, status: 422 });
      return showEntry(req, reply, round, itemId, user, { comment, errors: { comment: t(req.prefs.lang, 'reviewConflict') }, status: 409 });
    }),
  );

  guardedRoute(app, 'POST', '/rounds/:roundId/items/:itemId/correction', ['correctPublished'], async (req, reply, user) =>
    withRound(req, reply, ctx, async (round) => {
      const itemId = itemOf(req);
      if (itemId === undefined) return notFound(req, reply);
      const input = entryInputFrom(req.body);
      const reason = field(req.body, 'correctionReason');
      const version = Number(field(req.body, 'version'));
      const result = await correctPublishedEntry(ctx.db, round, itemId, input, reason, version, actorOf(user));
      if (result.kind === 'saved') return reply.redirect(`/rounds/${round.id}/items/${itemId}?saved=correction`, 303);
      if (result.kind === 'invalid') return showEntry(req, reply, round, itemId, user, { values: input, formVersion: version, errors: result.errors, correctionReason: reason, status: 422 });
      return showEntry(req, reply, round, itemId, user, { values: input, formVersion: result.current.version, conflict: result.current, correctionReason: reason, status: 409 });
    }),
  );

  const showOpinions = async (req: Req, reply: FastifyReply, round: Round, state?: OpinionFormState, status = 200) => {
    const [targets, opinions, board] = await Promise.all([opinionTargets(ctx.db, round.planId), loadOpinions(ctx.db, round.id), loadBoard(ctx.db, round.id)]);
    const notice = req.query.saved ? t(req.prefs.lang, 'opinionSaved') : undefined;
    return page(reply, renderPage(<OpinionsPage prefs={req.prefs} auth={req.auth!} path={pathOf(req)} round={round} targets={targets} opinions={opinions} measures={board.measures} {...(state ? { state } : {})} {...(notice ? { notice } : {})} />), status);
  };

  guardedRoute(app, 'GET', '/rounds/:roundId/opinions', ['readAllItems'], async (req, reply) => withRound(req, reply, ctx, (round) => showOpinions(req, reply, round)));

  guardedRoute(app, 'POST', '/rounds/:roundId/opinions', ['writeDivisionOpinion', 'writeExpertOpinion'], async (req, reply, user) =>
    withRound(req, reply, ctx, async (round) => {
      const target = field(req.body, 'target');
      const itemId = target === 'plan' ? null : idParam(target);
      if (itemId === undefined) return notFound(req, reply);
      const body = field(req.body, 'body');
      const result = await saveOpinion(ctx.db, round.id, itemId, body, Number(field(req.body, 'version')), actorOf(user));
      if (result.kind === 'saved') return reply.redirect(`/rounds/${round.id}/opinions?saved=1#opinion-${opinionKey(itemId)}-h`, 303);
      if (result.kind === 'invalid') return showOpinions(req, reply, round, { targetKey: opinionKey(itemId), body, error: result.error }, 422);
      return showOpinions(req, reply, round, { targetKey: opinionKey(itemId), body, conflict: result.current }, 409);
    }),
  );

  const showReminders = async (req: Req, reply: FastifyReply, round: Round, notice?: string) => {
    const [reminders, log] = await Promise.all([
      loadReminders(ctx.db, round, todayInJapan()),
      ctx.db.query<{ departmentName: string | null; recipient: string; itemCount: number; status: string; sentAt: Date }>(
        `select d.name as "departmentName", l.recipient, l.item_count as "itemCount", l.status, l.sent_at as "sentAt"
           from reminder_log l left join departments d on d.id = l.department_id where l.round_id = $1 order by l.id desc limit 200`,
        [round.id],
      ),
    ]);
    return page(reply, renderPage(<RemindersPage prefs={req.prefs} auth={req.auth!} path={pathOf(req)} round={round} reminders={reminders} smtpConfigured={Boolean(env().SMTP_URL)} log={log.rows} {...(notice ? { notice } : {})} />));
  };

  guardedRoute(app, 'GET', '/rounds/:roundId/reminders', ['sendReminders', 'manageRounds'], async (req, reply) =>
    withRound(req, reply, ctx, (round) => showReminders(req, reply, round, req.query.sent ? t(req.prefs.lang, 'remindersSent', { count: req.query.sent }) : undefined)),
  );

  guardedRoute(app, 'POST', '/rounds/:roundId/reminders', ['sendReminders'], async (req, reply, user) =>
    withRound(req, reply, ctx, async (round) => {
      const mailer = mailerFromEnv();
      if (!mailer) return showReminders(req, reply, round, t(req.prefs.lang, 'smtpMissingNothingSent'));
      const r = await sendReminders(ctx.db, round, mailer, { actor: user.login });
      return reply.redirect(`/rounds/${round.id}/reminders?sent=${r.sent}`, 303);
    }),
  );
}
