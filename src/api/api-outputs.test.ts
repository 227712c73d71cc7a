/**
 * /plans/{plan}/indicators, /directions and /costs on the sample with the indicator
 * fixture, validated against the OpenAPI document: stored values as text, the target's
 * revision, the rule's answers, proposals with the reason, counts, costs as entered
 * and rolled up; figures of a year no published round covers never show; pages walked by
 * links.next give every row once, the lists beside `data` included.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines } from '../test-support/db.js';
import { openTestServer, type TestServer } from '../test-support/server.js';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { addIndicatorFixture, FIXTURE_ACTOR, OVERRIDE_REASON, REVISION_REASON, type IndicatorFixture } from '../test-support/indicator-fixtures.js';
import { openApiConformance } from '../test-support/openapi-conformance.js';
import { saveActual, saveCost } from '../indicators/indicator-store.js';

const PLAN = `/api/v1/plans/${SAMPLE_PLAN_SLUG}`;
const conformance = openApiConformance();

interface Indicator {
  name: string;
  itemCode: string;
  targets: { value: string; currentValue: string; revisions: { reason: string; decidedFiscalYear: number }[] }[];
  targetNotResetAfterExtension: boolean;
  years: {
    fiscalYear: number;
    actual: string | null;
    achievementPercent: string | null;
    rule: { code: string | null } | null;
    target: { revised: boolean } | null;
  }[];
}

for (const engine of engines()) {
  describe(`/api/v1 outputs (${engine}, indicator fixture)`, () => {
    let s: TestServer;
    let fixture: IndicatorFixture;
    const json = <T>(url: string) => conformance.json<T>(s.app, url);

    before(async () => {
      s = await openTestServer({
        engine,
        prepare: async (db) => {
          fixture = await addIndicatorFixture(db, SAMPLE_PLAN_SLUG);
          // A year no published round covers: never public.
          await saveActual(db, fixture.indicators.applications, 2023, { value: '99999' }, FIXTURE_ACTOR);
          await saveCost(db, fixture.items.applications, 2023, { projectCost: '77777' }, FIXTURE_ACTOR);
        },
      });
    });
    after(() => s.close());

    test('indicators: targets with the revision, actuals per year, rates and rule answers, proposals', async () => {
      const body = await json<{
        rule: { words: string[] };
        data: Indicator[];
        proposals: { itemCode: string; proposedCode: string; followed: boolean; overrideReason: string | null }[];
      }>(`${PLAN}/indicators`);
      assert.ok(body.rule.words.length > 1);
      assert.deepEqual(
        body.data.map((i) => i.name),
        ['電子申請の利用件数', '窓口の平均待ち時間', '研修の受講者数'],
      );
      const apps = body.data[0]!;
      assert.equal(apps.targets[0]!.value, '1200');
      assert.equal(apps.targets[0]!.currentValue, '1400');
      assert.equal(apps.targets[0]!.revisions[0]!.reason, REVISION_REASON);
      assert.deepEqual(
        apps.years.map((y) => [y.fiscalYear, y.actual, y.achievementPercent, y.rule?.code, y.target?.revised]),
        [
          [2019, '500', '41.7', 'C', false],
          [2020, '900', '75.0', 'C', false],
          [2021, '1100', '78.6', 'C', true],
          [2022, '1500', '107.1', 'B', true],
        ],
      );
      assert.equal(apps.targetNotResetAfterExtension, false);
      assert.equal(body.data[1]!.targetNotResetAfterExtension, true);
      const changed = body.proposals.find((p) => p.itemCode === '2.1.4.2')!;
      assert.deepEqual([changed.proposedCode, changed.followed, changed.overrideReason], ['C', false, OVERRIDE_REASON]);
      assert.equal(body.proposals.find((p) => p.itemCode === '2.1.4.1')?.followed, true);
      const one = await json<{ data: Indicator[] }>(`${PLAN}/indicators?item=2.1.4.2&fiscalYear=2022`);
      assert.deepEqual(
        one.data.map((i) => [i.name, i.years.map((y) => y.fiscalYear)]),
        [['研修の受講者数', [2022]]],
      );
    });

    test('directions: codes in the plan order, counts per year, choices with their notes', async () => {
      const body = await json<{
        codes: { code: string }[];
        counts: { fiscalYear: number; counts: { code: string; count: number }[] }[];
        data: { itemCode: string; code: string; note: string }[];
      }>(`${PLAN}/directions?fiscalYear=2022`);
      assert.equal(body.codes[0]?.code, '拡充');
      assert.deepEqual(
        body.counts[0]!.counts.filter((c) => c.count > 0).map((c) => [c.code, c.count]),
        [
          ['拡充', 1],
          ['継続', 1],
        ],
      );
      assert.deepEqual(
        body.data.map((d) => [d.itemCode, d.code, d.note]),
        [
          ['2.1.4.1', '拡充', '対象手続を広げる'],
          ['2.1.4.2', '継続', ''],
        ],
      );
    });

    test('costs: as entered in their unit, totals in 千円 up the tree; the unpublished year is absent everywhere', async () => {
      const body = await json<{
        data: { itemCode: string; unit: string; totalCost: string | null; projectCost: string | null }[];
        totals: { itemCode: string; fiscalYear: number; totalCost: string | null }[];
      }>(`${PLAN}/costs`);
      assert.deepEqual(
        body.data.map((c) => [c.itemCode, c.unit, c.projectCost, c.totalCost]),
        [
          ['2.1.4.1', '千円', '12000', null],
          ['2.1.4.2', '円', '5000000', '8500000'],
        ],
      );
      const total = (code: string) => body.totals.find((c) => c.itemCode === code && c.fiscalYear === 2022)?.totalCost;
      assert.deepEqual([total('2.1.4.1'), total('2.1.4'), total('2')], ['20000', '28500', '28500']);
      for (const url of [`${PLAN}/costs`, `${PLAN}/indicators`, `${PLAN}/directions`]) {
        const res = await s.app.inject({ method: 'GET', url });
        assert.ok(!res.body.includes('2023'), `${url} shows a year no published round covers`);
        assert.ok(!res.body.includes('99999') && !res.body.includes('77777'));
      }
    });

    test('pages: walked one row at a time by links.next, every row and every row beside it comes once, as on one page', async () => {
      interface Page {
        data: unknown[];
        proposals?: unknown[];
        totals?: unknown[];
        links: { self: string; next: string | null };
        meta: { total: number; limit: number; count: number };
      }
      for (const [path, beside] of [
        ['indicators', 'proposals'],
        ['directions', undefined],
        ['costs', 'totals'],
      ] as const) {
        const whole = await json<Page>(`${PLAN}/${path}?limit=500`);
        assert.ok(whole.data.length > 1, `${path}: more than one row to page`);
        assert.equal(whole.links.next, null);
        assert.deepEqual(whole.meta, { total: whole.data.length, limit: 500, count: whole.data.length });
        const walked: unknown[] = [];
        const besideWalked: unknown[] = [];
        let url: string | null = `${PLAN}/${path}?limit=1`;
        let pages = 0;
        while (url !== null) {
          const page: Page = await json<Page>(url);
          assert.deepEqual(page.meta, { total: whole.data.length, limit: 1, count: 1 });
          walked.push(...page.data);
          if (beside) besideWalked.push(...page[beside]!);
          url = page.links.next;
          pages++;
        }
        assert.equal(pages, whole.data.length);
        assert.deepEqual(walked, whole.data, `${path}: the pages give the rows of one page, in order`);
        if (beside) {
          assert.ok(whole[beside]!.length > 0, `${path}: ${beside} to cut`);
          assert.deepEqual(besideWalked, whole[beside], `${path}: ${beside} once each, in order`);
        }
      }
      const proposals = await json<Page>(`${PLAN}/indicators?limit=1`);
      assert.ok(
        (proposals.proposals as { itemCode: string }[]).every((p) => (proposals.data as { itemCode: string }[]).some((i) => i.itemCode === p.itemCode)),
        "a page's proposals are those of its indicators' items",
      );
      const filtered = await json<Page>(`${PLAN}/costs?fiscalYear=2022&limit=1`);
      assert.ok(filtered.links.next?.includes('fiscalYear=2022') && filtered.links.next.includes('limit=1'), 'the next page keeps the filters');
      const bad = await conformance.get(s.app, `${PLAN}/indicators?cursor=nonsense!`);
      assert.equal(bad.statusCode, 400);
    });
  });
}
