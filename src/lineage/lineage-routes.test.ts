/** The lineage admin screen: the admin replaces a mapping from CSV; a bad row is shown with its line and changes nothing. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { demoAccount, get, post, sessionAs, startWorkflowServer, type WorkflowServer } from '../test-support/server.js';
import { DEMO_SUCCESSOR_SLUG, ensureLineageDemo } from './lineage-demo.js';

describe('lineage admin screen', () => {
  let s: WorkflowServer;
  before(async () => {
    s = await startWorkflowServer();
    await ensureLineageDemo(s.db, SAMPLE_PLAN_SLUG);
  });
  after(() => s.close());

  test('shows the demo mapping and the carried-over comparison; replaces it from CSV; refuses a bad row', async () => {
    const admin = await sessionAs(s.db, demoAccount('admin').login);
    const page = await get(s.app, admin, '/admin/lineage');
    assert.equal(page.statusCode, 200);
    const doc = parseHTML(page.body).document;
    const captions = [...doc.querySelectorAll('caption')].map((c) => c.textContent ?? '');
    assert.ok(captions.some((c) => c.includes('（9行）')), captions.join('|'));
    assert.ok(captions.some((c) => c.includes('引き継いだ項目（3件）')), captions.join('|'));
    // The comparison: R4 on the predecessor side (3 rated, all B in the sample → 0 achieved) then R5 on the demo side.
    const rows = [...doc.querySelectorAll('table')[1]!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent?.trim()));
    assert.deepEqual(rows.find((r) => r[0] === 'R4')?.slice(2), ['3', '0', '0.00%']);
    assert.deepEqual(rows.find((r) => r[0] === 'R5')?.slice(2), ['3', '2', '66.67%']);

    const bad = await post(s.app, admin, '/admin/lineage', { successor: DEMO_SUCCESSOR_SLUG, predecessor: SAMPLE_PLAN_SLUG, csv: '種別,前計画の番号,後継計画の番号\n引き継ぎ,1.2.2.1,1.1\n分割,7.7,1.2\n' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /3 行目: 前計画に番号 7\.7 の項目がありません/);
    const good = await post(s.app, admin, '/admin/lineage', { successor: DEMO_SUCCESSOR_SLUG, predecessor: SAMPLE_PLAN_SLUG, csv: '種別,前計画の番号,後継計画の番号\n引き継ぎ,1.2.2.1,1.1\n' });
    assert.equal(good.statusCode, 303);
    const after = parseHTML((await get(s.app, admin, '/admin/lineage?saved=1')).body).document;
    assert.ok([...after.querySelectorAll('caption')].some((c) => c.textContent?.includes('（1行）')));
    assert.match(after.querySelector('.notice')?.textContent ?? '', /保存しました/);
  });
});
