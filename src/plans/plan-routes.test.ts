import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { buildTestServer } from '../test-support/server.js';

test('the plan page shows every sub-item with its five years of ratings, ※ marks and the summary table', async (t) => {
  const { app } = await buildTestServer(t);
  const root = await app.inject({ method: 'GET', url: '/' });
  assert.equal(root.statusCode, 302);
  assert.equal(root.headers.location, `/plans/${SAMPLE_PLAN_SLUG}`);

  const res = await app.inject({ method: 'GET', url: `/plans/${SAMPLE_PLAN_SLUG}` });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /text\/html; charset=utf-8/);
  const { document } = parseHTML(res.body);
  assert.equal(document.documentElement.getAttribute('lang'), 'ja');
  assert.equal(document.querySelector('h1')?.textContent, '茅ヶ崎市地域情報化計画');
  // No external asset and no script: the page works on a closed network without JavaScript.
  assert.equal(document.querySelectorAll('script').length, 0);
  for (const el of document.querySelectorAll('[src], link[href]')) {
    const url = el.getAttribute('src') ?? el.getAttribute('href') ?? '';
    assert.ok(url.startsWith('/'), `external reference: ${url}`);
  }

  const tables = [...document.querySelectorAll('table.ratings')];
  assert.equal(tables.length, 5);
  const subRows = tables.flatMap((t) => [...t.querySelectorAll('tbody tr')]);
  assert.equal(subRows.length, 83);
  const header = [...tables[0]!.querySelectorAll('thead th')].map((th) => th.textContent);
  assert.deepEqual(header, ['事務事業', '事務事業細目', 'H30', 'R元', 'R2', 'R3', 'R4']);
  for (const row of subRows) {
    const cells = [...row.querySelectorAll('td.rating')].map((td) => td.textContent?.trim());
    assert.equal(cells.length, 5);
    for (const c of cells) assert.match(c ?? '', /^(A|B|C|—)※?$/);
  }
  const byName = (name: string) => subRows.find((r) => [...r.querySelectorAll('th[scope=row]')].some((th) => th.firstChild?.textContent?.trim() === name));
  assert.match(byName('口座振替受付サービスの導入')!.querySelector('th[scope=row]')!.textContent ?? '', /事業終了（R元〜）/);
  assert.deepEqual(
    [...byName('マタニティクッキングの動画配信の検討')!.querySelectorAll('td.rating')].map((td) => td.textContent),
    ['B', 'B', 'B※', 'B※', 'A'],
  );
  // Program names span their sub-items like the report's merged cells: 44 programs.
  assert.equal(document.querySelectorAll('table.ratings th[scope=rowgroup]').length, 44);

  const summary = document.querySelector('table.summary')!;
  const rows = [...summary.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent?.trim()));
  assert.deepEqual(rows[0], ['A', '59', '56', '65', '68', '72', '73']);
  assert.deepEqual(rows.at(-1), ['達成率', '71.08%', '67.47%', '78.31%', '81.93%', '86.75%', '87.95%']);

  // 西暦 and English on request.
  const en = await app.inject({ method: 'GET', url: `/plans/${SAMPLE_PLAN_SLUG}?lang=en&era=seireki` });
  const enDoc = parseHTML(en.body).document;
  assert.equal(enDoc.documentElement.getAttribute('lang'), 'en');
  assert.deepEqual(
    [...enDoc.querySelectorAll('table.ratings')[0]!.querySelectorAll('thead th')].slice(2).map((th) => th.textContent),
    ['2018', '2019', '2020', '2021', '2022'],
  );

  const missing = await app.inject({ method: 'GET', url: '/plans/no-such-plan' });
  assert.equal(missing.statusCode, 404);
  assert.match(missing.body, /計画が見つかりません/);
});

