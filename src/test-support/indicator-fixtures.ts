/**
 * Indicators, targets with a revision, actuals, a rating rule, 今後の方向性, costs and
 * rating proposals on the sample plan, written through the indicator store (the way the
 * entry form writes them), for the tests of every output. Proposals are written on the
 * published ratings directly: publication copies them from the entries, which this
 * fixture does not run.
 *
 * What the outputs must then say (FY2022, the sample's final round):
 * - 2.1.4.1 電子申請の利用件数 (件, higher): baseline 100 (2017), final target 1200 (2020)
 *   revised to 1400 in 2021; actual 1500 → 107.1 % → B under the rule 'ratio-a-c-110-95'.
 * - 2.1.4.1 窓口の平均待ち時間 (分, lower): baseline 30 (2017), final target 15 (2020), never
 *   revised after the period's extension; actual 20 → 75.0 % → C.
 * - 2.1.4.2 研修の受講者数 (人, cumulative): yearly target 300 for 2022; actuals 2021 and 2022 only.
 * - 今後の方向性 2022: 2.1.4.1 拡充, 2.1.4.2 継続; 2021: 2.1.4.1 継続.
 * - costs 2022: 2.1.4.1 in 千円 (事業費 12000, 人件費 8000, トータルコスト derived 20000);
 *   2.1.4.2 in 円 (5,000,000 / 3,000,000 / published total 8,500,000 = 8500 千円).
 * - ratings 2022: 2.1.4.1 follows the proposal; 2.1.4.2 was proposed C and set otherwise, with a reason.
 */
import type { Db } from '../db/db.js';
import type { Actor } from '../evaluations/workflow.js';
import { findPreset } from '../indicators/rating-presets.js';
import * as store from '../indicators/indicator-store.js';

export const FIXTURE_ACTOR: Actor = { login: 'fixture-division', roles: ['division'], departmentIds: [] };
export const FIXTURE_RULE_PRESET = 'ratio-a-c-110-95';
export const OVERRIDE_REASON = '研修会場の改修で受講の機会が減ったが、オンライン研修で補ったため';
export const REVISION_REASON = '計画期間の延長に合わせて再設定';

export interface IndicatorFixture {
  planId: number;
  items: { applications: number; training: number; program: number };
  indicators: { applications: number; waiting: number; training: number };
}

/** Adds the figures above to the plan `planSlug` (the sample) and returns the ids. */
export async function addIndicatorFixture(db: Db, planSlug: string): Promise<IndicatorFixture> {
  const plan = (await db.query<{ id: number }>('select id from plans where slug = $1', [planSlug])).rows[0];
  if (!plan) throw new Error(`no plan ${planSlug}`);
  const items = await db.query<{ id: number; code: string }>(`select id, code from plan_items where plan_id = $1 and code in ('2.1.4', '2.1.4.1', '2.1.4.2')`, [
    plan.id,
  ]);
  const id = (code: string) => items.rows.find((r) => r.code === code)!.id;
  const [program, applications, training] = [id('2.1.4'), id('2.1.4.1'), id('2.1.4.2')];
  const a = FIXTURE_ACTOR;

  const preset = findPreset(FIXTURE_RULE_PRESET)!;
  await store.setRatingRule(db, { planId: plan.id }, { ...preset.rule, name: preset.name }, a);

  const apps = await store.createIndicator(db, applications, { name: '電子申請の利用件数', unit: '件', kind: 'outcome', direction: 'higher' }, a);
  await store.setBaseline(db, apps, { fiscalYear: 2017, value: '100' }, a);
  const appsTarget = await store.addTarget(db, apps, { kind: 'final', fiscalYear: 2020, value: '1200' }, a);
  await store.reviseTarget(db, appsTarget, { newValue: '1400', reason: REVISION_REASON, decidedFiscalYear: 2021 }, a);
  for (const [fy, value] of [
    [2019, '500'],
    [2020, '900'],
    [2021, '1100'],
    [2022, '1500'],
  ] as const)
    await store.saveActual(db, apps, fy, { value, sourceNote: '電子申請システムの集計' }, a);

  const waiting = await store.createIndicator(
    db,
    applications,
    { name: '窓口の平均待ち時間', unit: '分', kind: 'outcome', direction: 'lower', decimals: 1 },
    a,
  );
  await store.setBaseline(db, waiting, { fiscalYear: 2017, value: '30' }, a);
  await store.addTarget(db, waiting, { kind: 'final', fiscalYear: 2020, value: '15' }, a);
  await store.saveActual(db, waiting, 2021, { value: null, notMeasurable: true, sourceNote: '窓口の移転で計測できず' }, a);
  await store.saveActual(db, waiting, 2022, { value: '20' }, a);

  const train = await store.createIndicator(db, training, { name: '研修の受講者数', unit: '人', kind: 'activity', direction: 'higher', cumulative: true }, a);
  await store.addTarget(db, train, { kind: 'yearly', fiscalYear: 2022, value: '300' }, a);
  await store.saveActual(db, train, 2021, { value: '120' }, a);
  await store.saveActual(db, train, 2022, { value: '90' }, a);

  await store.ensureDirectionCodes(db, plan.id, a);
  await store.chooseDirection(db, applications, 2022, { code: '拡充', note: '対象手続を広げる' }, a);
  await store.chooseDirection(db, training, 2022, { code: '継続' }, a);
  await store.chooseDirection(db, applications, 2021, { code: '継続' }, a);

  await store.saveCost(db, applications, 2022, { unit: '千円', projectCost: '12000', personnelCost: '8000' }, a);
  await store.saveCost(db, training, 2022, { unit: '円', projectCost: '5000000', personnelCost: '3000000', totalCost: '8500000' }, a);

  await db.query(`update ratings set proposed_code = code where item_id = $1 and fiscal_year = 2022`, [applications]);
  await db.query(`update ratings set proposed_code = 'C', override_reason = $2 where item_id = $1 and fiscal_year = 2022 and code <> 'C'`, [
    training,
    OVERRIDE_REASON,
  ]);
  return { planId: plan.id, items: { applications, training, program }, indicators: { applications: apps, waiting, training: train } };
}
