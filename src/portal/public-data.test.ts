import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines } from '../test-support/db.js';
import { seededDbForSuite } from '../test-support/seed.js';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { PublicDataCache } from './public-data-cache.js';
import { findPublicPlan, ratedItems, listPublicPlans, loadPublicDataset, narrativesAbout } from './public-data.js';
import { readChangeCounter as publicChangeCounter } from '../db/change-counter.js';
import type { Queryable } from '../db/db.js';
import { DRAFT_MARKER, addDraftRound } from '../test-support/factories.js';
import { allTables, bulkZip, toCsv, toJson } from './downloads.js';
import { searchDataset } from './search.js';

/** The store as the cache sees it, counting the public fingerprints it takes. */
function countingFingerprints(db: Queryable): { counting: Queryable; fingerprints: () => number } {
  let fingerprints = 0;
  const counting: Queryable = {
    query: (sql, params) => {
      if (sql.includes('concat_ws')) fingerprints += 1;
      return db.query(sql, params);
    },
    exec: (sql) => db.exec(sql),
  };
  return { counting, fingerprints: () => fingerprints };
}

for (const engine of engines()) {
  describe(`public dataset (${engine})`, () => {
    const t = seededDbForSuite(engine);

    test('the seed is public to R4 with its tree, summary and narratives', async () => {
      const plans = await listPublicPlans(t.db);
      assert.deepEqual(
        plans.map((p) => [p.slug, p.publishedUntilFiscalYear]),
        [[SAMPLE_PLAN_SLUG, 2022]],
      );
      const data = await loadPublicDataset(t.db, plans[0]!);
      assert.deepEqual(
        [1, 2, 3, 4].map((l) => data.items.filter((i) => i.level === l).length),
        [3, 5, 44, 83],
      );
      assert.equal(ratedItems(data).length, 83);
      assert.deepEqual(data.fiscalYears, [2018, 2019, 2020, 2021, 2022]);
      const r4 = data.summary.find((y) => y.fiscalYear === 2022)!;
      assert.deepEqual(r4.counts, { A: 73, B: 5, C: 0, '—': 5 });
      assert.equal(data.summary[0]!.fiscalYear, 2017);
      assert.equal(data.summary[0]!.source, 'reported');
      assert.deepEqual(data.rounds.map((r) => [r.fiscalYear, r.kind]).sort(), [
        [2018, 'midterm'],
        [2022, 'final'],
      ]);
      assert.ok(data.narratives.length > 50);
      assert.ok(data.narratives.every((n) => n.fiscalYear === 2022));
      assert.equal(data.roleNames.division, 'デジタル推進課', 'the reviewing division as its published report names it');
      assert.deepEqual(data.demo, { departments: false, fiscalYears: [] }, 'no demo data in an imported plan');
      // Items in document order with their ancestors.
      const item = data.itemsByCode.get('2.1.4.3')!;
      assert.deepEqual(item.ancestorCodes, ['2', '2.1', '2.1.4']);
      assert.equal(item.name, '納品手続きの電子化');
      // The timeline of a sub-item includes its program's department paragraph and its measure's division opinion.
      const about = narrativesAbout(data, item);
      assert.ok(about.some((n) => n.authorRole === 'division' && n.itemCode === '2.1'));
      assert.ok(about.some((n) => n.authorRole === 'expert' && n.itemCode === '2'));
    });

    describe('with a draft round present', () => {
      before(async () => {
        await addDraftRound(t.db, SAMPLE_PLAN_SLUG);
      });

      test('open rounds, their ratings and narratives, and draft-only plans never become public', async () => {
        const plans = await listPublicPlans(t.db);
        assert.deepEqual(
          plans.map((p) => p.slug),
          [SAMPLE_PLAN_SLUG],
          'a plan whose only round is open is not public',
        );
        await assert.rejects(findPublicPlan(t.db, 'draft-only-plan'), /公開されている計画が見つかりません/);
        const data = await loadPublicDataset(t.db, plans[0]!);
        assert.equal(data.publishedUntilFiscalYear, 2022);
        assert.deepEqual(data.fiscalYears, [2018, 2019, 2020, 2021, 2022]);
        assert.ok(data.summary.every((y) => y.fiscalYear <= 2022));
        assert.ok(data.rounds.every((r) => r.fiscalYear !== 2023));
        assert.ok(ratedItems(data).every((i) => i.ratings.every((r) => r.fiscalYear <= 2022 && r.reason === null)));
        assert.ok(data.narratives.every((n) => !n.body.includes(DRAFT_MARKER)));
        // Downloads and search see the same public data only.
        for (const table of allTables(data)) {
          assert.ok(!toCsv(table).includes(DRAFT_MARKER), `${table.name}.csv leaks`);
          assert.ok(!toJson(data, table).includes(DRAFT_MARKER), `${table.name}.json leaks`);
          assert.ok(!toCsv(table).includes('2023'), `${table.name}.csv shows FY2023`);
        }
        const zip = await bulkZip(data);
        const JSZip = (await import('jszip')).default;
        const files = await JSZip.loadAsync(zip);
        for (const f of Object.values(files.files)) if (!f.dir) assert.ok(!(await f.async('string')).includes(DRAFT_MARKER), `${f.name} leaks`);
        assert.equal(searchDataset(data, 'XYZZY').hits.length, 0);
      });

      test('the cache serves the same public data', async () => {
        const cache = new PublicDataCache(t.db, 0);
        const data = await cache.dataset(SAMPLE_PLAN_SLUG);
        assert.ok(data.narratives.every((n) => !n.body.includes(DRAFT_MARKER)));
        await assert.rejects(cache.dataset('draft-only-plan'));
      });
    });
  });
}

