/** The changes pages (portal and staff), their CSV, and the drafted sentences' page, over the sample. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { parseHTML } from 'linkedom';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { SEED_SUMMARY, sourceFacts } from '../test-support/seed.js';
import { demoAccount, get, sessionAs, startWorkflowServer, type WorkflowServer } from '../test-support/server.js';
import { assertSomeIncludes } from '../test-support/text-assertions.js';

const SLUG = SAMPLE_PLAN_SLUG;
const cells = (doc: Document, selector: string) =>
  [...doc.querySelectorAll(selector)].map((tr) => [...tr.children].map((c) => c.textContent?.trim() ?? '').join(' '));
const text = (doc: Document, selector: string) => [...doc.querySelectorAll(selector)].map((e) => e.textContent?.replace(/\s+/g, ' ').trim() ?? '');

describe('changes pages and drafted sentences (sample)', () => {
  let s: WorkflowServer;
  before(async () => {
    s = await startWorkflowServer();
  });
  after(() => s.close());

  const page = async (url: string, who: Awaited<ReturnType<typeof sessionAs>> | null = null) => {
    const res = await get(s.app, who, url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
    return parseHTML(res.body).document as unknown as Document;
  };

  test('portal: linked from the plan home; R4 against R3 with counts, points and the stagnant items', async () => {
    const home = await page(`/portal/plans/${SLUG}`);
    assert.ok([...home.querySelectorAll('a')].some((a) => a.getAttribute('href') === `/portal/plans/${SLUG}/changes`));
    const doc = await page(`/portal/plans/${SLUG}/changes`);
    assert.equal(text(doc, 'h1')[0], '令和4年度の変化');
    const rows = cells(doc, 'table tbody tr');
    const a = SEED_SUMMARY[2022]!.A!;
    const before = SEED_SUMMARY[2021]!.A!;
    assert.ok(rows.includes(`A ${before} ${a} +${a - before}`), rows.join('|'));
    assert.ok(
      rows.some((r) => r.startsWith('達成率') && r.endsWith('+1.20ポイント')),
      rows.join('|'),
    );
    const b2022 = sourceFacts()
      .subItems.filter((x) => x.ratings.some((r) => r.fiscalYear === 2022 && r.code === 'B'))
      .map((x) => x.name);
    const stagnant = text(doc, 'h3 + ul li');
    assert.equal(stagnant.length, b2022.length);
    assert.ok(b2022.every((name) => stagnant.some((li) => li.startsWith(name))));
    const seireki = await page(`/portal/plans/${SLUG}/changes/2019?era=seireki&lang=en`);
    assert.equal(text(seireki, 'h1')[0], 'Changes in FY2019');
    const h30 = await page(`/portal/plans/${SLUG}/changes/2018`);
    assert.match(h30.body.textContent ?? '', /前年度の項目ごとの評価がないため/);
    assert.equal((await get(s.app, null, `/portal/plans/${SLUG}/changes/2016`)).statusCode, 404);
  });

  test('portal CSV: one row per sub-item and compared year, kinds as the source text says', async () => {
    const res = await get(s.app, null, `/portal/plans/${SLUG}/data/changes.csv`);
    assert.equal(res.statusCode, 200);
    const rows = parse(res.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    const facts = sourceFacts().subItems;
    // H30 has no earlier item ratings: R元〜R4 are compared item by item.
    assert.equal(rows.length, facts.length * 4);
    const r4 = rows.filter((r) => r['年度（西暦）'] === '2022');
    const up = facts.filter((f) => f.ratings.find((r) => r.fiscalYear === 2021)?.code === 'B' && f.ratings.find((r) => r.fiscalYear === 2022)?.code === 'A');
    assert.deepEqual(
      r4
        .filter((r) => r['変化（コード）'] === 'up')
        .map((r) => r.名称)
        .sort(),
      up.map((f) => f.name).sort(),
    );
  });

  test('staff: linked from the plan page, with every stored rating', async () => {
    const plan = await page(`/plans/${SLUG}`);
    assert.ok([...plan.querySelectorAll('a')].some((a) => a.getAttribute('href') === `/plans/${SLUG}/changes`));
    const doc = await page(`/plans/${SLUG}/changes/2022`);
    assert.equal(text(doc, 'h1')[0], '令和4年度の変化');
    assert.ok([...doc.querySelectorAll('a')].some((a) => a.getAttribute('href')?.startsWith(`/plans/${SLUG}?open=`)));
  });

  test('drafts: linked from the opinions screen; the R4 round states its figures; signed-in staff only', async () => {
    const division = await sessionAs(s.db, demoAccount('division').login);
    const opinions = await page(`/rounds/${s.roundId}/opinions`, division);
    assert.ok([...opinions.querySelectorAll('a')].some((a) => a.getAttribute('href') === `/rounds/${s.roundId}/drafts`));
    const open = await page(`/rounds/${s.roundId}/drafts`, division);
    assert.match(open.body.textContent ?? '', /参考・自動生成/);
    const r4 = (
      await s.db.query<{ id: number }>(
        `select r.id from evaluation_rounds r join plans p on p.id = r.plan_id where p.slug = $1 and r.fiscal_year = 2022 and r.status = 'published'`,
        [SLUG],
      )
    ).rows[0]!.id;
    const expert = await sessionAs(s.db, demoAccount('expert').login);
    const doc = await page(`/rounds/${r4}/drafts`, expert);
    const sentences = text(doc, 'ol.drafts > li > p:first-child');
    assertSomeIncludes(sentences, '87.95%');
    assertSomeIncludes(sentences, '71.08%');
    assert.ok(
      sentences.some((x) => x === '5件とも、H30以降のすべての年度でB評価です。'),
      sentences.join('\n'),
    );
    assert.ok(doc.querySelectorAll('ol.drafts a[href*="?open="]').length >= 5);
    const anonymous = await get(s.app, null, `/rounds/${r4}/drafts`);
    assert.equal(anonymous.statusCode, 303);
    const department = await sessionAs(s.db, demoAccount('department').login);
    assert.equal((await get(s.app, department, `/rounds/${r4}/drafts`)).statusCode, 403);
  });
});
