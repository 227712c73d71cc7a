/**
 * The API against its own OpenAPI document: every endpoint's real responses are
 * validated with ajv (JSON Schema 2020-12), pagination walks every row once,
 * malformed parameters are 400 problem+json, and a draft round never leaks.
 * A draft (open) round with ratings and narratives is present in every test here.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines } from '../test-support/db.js';
import { openTestServer, type TestServer } from '../test-support/server.js';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { DRAFT_MARKER, addDraftRound, assignDepartment } from '../test-support/factories.js';
import { buildOpenApiDocument } from './openapi.js';
import { openApiConformance } from '../test-support/openapi-conformance.js';

const doc = buildOpenApiDocument();
const PLAN = `/api/v1/plans/${SAMPLE_PLAN_SLUG}`;

const conformance = openApiConformance();
const { exercised, compile } = conformance;

for (const engine of engines()) {
  describe(`/api/v1 (${engine}, draft round present)`, () => {
    let s: TestServer;
    let departmentId: number;
    const get = (url: string, headers?: Record<string, string>) => conformance.get(s.app, url, headers);
    const json = <T = Record<string, unknown>>(url: string) => conformance.json<T>(s.app, url);

    before(async () => {
      s = await openTestServer({
        engine,
        prepare: async (db) => {
          await addDraftRound(db, SAMPLE_PLAN_SLUG);
          departmentId = await assignDepartment(db, SAMPLE_PLAN_SLUG, { code: 'keiyaku', name: '契約検査課' }, '2.1.4');
        },
      });
    });
    after(() => s.close());

    test('plans, plan, tree, summary, rounds, departments, stagnation validate and carry the seed', async () => {
      const plans = await json<{ data: { slug: string; publishedUntilFiscalYear: number }[] }>('/api/v1/plans');
      assert.deepEqual(
        plans.data.map((p) => [p.slug, p.publishedUntilFiscalYear]),
        [[SAMPLE_PLAN_SLUG, 2022]],
      );
      const plan = await json<{ tiers: { name: string }[]; license: { id: string }; ratingScale: { code: string; isDefault: boolean }[] }>(PLAN);
      // The importer's added code is data flagged as a default, not a published criterion.
      assert.deepEqual(
        plan.ratingScale.map((c) => [c.code, c.isDefault]),
        [
          ['A', false],
          ['B', false],
          ['C', false],
          ['—', true],
        ],
      );
      assert.deepEqual(
        plan.tiers.map((x) => x.name),
        ['施策展開の柱', '施策', '事務事業', '事務事業細目'],
      );
      assert.equal(plan.license.id, 'CC-BY-4.0');
      const tree = await json<{ data: { children: { children: unknown[] }[] }[] }>(`${PLAN}/tree`);
      assert.equal(tree.data.length, 3);
      assert.equal(tree.data.flatMap((p) => p.children).length, 5);
      const summary = await json<{ data: { fiscalYearLabel: string; counts: Record<string, number>; achievementRate: number }[] }>(`${PLAN}/summary`);
      assert.deepEqual(
        summary.data.map((y) => y.fiscalYearLabel),
        ['H29', 'H30', 'R元', 'R2', 'R3', 'R4'],
      );
      assert.deepEqual(
        summary.data.map((y) => y.counts.A),
        [59, 56, 65, 68, 72, 73],
      );
      assert.equal(summary.data[5]!.achievementRate, 0.8795);
      const rounds = await json<{ data: { fiscalYear: number; status: string }[] }>(`${PLAN}/rounds`);
      assert.deepEqual(
        rounds.data.map((r) => r.fiscalYear),
        [2018, 2022],
      );
      const departments = await json<{ data: { id: number; name: string; subItemCount: number }[] }>(`${PLAN}/departments`);
      assert.deepEqual(
        departments.data.map((d) => [d.id, d.name, d.subItemCount]),
        [[departmentId, '契約検査課', 4]],
      );
      const byDepartment = await json<{ data: { itemCode: string; department: { name: string } }[]; meta: { total: number } }>(
        `${PLAN}/ratings?department=${departmentId}`,
      );
      assert.equal(byDepartment.meta.total, 20); // program 2.1.4 has 4 sub-items × 5 years
      assert.ok(byDepartment.data.every((r) => r.itemCode.startsWith('2.1.4.') && r.department.name === '契約検査課'));
      const itemsOfDepartment = await json<{ meta: { total: number } }>(`${PLAN}/items?department=${departmentId}`);
      assert.equal(itemsOfDepartment.meta.total, 4);
      const stagnant = await json<{ data: { name: string; ongoing: boolean }[] }>(`${PLAN}/stagnation`);
      assert.equal(stagnant.data.filter((s) => s.ongoing).length, 5);
      const longer = await json<{ data: unknown[] }>(`${PLAN}/stagnation?minYears=5`);
      assert.ok(longer.data.length <= stagnant.data.length);
    });

    test('changes: R4 against R3 by default, any compared year by its label; others are 404', async () => {
      type Changes = {
        fiscalYear: number;
        tiers: {
          primary: boolean;
          itemsComparedWith: number | null;
          counts: { code: string; previous: number; current: number; delta: number }[];
          achievementRate: { deltaPoints: number };
          stagnant: unknown[];
          changedItems: { change: string }[];
        }[];
      };
      const r4 = await json<Changes>(`${PLAN}/changes`);
      assert.equal(r4.fiscalYear, 2022);
      const primary = r4.tiers.find((x) => x.primary)!;
      assert.deepEqual(
        primary.counts.find((c) => c.code === 'A'),
        { code: 'A', previous: 72, current: 73, delta: 1 },
      );
      assert.equal(primary.achievementRate.deltaPoints, (Math.round((73 / 83) * 10000) - Math.round((72 / 83) * 10000)) / 100);
      assert.equal(primary.stagnant.length, 5);
      assert.ok(primary.changedItems.every((c) => c.change !== 'same'));
      const h30 = await json<Changes>(`${PLAN}/changes?fiscalYear=H30`);
      assert.equal(h30.tiers.find((x) => x.primary)!.itemsComparedWith, null);
      assert.equal((await get(`${PLAN}/changes?fiscalYear=2016`)).statusCode, 404);
      assert.equal((await get(`${PLAN}/changes?fiscalYear=2023`)).statusCode, 404);
      // Without a lineage an item's timeline is its own ratings, one segment.
      const timeline = await json<{ data: { relation: string; boundaryBefore: boolean; ratings: unknown[] }[] }>(`${PLAN}/items/2.1.4.3/timeline`);
      assert.deepEqual(
        timeline.data.map((x) => [x.relation, x.boundaryBefore, x.ratings.length]),
        [['self', false, 5]],
      );
      assert.equal((await get(`${PLAN}/items/9.9/timeline`)).statusCode, 404);
      // Without a successor plan: no links, nothing to compare.
      assert.deepEqual(await json(`${PLAN}/lineage`), { planSlug: SAMPLE_PLAN_SLUG, links: [], comparisons: [] });
    });

    test('items: one item of every tier validates, with ratings and narratives', async () => {
      for (const code of ['2', '2.1', '2.1.4', '2.1.4.3']) {
        const item = await json<{ level: number; ratings: { fiscalYear: number; code: string }[]; narratives: { authorRole: string }[] }>(
          `${PLAN}/items/${code}`,
        );
        assert.equal(item.level, code.split('.').length);
        if (item.level === 4) {
          assert.deepEqual(
            item.ratings.map((r) => r.code),
            ['B', 'B', 'B', 'B', 'B'],
          );
          assert.ok(item.narratives.some((n) => n.authorRole === 'division'));
        }
      }
      const filtered = await json<{ data: { code: string }[]; meta: { total: number } }>(`${PLAN}/items?under=2.1&level=4&limit=500`);
      assert.equal(filtered.meta.total, 10); // measures hold 11, 10 | 10 | 27, 25 sub-items
      assert.ok(filtered.data.every((i) => i.code.startsWith('2.1.')));
    });

    test('cursor pagination walks all 83 sub-items exactly once, and all 415 ratings', async () => {
      const walk = async (first: string, keyOf: (row: Record<string, unknown>) => string) => {
        const seen: string[] = [];
        let url: string | null = first;
        let pages = 0;
        while (url) {
          const page: { data: Record<string, unknown>[]; links: { next: string | null }; meta: { total: number } } = await json(url);
          seen.push(...page.data.map(keyOf));
          url = page.links.next;
          assert.ok(++pages < 200, 'pagination does not end');
        }
        return { seen, pages };
      };
      const items = await walk(`${PLAN}/items?level=4&limit=10`, (r) => String(r.code));
      assert.equal(items.seen.length, 83);
      assert.equal(new Set(items.seen).size, 83);
      assert.equal(items.pages, 9);
      const ratings = await walk(`${PLAN}/ratings?limit=37`, (r) => `${r.itemCode}/${r.fiscalYear}`);
      assert.equal(ratings.seen.length, 415);
      assert.equal(new Set(ratings.seen).size, 415);
      const narratives = await walk(`${PLAN}/narratives?limit=9`, (r) => String(r.id));
      assert.equal(new Set(narratives.seen).size, narratives.seen.length);
    });

    test('ratings filter by year (西暦 or 和暦), code, subtree; narratives by role and year', async () => {
      const b = await json<{ data: { code: string; fiscalYear: number }[]; meta: { total: number } }>(`${PLAN}/ratings?fiscalYear=R4&code=B`);
      assert.equal(b.meta.total, 5);
      assert.deepEqual(await json(`${PLAN}/ratings?fiscalYear=2022&code=B`), {
        ...b,
        links: { ...(b as unknown as { links: object }).links, self: `${PLAN}/ratings?fiscalYear=2022&code=B` },
      });
      const under = await json<{ meta: { total: number } }>(`${PLAN}/ratings?under=1&fiscalYear=令和4年度`);
      assert.equal(under.meta.total, 21); // pillar 1 = measures of 11 and 10 sub-items
      const expert = await json<{ data: { authorRole: string }[] }>(`${PLAN}/narratives?role=expert&fiscalYear=2022`);
      assert.ok(expert.data.length >= 4 && expert.data.every((n) => n.authorRole === 'expert'));
      const about = await json<{ data: unknown[] }>(`${PLAN}/narratives?item=2.1`);
      assert.ok(about.data.length >= 1);
      const none = await json<{ data: unknown[]; meta: { total: number } }>(`${PLAN}/ratings?fiscalYear=2023`);
      assert.equal(none.meta.total, 0, 'the open round of FY2023 must not be visible');
    });

    test('search finds both seed queries', async () => {
      const a = await json<{ data: { itemName: string; nameMatched: boolean }[] }>(`/api/v1/search?q=${encodeURIComponent('電子申請')}`);
      assert.ok(a.data.some((h) => h.itemName === '電子申請届出システムの普及及び活用' && h.nameMatched));
      const b = await json<{ data: { narrativeIds: number[] }[] }>(`/api/v1/search?q=${encodeURIComponent('マイナンバー')}&plan=${SAMPLE_PLAN_SLUG}`);
      assert.ok(b.data.some((h) => h.narrativeIds.length > 0));
    });

    test('malformed query parameters give 400 problem+json, never 500', async () => {
      const bad = [
        `${PLAN}/items?limit=abc`,
        `${PLAN}/items?limit=0`,
        `${PLAN}/items?limit=501`,
        `${PLAN}/items?limit=1.5`,
        `${PLAN}/items?limit=-1`,
        `${PLAN}/items?limit=1&limit=2`,
        `${PLAN}/items?cursor=!!!`,
        `${PLAN}/items?cursor=abc`,
        `${PLAN}/items?cursor=${'A'.repeat(1000)}`,
        `${PLAN}/items?level=x`,
        `${PLAN}/items?department=abc`,
        `${PLAN}/items?under=abc`,
        `${PLAN}/items?under=1..2`,
        `${PLAN}/items?unknown=1`,
        `${PLAN}/ratings?fiscalYear=R99x`,
        `${PLAN}/ratings?fiscalYear=1800`,
        `${PLAN}/ratings?code=Z`,
        `${PLAN}/ratings?code=${'B'.repeat(50)}`,
        `${PLAN}/ratings?fiscalYear=%E0%A4%A`,
        `${PLAN}/narratives?role=mayor`,
        `${PLAN}/narratives?item=x`,
        `${PLAN}/stagnation?minYears=0`,
        `${PLAN}/stagnation?minYears=abc`,
        `${PLAN}/summary?x=1`,
        `${PLAN}?fiscalYear=2022`,
        `/api/v1/search`,
        `/api/v1/search?q=`,
        `/api/v1/search?q=%20%20`,
        `/api/v1/search?q=${'a'.repeat(101)}`,
        `/api/v1/search?q=a&plan=BAD!`,
      ];
      for (const url of bad) {
        const res = await get(url);
        assert.equal(res.statusCode, 400, `${url} → ${res.statusCode} ${res.body}`);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
        const problem = JSON.parse(res.body) as { status: number; detail: string; type: string };
        assert.equal(problem.status, 400);
        assert.ok(problem.detail.length > 0);
      }
    });

    test('unknown and unpublished things are 404 problem+json; writes are 405', async () => {
      for (const url of [
        '/api/v1/plans/nope',
        '/api/v1/plans/draft-only-plan',
        '/api/v1/plans/draft-only-plan/summary',
        `${PLAN}/items/9.9.9`,
        `${PLAN}/items/abc`,
        `${PLAN}/ratings?under=9.9`,
      ]) {
        const res = await get(url);
        assert.equal(res.statusCode, 404, url);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      }
      const unknownPath = await s.app.inject({ url: '/api/v1/nothing-here' });
      assert.equal(unknownPath.statusCode, 404);
      assert.match(String(unknownPath.headers['content-type']), /^application\/problem\+json/);
      const post = await s.app.inject({ method: 'POST', url: `${PLAN}/summary`, payload: {} });
      assert.equal(post.statusCode, 405);
      assert.match(String(post.headers['content-type']), /^application\/problem\+json/);
    });

    test('ETag with 304, Cache-Control, open CORS for GET and preflight', async () => {
      const first = await get(`${PLAN}/summary`);
      const etag = String(first.headers.etag);
      assert.match(etag, /^"[A-Za-z0-9_-]+"$/);
      assert.match(String(first.headers['cache-control']), /max-age=\d+/);
      assert.equal(first.headers['access-control-allow-origin'], '*');
      const again = await get(`${PLAN}/summary`, { 'if-none-match': etag });
      assert.equal(again.statusCode, 304);
      const other = await get(`${PLAN}/summary`, { 'if-none-match': '"something-else"' });
      assert.equal(other.statusCode, 200);
      const preflight = await s.app.inject({
        method: 'OPTIONS',
        url: `${PLAN}/summary`,
        headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' },
      });
      assert.equal(preflight.statusCode, 204);
      assert.equal(preflight.headers['access-control-allow-origin'], '*');
      assert.match(String(preflight.headers['access-control-allow-methods']), /GET/);
    });

    test('indicators, directions and costs of a plan without any: empty, valid; a bad filter is 400 or 404', async () => {
      const indicators = await json<{ rule: unknown; data: unknown[]; proposals: unknown[] }>(`${PLAN}/indicators`);
      const emptyPage = (path: string) => ({ links: { self: path, next: null }, meta: { total: 0, limit: 100, count: 0 } });
      assert.deepEqual(indicators, { rule: null, data: [], proposals: [], ...emptyPage(`${PLAN}/indicators`) });
      const directions = await json<{ codes: unknown[]; counts: unknown[]; data: unknown[] }>(`${PLAN}/directions?fiscalYear=R4`);
      assert.deepEqual(directions, { codes: [], counts: [], data: [], ...emptyPage(`${PLAN}/directions?fiscalYear=R4`) });
      const costs = await json<{ data: unknown[]; totals: unknown[] }>(`${PLAN}/costs?under=2.1`);
      assert.deepEqual([costs.data, costs.totals], [[], []]);
      assert.equal((await get(`${PLAN}/costs?item=9.9.9`)).statusCode, 404);
      assert.equal((await get(`${PLAN}/indicators?fiscalYear=x`)).statusCode, 400);
    });

    test('the OpenAPI document is served, is 3.1, and every documented path was exercised', async () => {
      const res = await s.app.inject({ url: '/api/v1/openapi.json' });
      assert.equal(res.statusCode, 200);
      const served = JSON.parse(res.body) as { openapi: string; paths: Record<string, unknown> };
      assert.equal(served.openapi, '3.1.0');
      assert.deepEqual(Object.keys(served.paths).sort(), Object.keys(doc.paths).sort());
      // The document's own schemas compile under draft 2020-12.
      for (const name of Object.keys(doc.components.schemas)) compile(`#/components/schemas/${name}`);
      assert.deepEqual([...exercised].sort(), Object.keys(doc.paths).sort());
    });

    test('nothing of the draft round leaks through any endpoint', async () => {
      const urls = [
        '/api/v1/plans',
        PLAN,
        `${PLAN}/tree`,
        `${PLAN}/summary`,
        `${PLAN}/rounds`,
        `${PLAN}/departments`,
        `${PLAN}/stagnation?minYears=1`,
        `${PLAN}/changes`,
        `${PLAN}/items?limit=500`,
        `${PLAN}/ratings?limit=500`,
        `${PLAN}/narratives?limit=500`,
        `/api/v1/search?q=XYZZY`,
        `/api/v1/search?q=${encodeURIComponent('下書き')}`,
      ];
      const items = (await json<{ data: { code: string }[] }>(`${PLAN}/items?limit=500`)).data;
      urls.push(...items.map((i) => `${PLAN}/items/${i.code}`));
      let next: string | null = `${PLAN}/ratings?limit=500`;
      while (next) {
        const page: { links: { next: string | null } } = await json(next);
        next = page.links.next;
        if (next) urls.push(next);
      }
      for (const url of urls) {
        const res = await get(url);
        assert.equal(res.statusCode, 200, url);
        assert.ok(!res.body.includes(DRAFT_MARKER), `${url} leaks draft text`);
        assert.ok(!/"fiscalYear":2023/.test(res.body), `${url} leaks FY2023`);
        assert.ok(!res.body.includes('draft-only-plan'), `${url} leaks the draft-only plan`);
      }
    });
  });
}
