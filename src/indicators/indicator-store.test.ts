import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, type TestDb } from '../test-support/db.js';
import { seededDb } from '../test-support/seed.js';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { listAudit } from '../audit/audit-queries.js';
import { isAppError } from '../errors.js';
import type { Actor } from '../evaluations/workflow.js';
import { loadPlanTree } from '../plans/plan-queries.js';
import { findPreset } from './rating-presets.js';
// The store's writers under test, listed as every user of the store lists them: an import, nothing to share.
import {
  addDirectionCode,
  addTarget,
  chooseDirection,
  createIndicator,
  ensureDirectionCodes,
  reviseTarget,
  saveActual,
  saveCost,
  setBaseline,
  setRatingRule,
} from './indicator-store.js';
import {
  loadCostTotals,
  loadDirectionCodes,
  loadDirectionCounts,
  loadIndicatorSeries,
  loadItemDirections,
  loadRatingRule,
  proposeRatings,
} from './indicator-queries.js';
import { targetValueInEffect } from './indicator-series.js';

const division: Actor = { login: 'test-division', roles: ['division'], departmentIds: [] };
const viewer: Actor = { login: 'test-viewer', roles: ['viewer'], departmentIds: [] };

for (const engine of engines()) {
  describe(`indicator store (${engine})`, () => {
    let t: TestDb;
    let planId: number;
    let scaleId: number;
    /** Two sub-items of one program (2.1.4: its first two sub-items) and their program, measure and pillar. */
    let subA: number, subB: number, program: number, measure: number, pillar: number;
    let department: Actor, otherDepartment: Actor;

    before(async () => {
      t = await seededDb(engine);
      const plan = await t.db.query<{ id: number; scaleId: number }>('select id, rating_scale_id as "scaleId" from plans where slug = $1', [SAMPLE_PLAN_SLUG]);
      planId = plan.rows[0]!.id;
      scaleId = plan.rows[0]!.scaleId;
      const items = await t.db.query<{ id: number; code: string }>(
        `select id, code from plan_items where plan_id = $1 and code in ('2', '2.1', '2.1.4', '2.1.4.1', '2.1.4.2')`,
        [planId],
      );
      const id = (code: string) => items.rows.find((r) => r.code === code)!.id;
      [pillar, measure, program, subA, subB] = [id('2'), id('2.1'), id('2.1.4'), id('2.1.4.1'), id('2.1.4.2')];
      const depts = await t.db.query<{ id: number }>(
        `insert into departments (code, name) values ('t-kikaku', '試験企画課'), ('t-other', '試験他課') returning id`,
      );
      const [own, other] = depts.rows.map((d) => d.id) as [number, number];
      await t.db.query('update plan_items set department_id = $1 where id in ($2, $3)', [own, subA, subB]);
      department = { login: 'test-dept', roles: ['department'], departmentIds: [own] };
      otherDepartment = { login: 'test-other', roles: ['department'], departmentIds: [other] };
    });
    after(async () => t.cleanup());

    test('indicators, baselines, targets, revisions and actuals are stored exactly and audited', async () => {
      const id = await createIndicator(
        t.db,
        subA,
        { name: '電子申請の利用件数', unit: '件', kind: 'outcome', direction: 'higher', cumulative: false, decimals: 0 },
        division,
      );
      await setBaseline(t.db, id, { fiscalYear: 2015, value: '0.1' }, division);
      const target = await addTarget(t.db, id, { kind: 'final', fiscalYear: 2020, value: '１，２００' }, division);
      await addTarget(t.db, id, { kind: 'yearly', fiscalYear: 2018, value: '12345678901234567890.123456789' }, division);
      await saveActual(t.db, id, 2018, { value: '0.3', sourceNote: '電子申請システムの集計' }, division);
      await saveActual(t.db, id, 2019, { value: null, notMeasurable: true, sourceNote: 'システム更新のため集計できず' }, division);
      await reviseTarget(t.db, target, { newValue: '1000', reason: '感染症の影響により再設定', decidedFiscalYear: 2020 }, division);
      await reviseTarget(t.db, target, { newValue: '1400', reason: '計画期間の延長に合わせて再設定', decidedFiscalYear: 2021 }, division);

      const [s] = (await loadIndicatorSeries(t.db, planId)).filter((x) => x.id === id);
      assert.ok(s);
      assert.equal(s.baseline?.value, '0.1');
      const final = s.targets.find((x) => x.kind === 'final')!;
      assert.equal(final.value, '1200', 'the target as first set stays as it was');
      assert.deepEqual(
        final.revisions.map((r) => [r.oldValue, r.newValue, r.decidedFiscalYear]),
        [
          ['1200', '1000', 2020],
          ['1000', '1400', 2021],
        ],
      );
      assert.equal(targetValueInEffect(final, 2020), '1000');
      assert.equal(targetValueInEffect(final), '1400');
      assert.equal(s.targets.find((x) => x.kind === 'yearly')!.value, '12345678901234567890.123456789', 'numeric, never a float');
      assert.deepEqual(
        s.actuals.map((a) => [a.fiscalYear, a.value, a.notMeasurable]),
        [
          [2018, '0.3', false],
          [2019, null, true],
        ],
      );

      const audit = await listAudit(t.db, { itemId: subA });
      const entities = audit.map((a) => `${a.action} ${a.entity}`);
      for (const e of ['create indicator', 'create indicator_baseline', 'create indicator_target', 'revise indicator_target', 'create indicator_actual'])
        assert.ok(entities.includes(e), e);
      const revision = audit.find((a) => a.action === 'revise');
      assert.deepEqual(revision?.before, { value: '1000' });
    });

    test('a target is never overwritten: a second one for the same year is refused; revisions go forward in time', async () => {
      const id = await createIndicator(t.db, subA, { name: '研修の受講者数', unit: '人', direction: 'higher' }, division);
      const target = await addTarget(t.db, id, { kind: 'final', fiscalYear: 2020, value: '50' }, division);
      await assert.rejects(
        addTarget(t.db, id, { kind: 'final', fiscalYear: 2022, value: '60' }, division),
        (e: unknown) => isAppError(e, 'conflict') && /見直し/.test(e.message),
      );
      await addTarget(t.db, id, { kind: 'yearly', fiscalYear: 2019, value: '30' }, division);
      await assert.rejects(addTarget(t.db, id, { kind: 'yearly', fiscalYear: 2019, value: '35' }, division), (e: unknown) => isAppError(e, 'conflict'));
      await reviseTarget(t.db, target, { newValue: '55', reason: '見直し', decidedFiscalYear: 2021 }, division);
      await assert.rejects(reviseTarget(t.db, target, { newValue: '58', reason: '遡った見直し', decidedFiscalYear: 2019 }, division), (e: unknown) =>
        isAppError(e, 'invalid-input'),
      );
      await assert.rejects(
        reviseTarget(t.db, target, { newValue: '58', reason: ' ', decidedFiscalYear: 2022 }, division),
        (e: unknown) => isAppError(e, 'invalid-input') && /理由/.test(e.message),
      );
      await assert.rejects(
        addTarget(t.db, id, { kind: 'yearly', fiscalYear: 2020, value: '三十' }, division),
        (e: unknown) => isAppError(e, 'invalid-input') && /数値/.test(e.message),
      );
    });

    test('who may write: the division defines; a department enters its own items only; a viewer nothing', async () => {
      await assert.rejects(createIndicator(t.db, subA, { name: 'x' }, department), (e: unknown) => isAppError(e, 'forbidden'));
      await assert.rejects(createIndicator(t.db, subA, { name: 'x' }, viewer), (e: unknown) => isAppError(e, 'forbidden'));
      const id = await createIndicator(t.db, subB, { name: '待機児童数', unit: '人', direction: 'lower' }, division);
      await saveActual(t.db, id, 2020, { value: '3' }, department);
      await assert.rejects(saveActual(t.db, id, 2021, { value: '2' }, otherDepartment), (e: unknown) => isAppError(e, 'forbidden'));
      await assert.rejects(
        saveActual(t.db, id, 2021, { value: '2', notMeasurable: true }, department),
        (e: unknown) => isAppError(e, 'invalid-input') && /測定できない/.test(e.message),
      );
      await saveActual(t.db, id, 2020, { value: '2', sourceNote: '訂正' }, department);
      const [s] = (await loadIndicatorSeries(t.db, planId)).filter((x) => x.id === id);
      assert.deepEqual(
        s!.actuals.map((a) => [a.value, a.sourceNote]),
        [['2', '訂正']],
      );
      const audit = await listAudit(t.db, { itemId: subB, actor: 'test-dept' });
      assert.deepEqual(
        audit.map((a) => a.action),
        ['update', 'create'],
      );
      assert.deepEqual((audit[0]!.before as { value: string }).value, '3');
    });

    test('a plan’s rule must use the scale’s codes; the plan’s rule wins over the scale’s; proposals follow it', async () => {
      await assert.rejects(
        setRatingRule(t.db, { planId }, findPreset('ratio-a-d')!.rule, division),
        (e: unknown) => isAppError(e, 'invalid-input') && /D/.test(e.message),
      );
      await assert.rejects(
        setRatingRule(t.db, { planId }, { kind: 'ratio_thresholds', parameters: { thresholds: [], otherwise: 'C' } }, division),
        (e: unknown) => isAppError(e, 'invalid-input'),
      );
      await assert.rejects(setRatingRule(t.db, { planId }, findPreset('manual')!.rule, department), (e: unknown) => isAppError(e, 'forbidden'));
      assert.equal(await loadRatingRule(t.db, planId), null);
      await setRatingRule(t.db, { scaleId }, findPreset('manual')!.rule, division);
      assert.equal((await loadRatingRule(t.db, planId))?.owner, 'scale');
      await setRatingRule(t.db, { planId }, { ...findPreset('ratio-a-c-110-95')!.rule, name: 'A/B/C（110%・95%）' }, division);
      const loaded = await loadRatingRule(t.db, planId);
      assert.equal(loaded?.owner, 'plan');
      assert.equal(loaded?.rule.kind, 'ratio_thresholds');

      const id = await createIndicator(t.db, subB, { name: 'オンライン申請の件数', unit: '件' }, division);
      await addTarget(t.db, id, { kind: 'yearly', fiscalYear: 2022, value: '200' }, division);
      await saveActual(t.db, id, 2022, { value: '230' }, division);
      const proposals = await proposeRatings(t.db, planId, 2022);
      const forB = proposals.find((p) => p.itemId === subB)!;
      const mine = forB.indicators.find((i) => i.indicatorId === id)!;
      assert.equal(mine.result.status === 'proposed' && mine.result.code, 'A'); // 115 %
      // 待機児童数 (lower is better) has no target: the item is only as far along as what can be judged.
      assert.equal(forB.indicators.find((i) => i.name === '待機児童数')!.result.status, 'not-evaluable');
      assert.equal(forB.proposal?.status === 'proposed' && forB.proposal.code, 'A');
    });

    test('今後の方向性: the default list once, the plan’s own codes, choices per item per year and counts with zeros', async () => {
      assert.equal(await ensureDirectionCodes(t.db, planId, division), 7);
      assert.equal(await ensureDirectionCodes(t.db, planId, division), 0);
      await addDirectionCode(t.db, planId, { code: '見直し', label: '見直しのうえ継続' }, division);
      await assert.rejects(addDirectionCode(t.db, planId, { code: '継続', label: '継続' }, division), (e: unknown) => isAppError(e, 'conflict'));
      assert.deepEqual(
        (await loadDirectionCodes(t.db, planId)).map((c) => c.code),
        ['拡充', '継続', '改善', '縮小', '統合', '廃止・休止', '完了', '見直し'],
      );
      await chooseDirection(t.db, subA, 2022, { code: '拡充', note: '対象手続きを増やす' }, department);
      await chooseDirection(t.db, subB, 2022, { code: '継続' }, department);
      await chooseDirection(t.db, subB, 2022, { code: '拡充', note: '改めて拡充' }, department);
      await chooseDirection(t.db, subB, 2021, { code: '完了' }, division);
      await assert.rejects(chooseDirection(t.db, subA, 2022, { code: '廃止' }, department), (e: unknown) => isAppError(e, 'invalid-input'));
      await assert.rejects(chooseDirection(t.db, subA, 2022, { code: '継続' }, otherDepartment), (e: unknown) => isAppError(e, 'forbidden'));
      const chosen = await loadItemDirections(t.db, planId, 2022);
      assert.deepEqual(
        chosen.map((d) => [d.itemId, d.code, d.note]).sort(),
        [
          [subA, '拡充', '対象手続きを増やす'],
          [subB, '拡充', '改めて拡充'],
        ].sort(),
      );
      const counts = await loadDirectionCounts(t.db, planId);
      assert.deepEqual(
        counts.map((c) => c.fiscalYear),
        [2021, 2022],
      );
      assert.deepEqual(
        counts[1]!.counts.map((c) => `${c.code}:${c.count}`),
        ['拡充:2', '継続:0', '改善:0', '縮小:0', '統合:0', '廃止・休止:0', '完了:0', '見直し:0'],
      );
      assert.equal(counts[0]!.counts.find((c) => c.code === '完了')?.count, 1);
    });

    test('costs: units converted, トータルコスト derived when absent, totals roll up the tree exactly', async () => {
      await saveCost(
        t.db,
        subA,
        2022,
        {
          unit: '千円',
          projectCost: '1234.5',
          personnelCost: '800',
          nationalPrefecturalFunds: '234.5',
          localBonds: '0',
          otherFunds: '0',
          generalFunds: '1000',
        },
        department,
      );
      await saveCost(t.db, subB, 2022, { unit: '円', projectCost: '100500', personnelCost: '0.1', totalCost: '200000' }, department);
      await saveCost(t.db, subB, 2021, { projectCost: '10' }, division);
      await assert.rejects(
        saveCost(t.db, subA, 2021, { projectCost: '100', nationalPrefecturalFunds: '10', localBonds: '0', otherFunds: '0', generalFunds: '80' }, department),
        (e: unknown) => isAppError(e, 'invalid-input') && /財源内訳/.test(e.message),
      );
      await assert.rejects(saveCost(t.db, subA, 2021, { projectCost: '1' }, otherDepartment), (e: unknown) => isAppError(e, 'forbidden'));
      const totals = await loadCostTotals(t.db, planId);
      const a2022 = totals.get(subA)!.get(2022)!;
      assert.equal(a2022.totalCost, '2034.5');
      const p2022 = totals.get(program)!.get(2022)!;
      assert.equal(p2022.projectCost, '1335', '1234.5 千円 + 100,500 円');
      assert.equal(p2022.personnelCost, '800.0001');
      assert.equal(p2022.totalCost, '2234.5', 'published トータルコスト kept (200 千円), derived one for the other');
      assert.equal(p2022.generalFunds, '1000');
      for (const node of [measure, pillar]) assert.deepEqual(totals.get(node)!.get(2022), p2022);
      assert.equal(totals.get(pillar)!.get(2021)!.projectCost, '10');
      const tree = await loadPlanTree(t.db, planId);
      const otherPillar = tree.roots.find((r) => r.id !== pillar)!;
      assert.equal(totals.has(otherPillar.id), false, 'a node without costs has no totals');
      const inYen = await loadCostTotals(t.db, planId, '円');
      assert.equal(inYen.get(program)!.get(2022)!.projectCost, '1335000');
      const audit = await listAudit(t.db, { itemId: subB });
      assert.ok(audit.some((a) => a.entity === 'item_cost' && a.action === 'create'));
    });
  });
}
