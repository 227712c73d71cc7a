/**
 * Writes of rounds: create, change the deadline, open/close/publish (opening creates
 * one entry per sub-item, prefilled from last year's text). Every change is audited in
 * the same transaction; every permission and state rule comes from workflow.ts.
 */
import type { Db, Queryable } from '../db/db.js';
import { AppError, forbidden, invalidInput, invalidState } from '../errors.js';
import { recordAudit } from '../audit/audit-log.js';
import type { RoundKind } from './round-kinds.js';
import { cleanText, mayTakeRoundAction, missingOpinions, nextRoundStatus, type Actor, type RoundAction } from './workflow.js';
import { getRound, loadOpinions, opinionTargets, roundProgress, type Round } from './round-queries.js';
import { publishEntries } from './published-store.js';
import { loadPlanVocabularyNow } from './plan-settings-queries.js';

export interface NewRound {
  planId: number;
  fiscalYear: number;
  kind: RoundKind;
  deadline: string | null;
  /** Demo data (the demo round of `npm start`), labelled デモ wherever it shows. */
  demo?: boolean;
}

export async function createRound(db: Db, input: NewRound, actor: Actor): Promise<Round> {
  if (!mayTakeRoundAction(actor, 'open')) throw forbidden('評価の回を作成する権限がありません。');
  return db.transaction(async (tx) => {
    const plan = await tx.query('select 1 from plans where id = $1', [input.planId]);
    if (plan.rowCount === 0) throw invalidInput('計画を選んでください。');
    const dup = await tx.query('select 1 from evaluation_rounds where plan_id = $1 and fiscal_year = $2 and kind = $3', [
      input.planId,
      input.fiscalYear,
      input.kind,
    ]);
    if (dup.rowCount > 0) throw invalidInput('この計画・年度・種別の評価の回は既にあります。');
    const r = await tx.query<{ id: number }>(
      'insert into evaluation_rounds (plan_id, fiscal_year, kind, status, deadline, demo) values ($1, $2, $3, $4, $5, $6) returning id',
      [input.planId, input.fiscalYear, input.kind, 'preparing', input.deadline, input.demo === true],
    );
    const round = await getRound(tx, r.rows[0]!.id);
    await recordAudit(tx, { actor: actor.login, action: 'create', entity: 'round', entityId: round.id, planId: round.planId, roundId: round.id, after: input });
    return round;
  });
}

export async function updateRoundDeadline(db: Db, roundId: number, deadline: string | null, actor: Actor): Promise<void> {
  if (!mayTakeRoundAction(actor, 'open')) throw forbidden('評価の回を変更する権限がありません。');
  await db.transaction(async (tx) => {
    const before = await getRound(tx, roundId);
    if (before.status === 'published') throw invalidState('公表済みの評価の回は変更できません。');
    await tx.query('update evaluation_rounds set deadline = $2 where id = $1', [roundId, deadline]);
    await recordAudit(tx, {
      actor: actor.login,
      action: 'update',
      entity: 'round',
      entityId: roundId,
      planId: before.planId,
      roundId,
      before: { deadline: before.deadline },
      after: { deadline },
    });
  });
}

/**
 * One entry per item of the plan's rated tier (at any depth), prefilled as a starting
 * draft from the most recent earlier year: the rating's reason (or the department's
 * paragraph about the item or its parent), its issues and its direction. Items ended by
 * this year start as "not evaluated" (the first such code of the rated tier's scale).
 */
