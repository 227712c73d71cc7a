import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actorPhrase, auditChanges, auditChangesText, auditSentence } from './audit-describe.js';
import type { AuditView } from './audit-queries.js';

const ja = { lang: 'ja', era: 'wareki' } as const;

function view(over: Partial<AuditView>): AuditView {
  return {
    id: 1,
    at: new Date('2026-12-09T15:30:00Z'),
    actor: 'tanaka',
    action: 'save',
    entity: 'entry',
    entityId: '7',
    planId: 1,
    roundId: 3,
    itemId: 42,
    before: null,
    after: null,
    actorName: '田中',
    actorDepartments: ['防災対策課'],
    actorRoles: ['department'],
    itemCode: '1.2.2.1',
    itemName: '災害情報の管理システムの導入検討',
    roundFiscalYear: 2023,
    roundKind: 'yearly',
    ...over,
  };
}

test('a rating change reads as one Japanese sentence', () => {
  const v = view({ before: { status: 'draft', ratingCode: 'B', reason: '検討中' }, after: { status: 'draft', ratingCode: 'A', reason: '検討中' } });
  assert.equal(auditSentence(v, ja), '防災対策課 田中 が 1.2.2.1 災害情報の管理システムの導入… の評価を B→A に変更');
});

test('workflow steps, rounds, opinions and system writers in words', () => {
  assert.equal(
    auditSentence(view({ action: 'withdraw', before: { status: 'submitted' }, after: { status: 'draft' } }), ja),
    '防災対策課 田中 が 1.2.2.1 災害情報の管理システムの導入… の提出を取り下げ',
  );
  const division = { actor: 'div', actorName: '鈴木', actorDepartments: [], actorRoles: ['division'] };
  assert.equal(
    auditSentence(
      view({
        ...division,
        action: 'publish',
        entity: 'round',
        itemId: null,
        itemCode: null,
        itemName: null,
        after: { status: 'published', reason: '後日追記', missingOpinions: [{ item: 1 }, { item: 2 }] },
      }),
      ja,
    ),
    '評価担当課 鈴木 が 令和5年度の年度評価 を公表（意見 2件が未記入のまま、理由を記録）',
  );
  assert.equal(
    auditSentence(view({ ...division, entity: 'opinion:expert', itemId: null, itemCode: null, itemName: null, after: { body: '…' } }), ja),
    '評価担当課 鈴木 が 計画全体 への学識経験者の意見を保存',
  );
  assert.equal(actorPhrase({ actor: 'system:sample', actorName: null, actorDepartments: [], actorRoles: [] }, 'ja'), 'システム（サンプルの取り込み）');
  assert.equal(
    actorPhrase({ actor: 'x', actorName: 'デモ 防災対策課', actorDepartments: ['防災対策課'], actorRoles: [] }, 'ja'),
    'デモ 防災対策課',
    'a name that already says the department is not doubled',
  );
  assert.equal(auditSentence(view({ entity: 'widget', action: 'explode', itemCode: null, entityId: '9' }), ja), '防災対策課 田中 が widget 9 に「explode」');
  assert.match(
    auditSentence(view({ action: 'submit', before: { ratingCode: null }, after: { ratingCode: 'A' } }), { lang: 'en', era: 'seireki' }),
    /^防災対策課 田中 submitted 1\.2\.2\.1 .* \(rating —→A\)$/,
  );
});

test('before and after as readable changes, not JSON', () => {
  const v = view({
    before: { status: 'submitted', ratingCode: 'B', reason: 'x'.repeat(50) },
    after: { status: 'accepted', ratingCode: 'B', reason: 'y'.repeat(50) },
  });
  const changes = auditChanges(v, 'ja');
  assert.deepEqual(
    changes.map((c) => [c.label, c.before.slice(0, 4), c.after.slice(0, 4), c.long]),
    [
      ['状態', '提出済み', '承認済み', false],
      ['理由', 'xxxx', 'yyyy', true],
    ],
  );
  assert.equal(auditChangesText(view({ entity: 'round', before: { deadline: null }, after: { deadline: '2026-12-10' } }), 'ja'), '締切: （なし） → 2026-12-10');
  assert.equal(auditChangesText(view({ entity: 'round', before: { status: 'open' }, after: { status: 'closed' } }), 'ja'), '状態: 入力受付中 → 入力締切');
  assert.equal(
    auditChangesText(view({ entity: 'user', after: { roles: ['division', 'viewer'], disabled: false } }), 'ja'),
    '役割: 評価担当課、閲覧者\n無効: いいえ',
    'a creation lists what was made',
  );
  assert.equal(auditChangesText(view({ entity: 'round', before: null, after: { kind: 'midterm', fiscalYear: 2023 } }), 'ja'), '種類: 中間評価\n年度: 2023');
  assert.deepEqual(auditChanges(view({ before: null, after: null }), 'ja'), []);
  assert.ok(!auditChangesText(view({ after: { nested: { a: 1 } } }), 'ja').includes('{'), 'nested values as words');
});

test('uploads, lineage, plan settings and demo marks read in words too', () => {
  const admin = { actor: 'admin', actorName: '管理者', actorDepartments: [], actorRoles: ['admin'], itemId: null, itemCode: null, itemName: null };
  assert.match(
    auditSentence(view({ ...admin, action: 'upload', entity: 'import-upload', entityId: 'u1', after: { name: 'plan.csv' } }), ja),
    /取り込むファイル plan\.csv をアップロード/,
  );
  assert.match(
    auditSentence(view({ ...admin, action: 'replace', entity: 'plan_lineage', entityId: '2', after: { rows: 9 } }), ja),
    /計画の引き継ぎ 2 の項目の対応を保存$/,
  );
  assert.match(auditSentence(view({ ...admin, action: 'save', entity: 'plan-settings', entityId: '1' }), ja), /計画の設定 1 を保存$/);
  assert.match(auditSentence(view({ ...admin, action: 'mark-demo', entity: 'round' }), ja), /令和5年度の年度評価 をデモとして表示$/);
});
