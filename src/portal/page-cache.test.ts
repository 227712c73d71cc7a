/**
 * The portal's pages kept as bytes per snapshot, path and preferences (page-cache.ts): an
 * ETag per encoded form, 304 while unchanged, public caching as before with Vary on the
 * cookie and the encoding, and a publish or a correction shown on the next request after
 * the check interval by every app over the store, never unpublished data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { engines } from '../test-support/db.js';
import { addDraftRound, DRAFT_MARKER } from '../test-support/factories.js';
import { buildTestServer } from '../test-support/server.js';
import { buildServer } from '../web/server.js';
import { env } from '../config/env.js';
import { portalUrls } from './urls.js';

const plan = portalUrls.plan(SAMPLE_PLAN_SLUG);

test('a portal page is sent as brotli or gzip when accepted, with an ETag per form, public caching and 304 while unchanged', async (t) => {
  const { app } = await buildTestServer(t);
  const plain = await app.inject({ method: 'GET', url: plan });
  assert.equal(plain.statusCode, 200);
  assert.match(String(plain.headers['content-type']), /text\/html; charset=utf-8/);
  assert.equal(plain.headers['cache-control'], 'public, max-age=60');
  assert.equal(plain.headers.vary, 'Cookie, accept-encoding');
  const etag = String(plain.headers.etag);
  assert.match(etag, /^"[\w-]+"$/);
  assert.equal(plain.headers['content-encoding'], undefined);

  const br = await app.inject({ method: 'GET', url: plan, headers: { 'accept-encoding': 'gzip, deflate, br' } });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(brotliDecompressSync(br.rawPayload).toString(), plain.body);
  assert.notEqual(br.headers.etag, etag, 'each form has its own ETag');
  const gz = await app.inject({ method: 'GET', url: plan, headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(gz.rawPayload).toString(), plain.body);

  const again = await app.inject({ method: 'GET', url: plan, headers: { 'if-none-match': etag } });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, '');
  assert.equal(again.headers['cache-control'], 'public, max-age=60');
  assert.equal(
    (await app.inject({ method: 'GET', url: plan, headers: { 'if-none-match': String(br.headers.etag), 'accept-encoding': 'br' } })).statusCode,
    304,
  );
  assert.equal((await app.inject({ method: 'GET', url: plan, headers: { 'if-none-match': etag, 'accept-encoding': 'br' } })).statusCode, 200);

  // The language and era, from the query or the cookie, are part of what is kept.
  const en = await app.inject({ method: 'GET', url: `${plan}?lang=en` });
  const enByCookie = await app.inject({ method: 'GET', url: plan, cookies: { hyoka_lang: 'en' } });
  assert.notEqual(en.headers.etag, etag);
  assert.equal(enByCookie.headers.etag, en.headers.etag);
  assert.equal(enByCookie.body, en.body);
  assert.match(en.body, /<html lang="en"/);
  const seireki = await app.inject({ method: 'GET', url: `${plan}?era=seireki` });
  assert.notEqual(seireki.headers.etag, etag);
  // Other query parameters change nothing on the page: the same bytes.
  assert.equal((await app.inject({ method: 'GET', url: `${plan}?utm_source=x` })).headers.etag, etag);

  for (const url of [portalUrls.item(SAMPLE_PLAN_SLUG, '2.1.4.3'), `${plan}/departments`, `${plan}/stagnation`, `${plan}/downloads`, `${plan}/changes`]) {
    const first = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
    assert.equal(first.statusCode, 200, url);
    assert.equal(first.headers['content-encoding'], 'br', url);
    assert.equal(first.headers.vary, 'Cookie, accept-encoding', url);
    assert.equal(
      (await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) } })).statusCode,
      304,
      url,
    );
  }
});

for (const engine of engines()) {
  test(`a publish and a correction show on the next request after the check interval in every app over the store, drafts never (${engine})`, async (t) => {
    const { app, db } = await buildTestServer(t, { engine, prepare: (db) => addDraftRound(db, SAMPLE_PLAN_SLUG) });
    // A second app over the same store stands for another process: only the store tells it of a change.
    const other = await buildServer({ db, config: { secureCookies: false } });
    t.after(() => other.close());
    const apps: FastifyInstance[] = [app, other];
    const item = portalUrls.item(SAMPLE_PLAN_SLUG, '2.1.4.3');
    const fetchAll = (url: string, headers: Record<string, string> = {}) => Promise.all(apps.map((a) => a.inject({ method: 'GET', url, headers })));
    const past = { plan: await fetchAll(plan), item: await fetchAll(item, { 'accept-encoding': 'br' }) };
    for (const res of [...past.plan, ...past.item]) assert.equal(res.statusCode, 200);
    for (const res of past.plan) assert.ok(!res.body.includes(DRAFT_MARKER) && !res.body.includes('R5'), 'the open FY2023 round is not public');
    for (const res of past.item) assert.ok(!brotliDecompressSync(res.rawPayload).toString().includes(DRAFT_MARKER));
    const etags = past.plan.map((r) => String(r.headers.etag));
    assert.equal(etags[0], etags[1], 'the same bytes in every app');
    for (const res of await fetchAll(plan, { 'if-none-match': etags[0]! })) assert.equal(res.statusCode, 304);

    const { id: planId } = (await db.query<{ id: number }>('select id from plans where slug = $1', [SAMPLE_PLAN_SLUG])).rows[0]!;
    await db.query("update evaluation_rounds set status = 'published', published_at = now() where fiscal_year = 2023 and plan_id = $1", [planId]);
    // The first request made later than the check interval after a change sees it.
    await sleep(env().HYOKA_PUBLIC_CHECK_MS + 50);
    const published = await fetchAll(plan, { 'if-none-match': etags[0]! });
    for (const res of published) {
      assert.equal(res.statusCode, 200, 'the kept page is not served after a publish');
      assert.notEqual(res.headers.etag, etags[0]);
      assert.ok(res.body.includes('R5'), 'the published FY2023 column shows');
    }
    for (const [i, res] of (await fetchAll(item, { 'accept-encoding': 'br', 'if-none-match': String(past.item[0]!.headers.etag) })).entries()) {
      assert.equal(res.statusCode, 200, `app ${i}: the item page is rendered anew`);
      assert.ok(brotliDecompressSync(res.rawPayload).toString().includes(DRAFT_MARKER), 'the now published narrative shows');
    }

    // A correction to a published rating: the summary's counts change.
    const etagAfterPublish = String(published[0]!.headers.etag);
    await db.query(
      `update ratings set code = 'A' where fiscal_year = 2023
          and item_id = (select id from plan_items where plan_id = $1 and code = '2.1.4.3')`,
      [planId],
    );
    await sleep(env().HYOKA_PUBLIC_CHECK_MS + 50);
    for (const res of await fetchAll(plan, { 'if-none-match': etagAfterPublish })) {
      assert.equal(res.statusCode, 200, 'the kept page is not served after a correction');
      assert.notEqual(res.headers.etag, etagAfterPublish);
    }
  });
}
