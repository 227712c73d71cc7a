import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { createTestDb } from '../test-support/db.js';
import { FIVE_TIER, storeTieredPlan } from '../test-support/tiered-plans.js';
import { sitePages } from './pages/site-pages.js';
import { exportSite } from './static-export.js';

test('the static export of a 5-tier plan has a page per item of every tier, linked relatively', async (t) => {
  const { db, cleanup } = await createTestDb();
  t.after(cleanup);
  await storeTieredPlan(db, FIVE_TIER);
  const out = mkdtempSync(join(tmpdir(), 'hyoka-depth-site-'));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  const result = await exportSite(db, out, sitePages);
  assert.deepEqual(result.plans, [FIVE_TIER.slug]);
  const dir = join(out, 'plans', FIVE_TIER.slug);
  for (const code of ['1', '1.1', '1.1.1', '1.1.1.1', '1.1.1.1.1', '2.1.2.2.3']) assert.ok(existsSync(join(dir, 'items', `${code}.html`)), code);
  assert.ok(existsSync(join(dir, 'data', 'ratings', 'item-1.1.1.1.1.csv')));
  const measure = parseHTML(readFileSync(join(dir, 'items', '1.1.1.1.html'), 'utf8')).document;
  const links = [...measure.querySelectorAll('table.ratings a')].map((a) => a.getAttribute('href'));
  assert.deepEqual(links, ['1.1.1.1.html', '1.1.1.1.1.html', '1.1.1.1.2.html', '1.1.1.1.3.html']);
});