for (const engine of engines()) {
  describe(`public data cache (${engine})`, () => {
    const t = seededDbForSuite(engine);

    test('an unchanged store keeps the snapshot; a published change is picked up by the next check', async () => {
      const cache = new PublicDataCache(t.db, 60_000);
      const first = await cache.dataset(SAMPLE_PLAN_SLUG);
      const ref = (await cache.plans())[0]!;
      await cache.revalidate(ref);
      assert.equal(await cache.dataset(SAMPLE_PLAN_SLUG), first, 'same snapshot object when nothing changed');
      // A draft round changes nothing public, but the fingerprint notices the new round and rows.
      await addDraftRound(t.db, SAMPLE_PLAN_SLUG);
      await cache.revalidate(ref);
      const second = await cache.dataset(SAMPLE_PLAN_SLUG);
      assert.notEqual(second, first);
      assert.deepEqual(second.fiscalYears, first.fiscalYears);
      // Publishing the FY2023 round makes its ratings public, and a live cache notices on its own.
      const live = new PublicDataCache(t.db, 1);
      assert.equal((await live.dataset(SAMPLE_PLAN_SLUG)).publishedUntilFiscalYear, 2022);
      await t.db.query("update evaluation_rounds set status = 'published', published_at = now() where fiscal_year = 2023 and plan_id = $1", [ref.id]);
      await new Promise((r) => setTimeout(r, 5));
      // The first request made later than checkMs after the change sees it.
      const seen = (await live.dataset(SAMPLE_PLAN_SLUG)).publishedUntilFiscalYear;
      assert.equal(seen, 2023);
      assert.ok((await live.dataset(SAMPLE_PLAN_SLUG)).fiscalYears.includes(2023));
    });

    test('an announced change (another process wrote) is checked at the next request, however far the periodic check is', async () => {
      const cache = new PublicDataCache(t.db, 3_600_000);
      const first = await cache.dataset(SAMPLE_PLAN_SLUG);
      await t.db.query(`update plans set description = '告知された変更' where slug = $1`, [SAMPLE_PLAN_SLUG]);
      assert.equal(await cache.dataset(SAMPLE_PLAN_SLUG), first, 'unannounced: the snapshot stays until the hourly check');
      cache.changed();
      const next = await cache.dataset(SAMPLE_PLAN_SLUG);
      assert.equal(next.plan.description, '告知された変更');
      assert.equal(await cache.dataset(SAMPLE_PLAN_SLUG), next, 'and is kept again afterwards');
    });

    test('the change counter: the fingerprint is compared only after a watched write (and once more after a load)', async () => {
      const { counting, fingerprints } = countingFingerprints(t.db);
      const tick = () => new Promise((r) => setTimeout(r, 5));
      const cache = new PublicDataCache(counting, 1);
      const first = await cache.dataset(SAMPLE_PLAN_SLUG);
      assert.equal(fingerprints(), 1, 'the load takes a fingerprint');
      await tick();
      await cache.dataset(SAMPLE_PLAN_SLUG);
      assert.equal(fingerprints(), 2, 'compared once more after a load');
      await tick();
      await cache.dataset(SAMPLE_PLAN_SLUG);
      await tick();
      await cache.dataset(SAMPLE_PLAN_SLUG);
      assert.equal(fingerprints(), 2, 'nothing written: only the counter is read');
      const before = await publicChangeCounter(t.db);
      await t.db.query(`insert into audit_log (actor, action, entity) values ('test', 'test.nothing', 'nothing')`);
      assert.equal(await publicChangeCounter(t.db), before, 'the audit log is not public: the counter stays');
      await t.db.query(`update plans set description = description || '。' where slug = $1`, [SAMPLE_PLAN_SLUG]);
      assert.notEqual(await publicChangeCounter(t.db), before, 'a plan row written: the counter moves');
      await tick();
      const changed = await cache.dataset(SAMPLE_PLAN_SLUG);
      assert.equal(fingerprints(), 3);
      assert.notEqual(changed, first, 'reloaded after the change');
      assert.match(changed.plan.description, /。$/);
    });

    test('requests arriving together share one load and, after a write, one check: each sees the change', async () => {
      const { counting, fingerprints } = countingFingerprints(t.db);
      const together = (cache: PublicDataCache) => Promise.all(Array.from({ length: 20 }, () => cache.dataset(SAMPLE_PLAN_SLUG)));
      const cache = new PublicDataCache(counting, 1);
      const first = await together(cache);
      assert.equal(new Set(first).size, 1, 'one snapshot for all');
      assert.ok(fingerprints() <= 2, `one load and the one compare after a load, not one each: ${fingerprints()}`);
      await new Promise((r) => setTimeout(r, 5));
      await cache.dataset(SAMPLE_PLAN_SLUG);
      await new Promise((r) => setTimeout(r, 5));
      await cache.dataset(SAMPLE_PLAN_SLUG);
      const settled = fingerprints();
      await t.db.query(`update plans set description = '同時の確認' where slug = $1`, [SAMPLE_PLAN_SLUG]);
      await new Promise((r) => setTimeout(r, 5));
      const after = await together(cache);
      assert.equal(new Set(after).size, 1);
      assert.ok(
        after.every((d) => d.plan.description === '同時の確認'),
        'every request made after the interval sees the change',
      );
      assert.equal(fingerprints(), settled + 1, 'one fingerprint compared for all of them');
    });
  });
}