test('the plan page is served from memory until a write moves the change counter, then shows the change at once', async (t) => {
  const { app, db } = await buildTestServer(t);
  const url = `/plans/${SAMPLE_PLAN_SLUG}`;
  const names = async () =>
    [...parseHTML((await app.inject({ method: 'GET', url })).body).document.querySelectorAll('table.ratings th[scope=row]')].map((th) =>
      th.firstChild?.textContent?.trim(),
    );
  const before = await names();
  assert.ok(before.includes('口座振替受付サービスの導入'));
  assert.deepEqual(await names(), before, 'unchanged while nothing is written');
  await db.query(`update plan_items set name = '口座振替受付サービスの導入（改称）' where name = '口座振替受付サービスの導入'`);
  const after = await names();
  assert.ok(after.includes('口座振替受付サービスの導入（改称）'), 'the renamed item shows on the next request');
  assert.ok(!after.includes('口座振替受付サービスの導入'));
});

test('the plan page is sent as brotli or gzip when accepted, with an ETag per form, 304 while unchanged and a new ETag after a write', async (t) => {
  const { app, db } = await buildTestServer(t);
  const url = `/plans/${SAMPLE_PLAN_SLUG}`;
  const plain = await app.inject({ method: 'GET', url });
  assert.equal(plain.headers['cache-control'], 'private, no-cache');
  assert.equal(plain.headers.vary, 'accept-encoding');
  assert.equal(plain.headers['content-encoding'], undefined);
  const etag = String(plain.headers.etag);
  assert.match(etag, /^"[\w-]+"$/);

  const br = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(brotliDecompressSync(br.rawPayload).toString(), plain.body);
  assert.notEqual(br.headers.etag, etag, 'each form has its own ETag');
  const gz = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, br;q=0' } });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(gz.rawPayload).toString(), plain.body);
  const refused = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br;q=0, gzip;q=0' } });
  assert.equal(refused.headers['content-encoding'], undefined);

  const again = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, '');
  const otherForm = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag, 'accept-encoding': 'br' } });
  assert.equal(otherForm.statusCode, 200, 'the plain form’s ETag does not stand for the brotli form');

  await db.query(`update plan_items set name = name || '（改）' where name = '口座振替受付サービスの導入'`);
  const changed = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
  assert.equal(changed.statusCode, 200, 'a write changes the page and so its ETag');
  assert.notEqual(changed.headers.etag, etag);
  assert.match(changed.body, /口座振替受付サービスの導入（改）/);
});

test('a plan whose slug changes is found under the new slug at once and no longer under the old', async (t) => {
  const { app, db } = await buildTestServer(t);
  assert.equal((await app.inject({ method: 'GET', url: `/plans/${SAMPLE_PLAN_SLUG}` })).statusCode, 200);
  await db.query('update plans set slug = $1 where slug = $2', ['renamed-plan', SAMPLE_PLAN_SLUG]);
  assert.equal((await app.inject({ method: 'GET', url: `/plans/${SAMPLE_PLAN_SLUG}` })).statusCode, 404);
  assert.equal((await app.inject({ method: 'GET', url: '/plans/renamed-plan' })).statusCode, 200);
});

test('readers of other languages and year styles never get each other’s cached page', async (t) => {
  const { app } = await buildTestServer(t);
  const base = `/plans/${SAMPLE_PLAN_SLUG}`;
  const langOf = async (url: string, headers: Record<string, string> = {}) =>
    parseHTML((await app.inject({ method: 'GET', url, headers })).body).document.documentElement.getAttribute('lang');
  assert.equal(await langOf(base), 'ja');
  assert.equal(await langOf(base, { cookie: 'hyoka_lang=en' }), 'en', 'the cookie’s language, not the cached Japanese page');
  assert.equal(await langOf(base), 'ja');
  const years = async (url: string) =>
    [...parseHTML((await app.inject({ method: 'GET', url })).body).document.querySelectorAll('table.ratings thead th')].slice(2, 4).map((th) => th.textContent);
  assert.deepEqual(await years(base), ['H30', 'R元']);
  assert.deepEqual(await years(`${base}?era=seireki`), ['2018', '2019']);
});
