/**
 * The workflow screens through HTTP as a browser without script uses them: nothing typed
 * is lost on any save, error or conflict, and irreversible steps ask first.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines } from '../test-support/db.js';
import { demoAccount, get, post, sessionAs, startWorkflowServer, type Browserish, type WorkflowServer } from '../test-support/server.js';

for (const engine of engines()) {
  describe(`workflow screens (${engine})`, () => {
    let s: WorkflowServer;
    let expert: Browserish;
    let pillarKey: string;

    before(async () => {
      s = await startWorkflowServer(engine);
      expert = await sessionAs(s.db, demoAccount('expert').login);
      const page = await get(s.app, expert, `/rounds/${s.roundId}/opinions`);
      pillarKey = /name="body-([0-9]+)"/.exec(page.body)?.[1] ?? '';
      assert.ok(pillarKey, 'the expert sees a pillar box');
    });
    after(() => s?.close());

    const opinionsUrl = () => `/rounds/${s.roundId}/opinions`;
    const storedOpinions = async () =>
      (await s.db.query<{ itemId: number | null; body: string }>(`select item_id as "itemId", body from round_opinions where round_id = $1`, [s.roundId])).rows;

    test('saving one opinion box keeps the text typed into another', async () => {
      const r = await post(s.app, expert, opinionsUrl(), {
        target: 'plan',
        'body-plan': '計画全体として順調。',
        'version-plan': '0',
        [`body-${pillarKey}`]: '柱の意見を書きかけ。',
        [`version-${pillarKey}`]: '0',
      });
      assert.equal(r.statusCode, 200, 'shown again, not redirected away from the unsaved box');
      assert.match(r.body, /計画全体として順調。/);
      assert.match(r.body, /柱の意見を書きかけ。/);
      assert.match(r.body, /ほかの欄に入力した未保存の内容はそのまま残っています/);
      assert.deepEqual(
        (await storedOpinions()).map((o) => o.body),
        ['計画全体として順調。'],
        'only the box whose button was pressed is saved',
      );
    });

    test('a conflict on one box keeps the text of both', async () => {
      const r = await post(s.app, expert, opinionsUrl(), {
        target: 'plan',
        'body-plan': '古い版からの書き換え。',
        'version-plan': '0',
        [`body-${pillarKey}`]: '柱の意見を書きかけ。',
        [`version-${pillarKey}`]: '0',
      });
      assert.equal(r.statusCode, 409);
      assert.match(r.body, /古い版からの書き換え。/);
      assert.match(r.body, /柱の意見を書きかけ。/);
      assert.match(r.body, /他の人が先に保存しました/);
    });

    test('a refused box keeps the text of both', async () => {
      const r = await post(s.app, expert, opinionsUrl(), {
        target: pillarKey,
        'body-plan': '計画全体の書きかけ。',
        'version-plan': '1',
        [`body-${pillarKey}`]: 'あ'.repeat(8001),
        [`version-${pillarKey}`]: '0',
      });
      assert.equal(r.statusCode, 422);
      assert.match(r.body, /8000文字以内/);
      assert.match(r.body, /計画全体の書きかけ。/);
    });

    test('when no other box holds unsaved text, a save redirects (PRG)', async () => {
      const r = await post(s.app, expert, opinionsUrl(), { target: pillarKey, [`body-${pillarKey}`]: '柱の意見。', [`version-${pillarKey}`]: '0', 'body-plan': '計画全体として順調。', 'version-plan': '1' });
      assert.equal(r.statusCode, 303);
      assert.match(String(r.headers.location), /saved=1/);
    });

    test('every page links the unsaved-changes script, which is served as a file', async () => {
      const page = await get(s.app, expert, opinionsUrl());
      assert.match(page.body, /<script src="\/assets\/unsaved-changes.js" defer(="")?><\/script>/);
      const js = await s.app.inject('/assets/unsaved-changes.js');
      assert.equal(js.statusCode, 200);
      assert.match(String(js.headers['content-type']), /javascript/);
      assert.match(js.body, /beforeunload/);
    });
  });
}
