import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import type { TestDb } from '../test-support/db.js';
import { seededDb } from '../test-support/seed.js';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { DRAFT_MARKER, addDraftRound } from '../test-support/factories.js';
import { sitePages } from './pages/site-pages.js';
import { exportSite, relativiseLinks, staticFileFor } from './static-export.js';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

describe('static link mapping (pure)', () => {
  test('live URLs map to files; variants by language and year style', () => {
    // Each live URL and the file it is exported to (undefined: not part of the static site).
    const examples: [string, string | undefined][] = [
      ['/portal', 'index.html'],
      ['/', 'index.html'],
      ['/portal/plans/p/items/2.1.4.3', 'plans/p/items/2.1.4.3.html'],
      ['/portal/plans/p/items/2.1.4.3?lang=en', 'en/plans/p/items/2.1.4.3.html'],
      ['/portal/plans/p?era=seireki', 'seireki/plans/p.html'],
      ['/portal/plans/p?lang=en&era=seireki', 'en/seireki/plans/p.html'],
      ['/portal/plans/p/data/ratings.csv?lang=en', 'plans/p/data/ratings.csv'],
      ['/assets/app.css', 'assets/app.css'],
      ['/api?lang=en', 'en/api.html'],
      ['/portal/../etc', undefined],
      ['/somewhere-else', undefined],
    ];
    for (const [url, file] of examples) assert.equal(staticFileFor(url), file, url);
  });

  test('links become relative to the page, keeping fragments; external links stay', () => {
    const html =
      '<a href="/portal/plans/p/items/1?lang=en&amp;era=seireki#t">x</a><a href="https://example.org/">y</a><link href="/assets/app.css"><form action="/portal/search">';
    assert.equal(
      relativiseLinks(html, 'en/plans/p/items/2.html'),
      '<a href="../../../seireki/plans/p/items/1.html#t">x</a><a href="https://example.org/">y</a><link href="../../../../assets/app.css"><form action="../../../../search.html">',
    );
  });
});

describe('hyoka export-site over the seed with a draft round present', () => {
  let t: TestDb;
  let out: string;
  let files: string[];
  before(async () => {
    t = await seededDb();
    await addDraftRound(t.db, SAMPLE_PLAN_SLUG);
    out = mkdtempSync(join(tmpdir(), 'hyoka-export-'));
    const r = await exportSite(t.db, out, sitePages);
    assert.deepEqual(r.plans, [SAMPLE_PLAN_SLUG]);
    files = walk(out);
    assert.equal(files.length, r.files);
  });
  after(async () => {
    rmSync(out, { recursive: true, force: true });
    await t.cleanup();
  });

  test('every page exists in four variants: home, plan, all 135 items, stagnation, downloads, search, API page', () => {
    const pages = files.filter((f) => f.endsWith('.html')).map((f) => relative(out, f));
    const base = pages.filter((p) => !p.startsWith('en/') && !p.startsWith('seireki/'));
    assert.equal(base.filter((p) => p.startsWith(`plans/${SAMPLE_PLAN_SLUG}/items/`)).length, 3 + 5 + 44 + 83);
    for (const p of [
      'index.html',
      `plans/${SAMPLE_PLAN_SLUG}.html`,
      `plans/${SAMPLE_PLAN_SLUG}/stagnation.html`,
      `plans/${SAMPLE_PLAN_SLUG}/downloads.html`,
      'search.html',
      'api.html',
    ]) {
      for (const prefix of ['', 'en/', 'seireki/', 'en/seireki/']) assert.ok(pages.includes(prefix + p), `${prefix}${p} missing`);
    }
    assert.equal(pages.length, base.length * 4);
    assert.match(readFileSync(join(out, 'en/index.html'), 'utf8'), /<html lang="en"/);
    assert.match(readFileSync(join(out, 'seireki/plans', `${SAMPLE_PLAN_SLUG}.html`), 'utf8'), />2022</);
  });

  test('every link of every page is relative and names an existing file (works from any sub-path and file://)', () => {
    let checked = 0;
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      const { document } = parseHTML(readFileSync(file, 'utf8'));
      for (const el of document.querySelectorAll('[href], [src], form[action]')) {
        const value = el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('action') ?? '';
        if (/^https?:\/\//.test(value) || value.startsWith('#')) continue;
        assert.ok(!value.startsWith('/'), `${relative(out, file)}: root-relative link ${value}`);
        const target = resolve(dirname(file), value.split('#')[0]!.split('?')[0]!);
        assert.ok(existsSync(target) && statSync(target).isFile(), `${relative(out, file)}: broken link ${value}`);
        checked++;
      }
    }
    assert.ok(checked > 10000, `only ${checked} links checked`);
  });

  test('data files are there (CSV with BOM, JSON, zip, OpenAPI) and nothing unpublished is anywhere', () => {
    const csv = readFileSync(join(out, 'plans', SAMPLE_PLAN_SLUG, 'data', 'ratings.csv'), 'utf8');
    assert.ok(csv.startsWith('\uFEFF'));
    assert.ok(existsSync(join(out, 'plans', SAMPLE_PLAN_SLUG, 'data', 'all.zip')));
    assert.equal(JSON.parse(readFileSync(join(out, 'api/v1/openapi.json'), 'utf8')).openapi, '3.1.0');
    for (const file of files) {
      if (file.endsWith('.zip')) continue; // compressed; its contents are checked in public-data.test.ts
      const text = readFileSync(file, 'utf8');
      assert.ok(!text.includes(DRAFT_MARKER), `${relative(out, file)} leaks draft text`);
      assert.ok(!text.includes('draft-only-plan'), `${relative(out, file)} leaks the draft-only plan`);
    }
    assert.ok(!existsSync(join(out, 'plans', 'draft-only-plan')));
    const item = readFileSync(join(out, 'plans', SAMPLE_PLAN_SLUG, 'items', '2.1.4.3.html'), 'utf8');
    assert.ok(!item.includes('<h3>令和5年度'), 'FY2023 (open round) shows in the timeline');
    const { document } = parseHTML(item);
    const years = [...document.querySelectorAll('#ratings + .table-wrap tbody th')].map((th) => th.textContent);
    assert.deepEqual(years, ['平成30年度', '令和元年度', '令和2年度', '令和3年度', '令和4年度']);
  });
});
