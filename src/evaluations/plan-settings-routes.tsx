/**
 * /plans/:slug/settings: a plan's workflow settings and words, for those who manage
 * plans. A refused form comes back with every field as typed and the reason beside it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { isAppError, notFound } from '../errors.js';
import type { AppContext } from '../web/context.js';
import { fieldErrorOf, parseInput, rawValues } from '../web/forms.js';
import { renderPage } from '../web/layout.js';
import { pathOf } from '../web/request-path.js';
import { guardedRoute, sendPage } from '../auth/guard.js';
import { defaultLevels, loadPlanVocabulary, opinionAuthor, roleTitle, type PlanVocabulary } from './plan-settings-queries.js';
import { planSettingsForm, planSettingsParams, planSettingsQuery } from './plan-settings-schema.js';
import { savePlanSettings } from './plan-settings-store.js';
import { t } from './messages.js';
import { PlanSettingsPage, planSettingsValues, type PlanSettingsValues } from './pages/plan-settings-page.js';
import type { IndicatorForm, IndicatorFormState } from './pages/plan-settings-indicators.js';
import { loadPlanIndicatorSettings } from './plan-indicator-settings-queries.js';
import { costsForm, directionsForm, ruleForm } from './plan-indicator-settings-schema.js';
import { saveCostsEnabled, saveDirectionCodes, savePlanRule, type SettingsSaveResult } from './plan-indicator-settings-store.js';
import type { Actor } from './workflow.js';

interface PlanRef {
  id: number;
  slug: string;
  name: string;
}

async function planOf(ctx: AppContext, req: FastifyRequest): Promise<PlanRef> {
  const params = parseInput(planSettingsParams, req.params);
  const plan = params.ok ? (await ctx.db.query<PlanRef>('select id, slug, name from plans where slug = $1', [params.value.slug])).rows[0] : undefined;
  if (!plan) throw notFound('計画が見つかりません。');
  return plan;
}

type ShowSettings = ReturnType<typeof settingsPage>;

/** The settings page, with the state of whichever of its forms was just refused. */
function settingsPage(ctx: AppContext) {
  return async (
    req: FastifyRequest,
    reply: FastifyReply,
    plan: PlanRef,
    v: PlanVocabulary,
    state: { values?: PlanSettingsValues; errors?: Record<string, string>; conflict?: boolean; status?: number; indicator?: IndicatorFormState } = {},
  ) => {
    const query = parseInput(planSettingsQuery, req.query);
    const saved = query.ok ? query.value.saved : undefined;
    const notice = saved ? t(req.prefs.lang, SAVED_NOTICES[saved as IndicatorForm] ?? 'settingsSaved') : undefined;
    const indicatorSettings = await loadPlanIndicatorSettings(ctx.db, plan.id);
    const page = (
      <PlanSettingsPage
        prefs={req.prefs}
        auth={req.auth!}
        path={pathOf(req)}
        plan={plan}
        vocabulary={v}
        values={state.values ?? planSettingsValues(v)}
        errors={state.errors ?? {}}
        notice={notice}
        conflict={state.conflict ?? false}
        indicatorSettings={indicatorSettings}
        indicatorState={state.indicator}
      />
    );
    return sendPage(reply, renderPage(page), state.status ?? 200);
  };
}

export function registerPlanSettingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const show = settingsPage(ctx);

  guardedRoute(app, 'GET', '/plans/:slug/settings', ['managePlans'], async (req, reply) => {
    const plan = await planOf(ctx, req);
    return show(req, reply, plan, await loadPlanVocabulary(ctx.db, plan.id));
  });

  guardedRoute(app, 'POST', '/plans/:slug/settings', ['managePlans'], async (req, reply, user) => {
    const plan = await planOf(ctx, req);
    const v = await loadPlanVocabulary(ctx.db, plan.id);
    const lang = req.prefs.lang;
    const schema = planSettingsForm(
      v.tiers.map((tier) => tier.level),
      defaultLevels(v).ratedLevel,
      { division: opinionAuthor(v, 'division', lang), expert: roleTitle(v, 'expert', lang) },
    );
    const typed = rawValues(req.body);
    const form = parseInput(schema, req.body, lang);
    if (!form.ok) return show(req, reply, plan, v, { values: typed, errors: form.errors, status: 422 });
    const { version, ...input } = form.value;
    let result: Awaited<ReturnType<typeof savePlanSettings>>;
    try {
      result = await savePlanSettings(ctx.db, plan.id, input, version, user);
    } catch (error) {
      const errors = fieldErrorOf(error);
      if (!errors) throw error;
      return show(req, reply, plan, v, { values: typed, errors, status: 422 });
    }
    if (result.kind === 'conflict') {
      // Keep what was typed; the next save is based on the version now stored.
      return show(req, reply, plan, v, { values: { ...typed, version: String(result.current?.version ?? 0) }, conflict: true, status: 409 });
    }
    return reply.redirect(`/plans/${plan.slug}/settings?saved=1`, 303);
  });

  registerIndicatorSettingsRoutes(app, ctx, show);
}

/** The rule, the 今後の方向性 list and the cost switch: each its own small form, shown again as typed when refused. */
function registerIndicatorSettingsRoutes(app: FastifyInstance, ctx: AppContext, show: ShowSettings): void {
  const indicatorRoute = <S extends z.ZodType>(
    form: IndicatorForm,
    schema: S,
    save: (planId: number, value: z.output<S>, actor: Actor) => Promise<SettingsSaveResult>,
  ) =>
    guardedRoute(app, 'POST', `/plans/:slug/settings/${form}`, ['managePlans'], async (req, reply, user) => {
      const plan = await planOf(ctx, req);
      const v = await loadPlanVocabulary(ctx.db, plan.id);
      const values = rawValues(req.body);
      const again = (errors: Record<string, string>, conflict: boolean, status: number) =>
        show(req, reply, plan, v, { indicator: { form, values, errors, conflict }, status });
      const parsed = parseInput(schema, req.body, req.prefs.lang);
      if (!parsed.ok) return again(parsed.errors, false, 422);
      let result: SettingsSaveResult;
      try {
        result = await save(plan.id, parsed.value, user);
      } catch (error) {
        // Refused for the plan's state (a round not yet published): the form comes back as typed, with why.
        if (isAppError(error, 'invalid-state')) return again({ form: error.message }, false, 409);
        const errors = fieldErrorOf(error);
        if (!errors) throw error;
        return again(errors, false, 422);
      }
      if (result.kind === 'conflict') {
        // Keep what was typed; the next save is based on what is stored now.
        const now = await loadPlanIndicatorSettings(ctx.db, plan.id);
        return show(req, reply, plan, v, { indicator: { form, values: { ...values, stamp: now.stamps[form] }, errors: {}, conflict: true }, status: 409 });
      }
      return reply.redirect(`/plans/${plan.slug}/settings?saved=${form}#${form === 'costs' ? 'costs-setting' : form}-h`, 303);
    });
  indicatorRoute('rule', ruleForm, (planId, value, actor) => savePlanRule(ctx.db, planId, value, actor));
  indicatorRoute('directions', directionsForm, (planId, value, actor) => saveDirectionCodes(ctx.db, planId, value, actor));
  indicatorRoute('costs', costsForm, (planId, value, actor) => saveCostsEnabled(ctx.db, planId, value, actor));
}

const SAVED_NOTICES: Record<IndicatorForm, 'ruleSaved' | 'directionsSaved' | 'costsSaved'> = {
  rule: 'ruleSaved',
  directions: 'directionsSaved',
  costs: 'costsSaved',
};