export async function ensureEntries(tx: Queryable, round: Round): Promise<number> {
  const { ratedLevel } = await loadPlanVocabularyNow(tx, round.planId);
  const prev = await tx.query<{ fy: number | null }>(
    'select max(r.fiscal_year) as fy from ratings r join plan_items i on i.id = r.item_id where i.plan_id = $1 and r.fiscal_year < $2',
    [round.planId, round.fiscalYear],
  );
  const prevYear = prev.rows[0]?.fy ?? round.fiscalYear - 1;
  const notEvaluated = await tx.query<{ code: string }>(
    `select c.code from plans p left join plan_tiers t on t.plan_id = p.id and t.level = $2
       join rating_codes c on c.scale_id = coalesce(t.rating_scale_id, p.rating_scale_id)
      where p.id = $1 and c.is_not_evaluated order by c.position limit 1`,
    [round.planId, ratedLevel],
  );
  const dept = (kind: string, target: string) =>
    `(select string_agg(n.body, E'\\n\\n' order by n.position) from narratives n
       where n.plan_id = $2 and n.fiscal_year = $3 and n.author_role = 'department' and n.kind = '${kind}' and ${target})`;
  const r = await tx.query(
    `insert into round_entries (round_id, item_id, reason, issues, direction, rating_code, prefilled_reason, prefilled_issues, prefilled_direction)
     select round_id, item_id, reason, issues, direction, rating_code, nullif(reason, ''), nullif(issues, ''), nullif(direction, '') from (
     select $1::int as round_id, i.id as item_id,
            coalesce(nullif(r.reason, ''), ${dept('progress', 'n.item_id = i.id')},
                     ${dept('progress', '(n.item_id = i.parent_id or exists (select 1 from narrative_mentions m where m.narrative_id = n.id and m.item_id in (i.id, i.parent_id)))')}, '') as reason,
            coalesce(${dept('issues', 'n.item_id = i.id')}, '') as issues,
            coalesce(${dept('direction', 'n.item_id = i.id')}, '') as direction,
            case when i.ended_from_fiscal_year <= $4 then $5 else null end as rating_code
       from plan_items i left join ratings r on r.item_id = i.id and r.fiscal_year = $3
      where i.plan_id = $2 and i.level = $6) copied
     on conflict (round_id, item_id) do nothing`,
    [round.id, round.planId, prevYear, round.fiscalYear, notEvaluated.rows[0]?.code ?? null, ratedLevel],
  );
  return r.rowCount;
}

/**
 * Moves the round on. Publishing while opinions are still empty needs `reason`, and the
 * audit entry keeps both the reason and which opinions were missing.
 */
export async function transitionRound(db: Db, roundId: number, action: RoundAction, actor: Actor, options: { reason?: string } = {}): Promise<Round> {
  if (!mayTakeRoundAction(actor, action)) throw forbidden('この操作を行う権限がありません。');
  return db.transaction(async (tx) => {
    // The plan's rating rule may not change while a round is open: opening takes the plan's
    // lock its settings take, so that a rule saved at this moment waits and then sees this
    // round. Plan before round, in the order imports and settings lock them.
    if (action === 'open') await tx.query('select 1 from plans where id = (select plan_id from evaluation_rounds where id = $1) for update', [roundId]);
    // Lock the round row: two people pressing "publish" at once publish once.
    await tx.query('select 1 from evaluation_rounds where id = $1 for update', [roundId]);
    const round = await getRound(tx, roundId);
    const next = nextRoundStatus(round.status, action, await roundProgress(tx, roundId));
    if (next instanceof AppError) throw next;
    if (action === 'open') await ensureEntries(tx, round);
    const reason = cleanText(options.reason ?? '').trim();
    let missing: string[] = [];
    if (action === 'publish') {
      missing = missingOpinions(await opinionTargets(tx, round.planId), await loadOpinions(tx, roundId)).map((m) =>
        m.itemId === null ? '計画全体' : `${m.code} ${m.name}`,
      );
      if (missing.length > 0 && !reason) throw invalidInput(`未記入の意見が${missing.length}件あります。このまま公表する理由を入力してください。`);
      await publishEntries(tx, round, actor);
    }
    await tx.query(
      `update evaluation_rounds set status = $2,
              opened_at = case when $2 = 'open' then coalesce(opened_at, now()) else opened_at end,
              closed_at = case when $2 = 'closed' then now() else closed_at end,
              published_at = case when $2 = 'published' then now() else published_at end
        where id = $1`,
      [roundId, next],
    );
    const extra = action === 'publish' && (missing.length > 0 || reason) ? { reason, missingOpinions: missing } : {};
    await recordAudit(tx, {
      actor: actor.login,
      action,
      entity: 'round',
      entityId: roundId,
      planId: round.planId,
      roundId,
      before: { status: round.status },
      after: { status: next, ...extra },
    });
    return getRound(tx, roundId);
  });
}
