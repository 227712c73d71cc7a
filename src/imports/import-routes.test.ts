/** The web import over HTTP: upload → preview → confirm (all or nothing, audited), errors with their places, CSRF, expiry. */
import { describe, test } from 'node:test';
import { resetEnvForTests } from '../config/env.js';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { get, post, sessionAs, startWorkflowServer, type Browserish } from '../test-support/server.js';
import { suiteSite } from '../test-support/suite-site.js';
import type { Db } from '../db/db.js';
import { csvText, encodeShiftJis, indicatorSheet, kpiPlan } from '../test-support/table-fixtures.js';
import { SAMPLE_PLAN_SLUG, SAMPLE_REPORT } from './sample.js';
import { loadStoredPlan } from './plan-export-queries.js';
import { writePlanWorkbook } from './plan-workbook.js';
import { createUser } from '../users/users-store.js';

interface Part {
  name: string;
  value: string | Uint8Array;
  fileName?: string;
}

/** A multipart/form-data body the way a browser sends the upload form. */
function multipart(parts: Part[]): { body: Buffer; type: string } {
  const boundary = '----hyokaTestBoundary7MA4YWxkTrZu0gW';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.fileName !== undefined ? `; filename="${p.fileName}"` : ''}`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.fileName !== undefined ? 'Content-Type: application/octet-stream\r\n' : ''}\r\n`;
    chunks.push(Buffer.from(head), Buffer.from(p.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

async function upload(app: FastifyInstance, who: Browserish, parts: Part[], csrf = who.csrf) {
  const { body, type } = multipart([{ name: '_csrf', value: csrf }, ...parts]);
  return app.inject({ method: 'POST', url: '/admin/imports', headers: { 'content-type': type, cookie: who.cookie }, payload: body });
}

/** A table as a Shift_JIS CSV `name.csv` with its mapping `name.mapping.json`, the encoding left to detection, into `slug`. */
function uploadTable(app: FastifyInstance, who: Browserish, name: string, table: { rows: string[][]; mapping: unknown }, slug: string) {
  return upload(app, who, [
    { name: 'file', fileName: `${name}.csv`, value: encodeShiftJis(csvText(table.rows)) },
    { name: 'mapping', fileName: `${name}.mapping.json`, value: JSON.stringify(table.mapping) },
    { name: 'encoding', value: '' },
    { name: 'slug', value: slug },
  ]);
}

const count = async (s: { db: Db }, sql: string, params: (string | number)[] = []) => (await s.db.query<{ n: number }>(sql, params)).rows[0]!.n;

describe('web import', () => {
  const site = suiteSite('demo-admin');

  test('the form is linked in the admin navigation and refused to other roles', async () => {
    const page = await get(site.app, site.session, '/admin/imports');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /href="\/admin\/imports"/);
    assert.match(page.body, /enctype="multipart\/form-data"/);
    const division = await sessionAs(site.db, 'demo-division');
    assert.equal((await get(site.app, division, '/admin/imports')).statusCode, 403);
    assert.doesNotMatch((await get(site.app, division, '/work')).body, /href="\/admin\/imports"/);
  });

  test('a Shift_JIS CSV with a mapping: preview with tiers, counts, scale, years; confirm stores it once, audited', async () => {
    const kpi = kpiPlan();
    const before = await count(site, 'select count(*)::int as n from plans');
    const r = await uploadTable(site.app, site.session, 'kpi', kpi, 'sogo-senryaku');
    assert.equal(r.statusCode, 303, r.body);
    const previewUrl = r.headers.location as string;
    assert.match(previewUrl, /^\/admin\/imports\/[A-Za-z0-9_-]+$/);
    assert.equal(await count(site, 'select count(*)::int as n from plans'), before, 'nothing stored before confirming');

    const preview = await get(site.app, site.session, previewUrl);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /新しい計画（識別子 sogo-senryaku）として保存します/);
    for (const fact of [
      '第2期まち・ひと・しごと創生総合戦略',
      '基本目標',
      '<td class="num">2</td>',
      '<td class="num">8</td>',
      'KPI達成度',
      '◎ 目標以上',
      '16件',
      'R3、R4',
      '産業振興課',
    ]) {
      assert.ok(preview.body.includes(fact), fact);
    }
    const confirm = await post(site.app, site.session, `${previewUrl}/confirm`, {});
    assert.equal(confirm.statusCode, 303);
    assert.equal(confirm.headers.location, '/plans/sogo-senryaku');
    assert.equal(await count(site, `select count(*)::int as n from plan_items i join plans p on p.id = i.plan_id where p.slug = 'sogo-senryaku'`), 14);
    assert.equal(
      await count(site, `select count(*)::int as n from audit_log where action = 'import' and entity_id = 'sogo-senryaku' and actor = 'demo-admin'`),
      1,
    );
    assert.equal(
      await count(site, `select count(*)::int as n from audit_log where action = 'upload' and entity = 'import-upload' and actor = 'demo-admin'`),
      1,
    );
    assert.equal(await count(site, 'select count(*)::int as n from import_uploads'), 0);

    // A second confirmation (another tab) finds the upload gone and stores nothing more.
    const again = await post(site.app, site.session, `${previewUrl}/confirm`, {});
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, '/admin/imports?expired=1');
    assert.equal(await count(site, `select count(*)::int as n from audit_log where action = 'import' and entity_id = 'sogo-senryaku'`), 1);
  });

  test('an unknown rating is listed with its row and column; nothing is kept', async () => {
    const kpi = kpiPlan();
    const rows = kpi.rows.map((row) => [...row]);
    rows[3]![7] = 'E';
    const r = await upload(site.app, site.session, [
      { name: 'file', fileName: 'bad.csv', value: csvText(rows) },
      { name: 'mapping', fileName: 'map.json', value: JSON.stringify(kpi.mapping) },
    ]);
    assert.equal(r.statusCode, 422);
    assert.match(r.body, /4行 H列<\/td><td>評価「E」は評価基準にありません/);
    assert.equal(await count(site, 'select count(*)::int as n from import_uploads'), 0);
  });

  test('a table without a mapping, no file at all, and a bad slug are refused beside their fields', async () => {
    const noMapping = await upload(site.app, site.session, [{ name: 'file', fileName: 'x.csv', value: 'a,b\r\n1,2\r\n' }]);
    assert.equal(noMapping.statusCode, 422);
    assert.match(noMapping.body, /表のファイルにはマッピングが必要です/);
    const noFile = await upload(site.app, site.session, [
      { name: 'file', fileName: '', value: '' },
      { name: 'slug', value: 'Bad Slug' },
    ]);
    assert.equal(noFile.statusCode, 422);
    assert.match(noFile.body, /id="slug-error">/);
    assert.match(noFile.body, /value="Bad Slug"/);
  });

  test('the preview says which indicators, targets, actuals, directions and costs confirming writes', async () => {
    const f = indicatorSheet();
    const r = await uploadTable(site.app, site.session, 'kosodate', f, 'kosodate-preview');
    assert.equal(r.statusCode, 303, r.body);
    const preview = await get(site.app, site.session, r.headers.location as string);
    for (const fact of ['<dt>指標</dt><dd>3件（目標値 4件、実績値 6件）</dd>', '<dt>今後の方向性</dt><dd>2件</dd>', '<dt>事業費</dt><dd>2件</dd>'])
      assert.ok(preview.body.includes(fact), fact);
    await post(site.app, site.session, `${r.headers.location as string}/discard`, {});
  });

  test('the published report as text under the stored plan’s slug: the preview says it updates that plan; cancelling removes the upload', async () => {
    const r = await upload(site.app, site.session, [
      { name: 'file', fileName: 'report.txt', value: readFileSync(SAMPLE_REPORT) },
      { name: 'slug', value: SAMPLE_PLAN_SLUG },
    ]);
    assert.equal(r.statusCode, 303);
    const preview = await get(site.app, site.session, r.headers.location as string);
    assert.match(preview.body, /事務事業細目<\/th><td class="num">83<\/td>/);
    assert.ok(preview.body.includes(`既存の計画「茅ヶ崎市地域情報化計画」（識別子 ${SAMPLE_PLAN_SLUG}）を更新します`));
    assert.equal(await count(site, 'select count(*)::int as n from import_uploads'), 1);
    const discard = await post(site.app, site.session, `${r.headers.location as string}/discard`, {});
    assert.equal(discard.statusCode, 303);
    assert.equal(await count(site, 'select count(*)::int as n from import_uploads'), 0);
    assert.equal((await get(site.app, site.session, r.headers.location as string)).headers.location, '/admin/imports?expired=1');
  });

  test('hyoka’s own workbook uploads with no mapping: the exported sample becomes a second plan under the slug typed', async () => {
    const book = await writePlanWorkbook(await loadStoredPlan(site.db, SAMPLE_PLAN_SLUG));
    const r = await upload(site.app, site.session, [
      { name: 'file', fileName: 'sample.xlsx', value: book },
      { name: 'slug', value: 'sample-copy' },
    ]);
    assert.equal(r.statusCode, 303, r.body);
    const preview = await get(site.app, site.session, r.headers.location as string);
    assert.match(preview.body, /事務事業細目<\/th><td class="num">83<\/td>/);
    const confirm = await post(site.app, site.session, `${r.headers.location as string}/confirm`, {});
    assert.equal(confirm.headers.location, '/plans/sample-copy');
    assert.equal(
      await count(
        site,
        `select count(*)::int as n from ratings r join plan_items i on i.id = r.item_id join plans p on p.id = i.plan_id where p.slug = 'sample-copy'`,
      ),
      415,
    );
  });

  test('an upload without the CSRF token is refused, and another admin cannot see someone’s upload', async () => {
    const refused = await upload(site.app, site.session, [{ name: 'file', fileName: 'report.txt', value: readFileSync(SAMPLE_REPORT) }], 'wrong-token');
    assert.equal(refused.statusCode, 403);
    assert.equal(await count(site, 'select count(*)::int as n from import_uploads'), 0);
    const mine = await upload(site.app, site.session, [{ name: 'file', fileName: 'report.txt', value: readFileSync(SAMPLE_REPORT) }]);
    await createUser(site.db, { login: 'second-admin', displayName: '管理者2', roles: ['admin'], password: 'a-long-enough-secret-2' }, 'test');
    await site.db.query(`update users set must_change_password = false where login = 'second-admin'`);
    const other = await sessionAs(site.db, 'second-admin');
    assert.equal((await get(site.app, other, mine.headers.location as string)).headers.location, '/admin/imports?expired=1');
    assert.equal((await post(site.app, other, `${mine.headers.location as string}/confirm`, {})).headers.location, '/admin/imports?expired=1');
  });
});

test('a file over HYOKA_IMPORT_MAX_MB is refused beside the field, and nothing is kept', async (t) => {
  const saved = process.env.HYOKA_IMPORT_MAX_MB;
  process.env.HYOKA_IMPORT_MAX_MB = '0.001';
  resetEnvForTests();
  const s = await startWorkflowServer();
  t.after(async () => {
    await s.close();
    if (saved === undefined) delete process.env.HYOKA_IMPORT_MAX_MB;
    else process.env.HYOKA_IMPORT_MAX_MB = saved;
    resetEnvForTests();
  });
  const admin = await sessionAs(s.db, 'demo-admin');
  const r = await upload(s.app, admin, [{ name: 'file', fileName: 'report.txt', value: readFileSync(SAMPLE_REPORT) }]);
  assert.equal(r.statusCode, 422);
  assert.match(r.body, /id="file-error">ファイルが大きすぎます（上限 0.001 MB）/);
  assert.equal(await count(s, 'select count(*)::int as n from import_uploads'), 0);
});
