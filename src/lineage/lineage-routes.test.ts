/** The lineage admin screen: the admin replaces a mapping from CSV; a bad row is shown with its line and changes nothing. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { demoAccount, get, post, sessionAs, startWorkflowServer, type WorkflowServer } from '../test-support/server.js';
import { fiscalYearLabel } from '../fiscal/fiscal-year.js';
import { sourceFacts } from '../test-support/seed.js';
import { openApiConformance } from '../test-support/openapi-conformance.js';
import { DEMO_SUCCESSOR_SLUG, ensureLineageDemo } from './lineage-demo.js';
import { assertSomeIncludes } from '../test-support/text-assertions.js';

describe('lineage admin screen', () => {
  let s: WorkflowServer;
  before(async () => {
    s = await startWorkflowServer();
    await ensureLineageDemo(s.db, SAMPLE_PLAN_SLUG);
  });
  after(() => s.close());

  test('portal and API: a successor item continues the ratings of its predecessor item, the boundary marked', async () => {
    const page = await get(s.app, null, `/portal/plans/${DEMO_SUCCESSOR_SLUG}/items/1.1`);
    assert.equal(page.statusCode, 200);
    const doc = parseHTML(page.body).document;
    const groups = [...doc.querySelectorAll('table.lineage tbody')].map((g) => [...g.querySelectorAll('tr')].map((tr) => tr.textContent?.trim()));
    assert.equal(groups.length, 2);
    assert.match(groups[0]![0]!, /茅ヶ崎市地域情報化計画：.*（引き継ぎ）/);
    const name = (
      await s.db.query<{ name: string }>(`select name from plan_items where code = $1 and plan_id = (select id from plans where slug = $2)`, [
        await predecessorCode(),
        SAMPLE_PLAN_SLUG,
      ])
    ).rows[0]!.name;
    const facts = sourceFacts().subItems.find((x) => x.name === name)!;
    assert.deepEqual(
      groups[0]!.slice(1),
      facts.ratings.map((r) => `${fiscalYearLabel(r.fiscalYear)}${r.code}${r.marks.join('')}`),
    );
    assert.match(groups[1]![0]!, /^計画の切り替わり ▶/);
    assert.deepEqual(groups[1]!.slice(1), ['R5A']);
    assert.equal(doc.querySelectorAll('table.lineage tr.boundary').length, 1);
    const { assertMatchesDocument } = openApiConformance();
    const url = `/api/v1/plans/${DEMO_SUCCESSOR_SLUG}/items/1.1/timeline`;
    const res = await get(s.app, null, url);
    assertMatchesDocument(url, res);
    const body = JSON.parse(res.body) as {
      data: { relation: string; lineageKind: string | null; boundaryBefore: boolean; planSlug: string; ratings: { code: string }[] }[];
    };
    assert.deepEqual(
      body.data.map((x) => [x.relation, x.lineageKind, x.boundaryBefore, x.planSlug, x.ratings.map((r) => r.code).join('')]),
      [
        ['predecessor', 'carried_over', false, SAMPLE_PLAN_SLUG, 'BBBBB'],
        ['self', null, true, DEMO_SUCCESSOR_SLUG, 'A'],
      ],
    );
    // The plans compared on the carried-over items only, as the admin screen shows them.
    const lineageUrl = `/api/v1/plans/${DEMO_SUCCESSOR_SLUG}/lineage`;
    const lineageRes = await get(s.app, null, lineageUrl);
    assertMatchesDocument(lineageUrl, lineageRes);
    const lineage = JSON.parse(lineageRes.body) as {
      links: unknown[];
      comparisons: { carriedOverItems: number; years: { side: string; fiscalYear: number; rated: number; achieved: number }[] }[];
    };
    assert.equal(lineage.links.length, 9);
    assert.equal(lineage.comparisons[0]!.carriedOverItems, 3);
    assert.deepEqual(
      lineage.comparisons[0]!.years.filter((y) => y.fiscalYear >= 2022).map((y) => [y.side, y.fiscalYear, y.rated, y.achieved]),
      [
        ['predecessor', 2022, 3, 0],
        ['successor', 2023, 3, 2],
      ],
    );
    // From the predecessor's side the same item continues into the successor.
    const from = parseHTML((await get(s.app, null, `/portal/plans/${SAMPLE_PLAN_SLUG}/items/${await predecessorCode()}`)).body).document;
    assert.equal(from.querySelectorAll('table.lineage tbody').length, 2);
  });

  const predecessorCode = async () =>
    (
      await s.db.query<{ code: string }>(
        `select pi.code from plan_item_lineage l join plan_items pi on pi.id = l.predecessor_item_id join plan_items si on si.id = l.successor_item_id where si.code = '1.1' and l.kind = 'carried_over'`,
      )
    ).rows[0]!.code;

  test('shows the demo mapping and the carried-over comparison; replaces it from CSV; refuses a bad row', async () => {
    const admin = await sessionAs(s.db, demoAccount('admin').login);
    const page = await get(s.app, admin, '/admin/lineage');
    assert.equal(page.statusCode, 200);
    const doc = parseHTML(page.body).document;
    const captions = [...doc.querySelectorAll('caption')].map((c) => c.textContent ?? '');
    assertSomeIncludes(captions, '（9行）');
    assertSomeIncludes(captions, '引き継いだ項目（3件）');
    // The comparison: R4 on the predecessor side (3 rated, all B in the sample → 0 achieved) then R5 on the demo side.
    const rows = [...doc.querySelectorAll('table')[1]!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent?.trim()));
    assert.deepEqual(rows.find((r) => r[0] === 'R4')?.slice(2), ['3', '0', '0.00%']);
    assert.deepEqual(rows.find((r) => r[0] === 'R5')?.slice(2), ['3', '2', '66.67%']);

    const bad = await post(s.app, admin, '/admin/lineage', {
      successor: DEMO_SUCCESSOR_SLUG,
      predecessor: SAMPLE_PLAN_SLUG,
      csv: '種別,前計画の番号,後継計画の番号\n引き継ぎ,1.2.2.1,1.1\n分割,7.7,1.2\n',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /3 行目: 前計画に番号 7\.7 の項目がありません/);
    const good = await post(s.app, admin, '/admin/lineage', {
      successor: DEMO_SUCCESSOR_SLUG,
      predecessor: SAMPLE_PLAN_SLUG,
      csv: '種別,前計画の番号,後継計画の番号\n引き継ぎ,1.2.2.1,1.1\n',
    });
    assert.equal(good.statusCode, 303);
    const after = parseHTML((await get(s.app, admin, '/admin/lineage?saved=1')).body).document;
    assert.ok([...after.querySelectorAll('caption')].some((c) => c.textContent?.includes('（1行）')));
    assert.match(after.querySelector('.notice')?.textContent ?? '', /保存しました/);
  });
});
