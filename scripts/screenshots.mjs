#!/usr/bin/env node
/**
 * Screenshots of every staff screen, for review: a scratch in-memory store with the
 * sample report, the demo accounts and a demo round, a server on a free loopback port,
 * and Debian's Chromium (playwright-core, never a downloaded browser) walking the yearly
 * round as each role lives it — the editor enters and submits, the division reviews,
 * writes, closes and looks at publishing, the expert writes, the admin manages people.
 *
 *   npm run screenshots [-- --out DIR] [--width 1280] [--zoom 1]
 *
 * The PNG files go to screenshots/ (git-ignored), named by step.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { out: { type: 'string', default: 'screenshots' }, width: { type: 'string', default: '1280' }, zoom: { type: 'string', default: '1' } },
});
const root = resolve(import.meta.dirname, '..');
const dist = (path) => join(root, 'dist/src', path);
if (!existsSync(dist('cli/main.js'))) throw new Error('dist がありません。先に npm run build を実行してください。');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) throw new Error(`Chromium が見つかりません: ${chromiumPath}（CHROMIUM_PATH で指定できます）`);

const { openDb } = await import(dist('db/db.js'));
const { migrate } = await import(dist('db/migrate.js'));
const { importReportFile } = await import(dist('imports/import-report.js'));
const { SAMPLE_PLAN_SLUG, SAMPLE_REPORT } = await import(dist('imports/sample.js'));
const { ensureDemoData, DEMO_ACCOUNTS } = await import(dist('evaluations/demo-data.js'));
const { buildServer } = await import(dist('web/server.js'));
const { chromium } = await import('playwright-core');

const out = resolve(values.out);
mkdirSync(out, { recursive: true });
const width = Number(values.width);
const zoom = Number(values.zoom);

const db = await openDb({ inMemory: true });
let app;
let browser;
try {
  await migrate(db);
  await importReportFile(db, SAMPLE_REPORT, { slug: SAMPLE_PLAN_SLUG, actor: 'system:sample' });
  const { roundId } = await ensureDemoData(db, { roundFiscalYear: 2023 });
  const itemId = (await db.query(`select id from plan_items where code = '1.2.2.1'`)).rows[0].id;
  app = await buildServer({ db, config: { secureCookies: false } }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${app.server.address().port}`;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });

  let step = 0;
  const shoot = async (page, name) => {
    step += 1;
    const file = join(out, `${String(step).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  };
  const password = (login) => DEMO_ACCOUNTS.find((a) => a.login === login).password;
  const signIn = async (login) => {
    // A window of `width` device pixels at `zoom`: the page lays out in width / zoom CSS pixels.
    const context = await browser.newContext({ viewport: { width: Math.round(width / zoom), height: 900 }, deviceScaleFactor: zoom });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.fill('#login', login);
    await page.fill('#password', password(login));
    await page.click('main button[type=submit]');
    await page.waitForURL(`${base}/work`);
    return page;
  };
  const item = `${base}/rounds/${roundId}/items/${itemId}`;
  const round = `${base}/rounds/${roundId}`;

  const login = await (await browser.newContext({ viewport: { width: Math.round(width / zoom), height: 900 }, deviceScaleFactor: zoom })).newPage();
  await login.goto(`${base}/login`);
  await shoot(login, 'login');

  const editor = await signIn('demo-bosai');
  await shoot(editor, 'editor-my-tasks');
  await editor.goto(item);
  await shoot(editor, 'editor-entry-prefilled');
  await editor.click('button[name=action][value=submit]');
  await shoot(editor, 'editor-entry-refused');
  await editor.check('input[name=ratingCode][value=B]');
  await editor.fill('#reason', '県の防災システムとの連携方法を検討した。');
  await editor.click('button[name=action][value=submit]');
  await editor.waitForLoadState();
  if (!/saved=submit/.test(editor.url())) {
    // Last year's issues and direction went in unchanged: the page asks once.
    await shoot(editor, 'editor-entry-unchanged-copy-question');
    await editor.click('button[name=action][value=submit]');
    await editor.waitForURL(/saved=submit/);
  }
  await shoot(editor, 'editor-entry-submitted');
  await editor.click('text=提出を取り下げる');
  await editor.waitForLoadState();
  await shoot(editor, 'editor-confirm-withdraw');

  const division = await signIn('demo-division');
  await shoot(division, 'division-home-counts');
  await division.goto(`${round}/review`);
  await shoot(division, 'division-review-list');
  await division.goto(item);
  await shoot(division, 'division-entry-review');
  await division.fill('#comment', '連携の課題を「課題」欄に具体的に書いてください。');
  await division.click('button[name=action][value=return]');
  await division.waitForLoadState();
  await shoot(division, 'division-confirm-return');
  await division.goto(`${round}/board`);
  await shoot(division, 'division-board');
  await division.goto(`${round}/opinions`);
  await shoot(division, 'division-opinions');
  await division.goto(round);
  await shoot(division, 'division-round-settings');
  await division.goto(`${round}/confirm?action=close`);
  await shoot(division, 'division-confirm-close');
  await division.click('main form button[type=submit]');
  await division.waitForURL(/done=1/);
  await division.goto(`${round}/confirm?action=publish`);
  await shoot(division, 'division-confirm-publish');
  await division.goto(`${round}/reminders`);
  await shoot(division, 'division-reminders');
  await division.goto(`${base}/rounds`);
  await shoot(division, 'division-rounds');
  await division.goto(`${base}/audit`);
  await shoot(division, 'division-audit-log');
  await division.goto(`${base}/audit?code=1.2.2.1`);
  await shoot(division, 'division-audit-log-one-item');

  const expert = await signIn('demo-expert');
  await expert.goto(`${round}/opinions`);
  await shoot(expert, 'expert-opinions');

  const admin = await signIn('demo-admin');
  await admin.goto(`${base}/admin/users`);
  await shoot(admin, 'admin-users');
  await admin.click('main a[href^="/admin/users/"]');
  await admin.waitForLoadState();
  await shoot(admin, 'admin-user');
  await admin.goto(`${base}/admin/departments`);
  await shoot(admin, 'admin-departments');
  await admin.click('main a[href^="/admin/departments/"]');
  await admin.waitForLoadState();
  await shoot(admin, 'admin-department');
  await admin.goto(`${base}/account/password`);
  await shoot(admin, 'account-password');

  const viewer = await signIn('demo-viewer');
  await shoot(viewer, 'viewer-home');
  console.log(`${step} 枚を ${out} に保存しました。`);
} finally {
  await browser?.close();
  await app?.close();
  await db.close();
}
