/**
 * Writes of opinions at the targets the plan's settings give the division and the
 * expert (opinionTargets), with the same optimistic locking as entries, audited in one
 * transaction.
 */
import type { Db } from '../db/db.js';
import { forbidden, invalidState, notFound } from '../errors.js';
import { recordAudit } from '../audit/audit-log.js';
import { can } from '../auth/roles.js';
import { cleanText, type Actor } from './workflow.js';
import { getRound, opinionTargets, unitOfUser, type Opinion } from './round-queries.js';

export type OpinionResult = { kind: 'saved' } | { kind: 'conflict'; current: Opinion } | { kind: 'invalid'; error: string };

/** Saves an opinion with the same optimistic locking as entries (version 0 = none yet). */
export async function saveOpinion(
  db: Db,
  roundId: number,
  itemId: number | null,
  body: string,
  expectedVersion: number,
  actor: Actor & { id: number },
): Promise<OpinionResult> {
  const text = cleanText(body);
  if (text.length > 8000) return { kind: 'invalid', error: `8000文字以内で入力してください（現在${text.length}文字）。` };
  return db.transaction(async (tx) => {
    const round = await getRound(tx, roundId);
    const targets = await opinionTargets(tx, round.planId);
    const target = targets.find((t) => t.itemId === itemId);
    if (!target) throw notFound('意見の対象が見つかりません。');
    const permission = target.role === 'division' ? 'writeDivisionOpinion' : 'writeExpertOpinion';
    if (!can(actor.roles, permission)) throw forbidden('この意見を書く権限がありません。');
    if (round.status !== 'open' && round.status !== 'closed') throw invalidState('意見を書けるのは、受付中または締切後・公表前の評価の回だけです。');
    const current = (
      await tx.query<Opinion & { id: number }>(
        `select o.id, o.item_id as "itemId", o.author_role as "authorRole", o.body, o.version, u.display_name as "updatedBy", ${unitOfUser('u')} as "updatedByUnit",
                o.updated_at as "updatedAt"
           from round_opinions o left join users u on u.id = o.updated_by
          where o.round_id = $1 and o.item_id is not distinct from $2 and o.author_role = $3 for update of o`,
        [roundId, itemId, target.role],
      )
    ).rows[0];
    if ((current?.version ?? 0) !== expectedVersion) {
      return {
        kind: 'conflict',
        current: current ?? { itemId, authorRole: target.role, body: '', version: 0, updatedBy: null, updatedByUnit: null, updatedAt: null },
      };
    }
    if (current) {
      await tx.query('update round_opinions set body = $2, version = version + 1, updated_by = $3, updated_at = now() where id = $1', [
        current.id,
        text,
        actor.id,
      ]);
    } else {
      await tx.query('insert into round_opinions (round_id, item_id, author_role, body, updated_by) values ($1, $2, $3, $4, $5)', [
        roundId,
        itemId,
        target.role,
        text,
        actor.id,
      ]);
    }
    await recordAudit(tx, {
      actor: actor.login,
      action: 'save',
      entity: `opinion:${target.role}`,
      entityId: itemId ?? 'plan',
      planId: round.planId,
      roundId,
      itemId,
      before: current ? { body: current.body } : null,
      after: { body: text },
    });
    return { kind: 'saved' };
  });
}
