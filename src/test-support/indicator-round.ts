/**
 * The indicator demo's open round as the workflow tests use it: a fresh store with the
 * demo, its department editor, a division user, each item's id and (first) indicator by
 * item number, an entry body, and typed figures built from form fields where `#` stands for
 * the item's indicator id.
 */
import assert from 'node:assert/strict';
import { createTestDb, type TestDb } from './db.js';
import { findUser } from '../users/users-queries.js';
import { ensureIndicatorDemo, INDICATOR_DEMO_ACCOUNT } from '../indicators/indicator-demo.js';
import { getRound, type Round } from '../evaluations/round-queries.js';
import { typedFiguresFromForm, type TypedFigures } from '../evaluations/entry-figures.js';
import type { Actor, EntryInput } from '../evaluations/workflow.js';

export type User = Actor & { id: number };

export interface IndicatorRound {
  t: TestDb;
  round: Round;
  editor: User;
  division: User;
  item: Map<string, number>;
  indicator: Map<string, number>;
  figures(code: string, body: Record<string, string>): TypedFigures;
}

export const entryWith = (ratingCode: string | null): EntryInput => ({
  ratingCode,
  annotationKindIds: [],
  reason: '実績のとおり。',
  issues: '',
  direction: '引き続き取り組む。',
});

export async function openIndicatorRound(engine: Parameters<typeof createTestDb>[0], divisionLogin: string): Promise<IndicatorRound> {
  const t = await createTestDb(engine);
  const demo = await ensureIndicatorDemo(t.db);
  const round = await getRound(t.db, demo.roundId!);
  const u = await findUser(t.db, INDICATOR_DEMO_ACCOUNT.login);
  assert.ok(u);
  const editor: User = { id: u.id, login: u.login, roles: u.roles, departmentIds: u.departmentIds };
  const d = await t.db.query<{ id: number }>(
    "insert into users (login, display_name, password_hash, must_change_password) values ($1, '評価担当', 'unused', false) returning id",
    [divisionLogin],
  );
  await t.db.query("insert into user_roles (user_id, role) values ($1, 'division')", [d.rows[0]!.id]);
  const division: User = { id: d.rows[0]!.id, login: divisionLogin, roles: ['division'], departmentIds: [] };
  const rows = await t.db.query<{ code: string; itemId: number; indicatorId: number }>(
    'select i.code, i.id as "itemId", x.id as "indicatorId" from plan_items i join indicators x on x.item_id = i.id where i.plan_id = $1',
    [round.planId],
  );
  const item = new Map<string, number>();
  const indicator = new Map<string, number>();
  for (const r of rows.rows) {
    item.set(r.code, r.itemId);
    indicator.set(r.code, r.indicatorId);
  }
  const figures = (code: string, body: Record<string, string>) =>
    typedFiguresFromForm(Object.fromEntries(Object.entries(body).map(([k, v]) => [k.replace('#', String(indicator.get(code))), v])));
  return { t, round, editor, division, item, indicator, figures };
}
