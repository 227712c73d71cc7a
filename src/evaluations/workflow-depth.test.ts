/**
 * The workflow on plans of other depths than the sample's, through the stores: a 3-tier
 * plan with every setting left to its default, and a 2-tier and a 6-tier plan for the
 * defaults at the edges. Codes are not dotted numbers, and code order is not document order.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, engines, type TestDb } from '../test-support/db.js';
import { createWorkflowPlan, editorOf, type WorkflowPlan } from '../test-support/workflow-plans.js';
import { isAppError } from '../errors.js';
import { listAudit } from '../audit/audit-queries.js';
import { acceptEntries, reviewEntry, saveEntry } from './entry-store.js';
import { saveOpinion } from './opinion-store.js';
import { loadPlanVocabulary, resolveVocabulary } from './plan-settings-queries.js';
import { getRound, listEntries, loadBoard, loadReminders, opinionTargets, type Round } from './round-queries.js';
import { createRound, transitionRound, updateRoundDeadline } from './round-store.js';
import type { Actor, EntryInput } from './workflow.js';
import { loadEntry, loadScaleInfo } from './entry-queries.js';
import { FIVE_TIER, storeTieredPlan } from '../test-support/tiered-plans.js';
import { loadReportModel } from '../reports/report-queries.js';
import { divisionNameOf } from '../reports/report-model.js';
import { savePlanSettings } from './plan-settings-store.js';
import { publicFingerprint } from '../portal/public-fingerprint.js';
import { readChangeCounter } from '../db/change-counter.js';

const input = (over: Partial<EntryInput> = {}): EntryInput => ({
  ratingCode: 'A',
  annotationKindIds: [],
  reason: '目標どおり進んだ。',
  issues: '',
  direction: '',
  ...over,
});

test('defaults at the edges: 2 tiers rate the second and the division writes on the first; 6 tiers keep the sample’s places', () => {
  const tiers = (n: number, scaled: number[] = []) =>
    Array.from({ length: n }, (_, i) => ({ level: i + 1, name: `T${i + 1}`, hasScale: scaled.includes(i + 1) }));
  const two = resolveVocabulary(1, tiers(2), null, null);
  assert.deepEqual([two.ratedLevel, two.divisionLevels, two.expertLevels, two.boardLevel, two.planOpinionRole], [2, [1], [], 1, 'expert']);
  const six = resolveVocabulary(1, tiers(6), null, null);
  assert.deepEqual([six.ratedLevel, six.divisionLevels, six.expertLevels, six.boardLevel], [6, [2], [1], 2]);
  const scaled = resolveVocabulary(1, tiers(6, [4]), null, null);
  assert.equal(scaled.ratedLevel, 4, 'the deepest tier bound to a scale is rated');
  const stored = resolveVocabulary(
    1,
    tiers(6),
    {
      ratedLevel: 5,
      boardLevel: null,
      divisionLevels: [4, 6],
      expertLevels: [4, 2],
      planOpinionRole: 'none',
      divisionName: null,
      departmentTitle: null,
      divisionTitle: null,
      expertTitle: null,
      yearlyLabel: null,
      midtermLabel: null,
      finalLabel: null,
      version: 1,
    },
    '企画課',
  );
  assert.deepEqual(
    [stored.ratedLevel, stored.divisionLevels, stored.expertLevels, stored.boardLevel, stored.planOpinionRole, stored.divisionName],
    [5, [4], [2], 4, null, '企画課'],
  );
});

for (const engine of engines()) {
  describe(`a 3-tier plan through a full round (${engine})`, () => {
    let t: TestDb;
    let plan: WorkflowPlan;
    let round: Round;

    before(async () => {
      t = await createTestDb(engine);
      plan = await createWorkflowPlan(t.db, { slug: 'three-tier', tiers: ['基本目標', '施策', 'KPI'], fanout: [2, 2, 3] });
    });
    after(async () => t.cleanup());

    test('the defaults: KPIs rated, the division per 施策, the expert per 基本目標 and on the plan', async () => {
      const v = await loadPlanVocabulary(t.db, plan.planId);
      assert.deepEqual([v.ratedLevel, v.divisionLevels, v.expertLevels, v.boardLevel, v.planOpinionRole, v.divisionName], [3, [2], [1], 2, 'expert', null]);
      const targets = await opinionTargets(t.db, plan.planId);
      assert.deepEqual(
        targets.map((x) => [x.itemId, x.role]),
        [
          [null, 'expert'],
          [plan.idsPerLevel[0]![0], 'expert'],
          [plan.idsPerLevel[1]![0], 'division'],
          [plan.idsPerLevel[1]![1], 'division'],
          [plan.idsPerLevel[0]![1], 'expert'],
          [plan.idsPerLevel[1]![2], 'division'],
          [plan.idsPerLevel[1]![3], 'division'],
        ],
        'in document order, whatever the codes say',
      );
    });

    test('opening creates one entry per KPI; the board counts per 施策 in document order', async () => {
      round = await createRound(t.db, { planId: plan.planId, fiscalYear: 2023, kind: 'yearly', deadline: null }, plan.users.division);
      round = await transitionRound(t.db, round.id, 'open', plan.users.division);
      const board = await loadBoard(t.db, round.id);
      assert.equal(board.totals.total, 12);
      assert.equal(board.groupTier, '施策');
      assert.deepEqual(
        board.measures.map((m) => m.id),
        plan.idsPerLevel[1],
      );
      assert.deepEqual(
        board.measures.map((m) => m.total),
        [3, 3, 3, 3],
      );
      assert.deepEqual(
        board.measures.map((m) => m.code),
        ['Z-1', 'Z-2', 'Y-1', 'Y-2'],
      );
      assert.deepEqual(
        board.departments.map((d) => d.total),
        [6, 6],
      );
      const entries = await listEntries(t.db, round.id);
      assert.deepEqual(
        entries.map((e) => e.itemId),
        plan.idsPerLevel[2],
        'sorted by the tree, not by code',
      );
      const under = await listEntries(t.db, round.id, { measureId: plan.idsPerLevel[0]![1]! });
      assert.deepEqual(
        under.map((e) => e.code),
        ['Y-1-1', 'Y-1-2', 'Y-1-3', 'Y-2-1', 'Y-2-2', 'Y-2-3'],
        'a top item lists the rated items under it at any depth',
      );
    });

    test('reminders list the overdue KPIs per department', async () => {
      await updateRoundDeadline(t.db, round.id, '2024-06-30', plan.users.division);
      const reminders = await loadReminders(t.db, await getRound(t.db, round.id), '2024-07-01');
      assert.deepEqual(
        reminders.map((r) => [r.departmentName, r.overdue.length]),
        plan.departments.map((d) => [d.name, 6]).sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'ja')),
      );
      assert.deepEqual(
        reminders.flatMap((r) => r.recipients),
        [],
        'the factory’s editors have no e-mail',
      );
    });

    test('departments submit, the division returns one and accepts the rest, the expert and the division write, and the round is published', async () => {
      const rated = plan.idsPerLevel[2]!;
      for (const itemId of rated) {
        const editor = await editorOf(t.db, plan, itemId);
        const other = plan.users.editors.find((e) => e !== editor)!;
        await assert.rejects(
          saveEntry(t.db, round, itemId, input(), 1, 'save', other),
          (e: unknown) => isAppError(e, 'not-found'),
          'another department never reaches it',
        );
        const saved = await saveEntry(t.db, round, itemId, input({ ratingCode: itemId === rated[0] ? 'B' : 'A' }), 1, 'submit', editor);
        assert.equal(saved.kind === 'saved' && saved.entry.status, 'submitted');
      }
      const first = rated[0]!;
      const returned = await reviewEntry(t.db, round, first, 'return', '理由を具体的に。', 2, plan.users.division);
      assert.equal(returned.kind === 'saved' && returned.entry.status, 'returned');
      const again = await saveEntry(
        t.db,
        round,
        first,
        input({ ratingCode: 'B', reason: '計画の見直しで一部遅れた。' }),
        3,
        'submit',
        await editorOf(t.db, plan, first),
      );
      assert.equal(again.kind === 'saved' && again.entry.status, 'submitted');
      const queue = await listEntries(t.db, round.id, { statuses: ['submitted'] });
      assert.equal(queue.length, 12);
      const bulk = await acceptEntries(
        t.db,
        round,
        queue.map((e) => ({ itemId: e.itemId, version: e.version })),
        plan.users.division,
      );
      assert.equal(bulk.accepted.length, 12);

      const targets = await opinionTargets(t.db, plan.planId);
      await assert.rejects(
        saveOpinion(t.db, round.id, plan.idsPerLevel[0]![0]!, '柱への意見', 0, plan.users.division),
        (e: unknown) => isAppError(e, 'forbidden'),
        'the top tier is the expert’s',
      );
      await assert.rejects(
        saveOpinion(t.db, round.id, rated[0]!, 'KPIへの意見', 0, plan.users.division),
        (e: unknown) => isAppError(e, 'not-found'),
        'the rated tier carries no opinion',
      );
      for (const target of targets) {
        const who = target.role === 'division' ? plan.users.division : plan.users.expert;
        assert.deepEqual(await saveOpinion(t.db, round.id, target.itemId, `${target.name}への意見`, 0, who), { kind: 'saved' });
      }
      await transitionRound(t.db, round.id, 'close', plan.users.division);
      const published = await transitionRound(t.db, round.id, 'publish', plan.users.division);
      assert.equal(published.status, 'published');

      const board = await loadBoard(t.db, round.id);
      assert.equal(board.totals.counts.accepted, 12);
      const ratings = await t.db.query<{ code: string; n: number }>(
        'select r.code, count(*)::int as n from ratings r join plan_items i on i.id = r.item_id where i.plan_id = $1 and r.fiscal_year = 2023 group by r.code order by r.code',
        [plan.planId],
      );
      assert.deepEqual(ratings.rows, [
        { code: 'A', n: 11 },
        { code: 'B', n: 1 },
      ]);
      const opinions = await t.db.query<{ role: string; level: number | null; n: number }>(
        `select n.author_role as role, i.level, count(*)::int as n from narratives n left join plan_items i on i.id = n.item_id
          where n.plan_id = $1 and n.fiscal_year = 2023 and n.author_role <> 'department' group by 1, 2 order by 1, 2`,
        [plan.planId],
      );
      assert.deepEqual(opinions.rows, [
        { role: 'division', level: 2, n: 4 },
        { role: 'expert', level: 1, n: 2 },
        { role: 'expert', level: null, n: 1 },
      ]);
      const audit = await listAudit(t.db, { roundId: round.id });
      assert.ok(audit.some((a) => a.action === 'publish' && a.entity === 'round'));
    });

    test('the published round’s report speaks the plan’s words once the settings name them', async () => {
      const before = await loadReportModel(t.db, plan.slug, 2023);
      assert.equal(before.title.kindLabel, '年度評価');
      const settings = {
        ratedLevel: null,
        boardLevel: null,
        divisionLevels: [2],
        expertLevels: [1],
        planOpinionRole: null,
        divisionName: '企画部企画課',
        departmentTitle: null,
        divisionTitle: null,
        expertTitle: null,
        yearlyLabel: '年次評価',
        midtermLabel: null,
        finalLabel: null,
      };
      const [counter, fingerprint] = [await readChangeCounter(t.db), await publicFingerprint(t.db, plan.planId)];
      assert.deepEqual(await savePlanSettings(t.db, plan.planId, settings, 0, plan.users.admin), { kind: 'saved' });
      assert.notEqual(await readChangeCounter(t.db), counter, 'the portal’s cache learns of the new words');
      assert.notEqual(await publicFingerprint(t.db, plan.planId), fingerprint);
      const model = await loadReportModel(t.db, plan.slug, 2023);
      assert.equal(model.title.kindLabel, '年次評価');
      assert.equal(divisionNameOf(model), '企画部企画課');
      assert.equal((await getRound(t.db, round.id)).kindLabel, '年次評価');
    });
  });
}

for (const engine of engines()) {
  describe(`an imported 5-tier plan rating two tiers (${engine})`, () => {
    let t: TestDb;

    before(async () => {
      t = await createTestDb(engine);
    });
    after(async () => t.cleanup());

    test('a round rates the primary tier (事務事業) on that tier’s own scale', async () => {
      const { planId } = await storeTieredPlan(t.db, FIVE_TIER);
      const v = await loadPlanVocabulary(t.db, planId);
      assert.deepEqual([v.ratedLevel, v.divisionLevels, v.expertLevels], [5, [2], [1]]);
      const division: Actor = { login: 'test-division', roles: ['division'], departmentIds: [] };
      let round = await createRound(t.db, { planId, fiscalYear: 2023, kind: 'yearly', deadline: null }, division);
      round = await transitionRound(t.db, round.id, 'open', division);
      const entries = await listEntries(t.db, round.id);
      assert.equal(entries.length, 2 * 1 * 2 * 2 * 3);
      const levels = await t.db.query<{ level: number }>(
        'select distinct i.level from round_entries e join plan_items i on i.id = e.item_id where e.round_id = $1',
        [round.id],
      );
      assert.deepEqual(levels.rows, [{ level: 5 }]);
      const item = entries[1]!;
      const scale = await loadScaleInfo(t.db, planId, item.itemId);
      assert.deepEqual(
        scale.codes.map((c) => c.code),
        ['順調', '概ね順調', 'やや遅れ', '遅れ'],
      );
      const user = await t.db.query<{ id: number }>(
        "insert into users (login, display_name, password_hash, must_change_password) values ('test-editor', '担当', 'unused', false) returning id",
      );
      const editor = { id: user.rows[0]!.id, login: 'test-editor', roles: ['department' as const], departmentIds: [item.departmentId!] };
      const wrongScale = await saveEntry(t.db, round, item.itemId, input({ ratingCode: 'A' }), 1, 'submit', editor);
      assert.equal(wrongScale.kind, 'invalid', 'the 施策 scale is not the 事務事業 one');
      const saved = await saveEntry(t.db, round, item.itemId, input({ ratingCode: '概ね順調' }), 1, 'submit', editor);
      assert.equal(saved.kind === 'saved' && saved.entry.ratingCode, '概ね順調');
      const entry = await loadEntry(t.db, round, item.itemId, editor);
      assert.equal(entry.status, 'submitted');
    });
  });
}
