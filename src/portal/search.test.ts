import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, type TestDb } from '../test-support/db.js';
import { seededDb } from '../test-support/seed.js';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { findPublicPlan, loadPublicDataset, type PublicDataset } from './public-data.js';
import { excerpt, highlight, normaliseForSearch, normaliseQuery, searchDataset } from './search.js';

describe('search normalisation (pure)', () => {
  test('full-width and half-width forms, case and spaces match', () => {
    const examples: Record<string, string> = { ＩＣＴ: 'ict', 'I C T': 'ict', ﾏｲﾅﾝﾊﾞｰ: 'マイナンバー', '１２３': '123' };
    for (const [query, expected] of Object.entries(examples)) assert.equal(normaliseQuery(query), expected, query);
  });

  test('highlight marks the original text, even when the original is full-width or spaced', () => {
    assert.deepEqual(highlight('行政のＩ Ｃ Ｔ化', normaliseQuery('ict')), [
      { text: '行政の', match: false },
      { text: 'Ｉ Ｃ Ｔ', match: true },
      { text: '化', match: false },
    ]);
    assert.deepEqual(highlight('ｶﾞｲﾄﾞ', normaliseQuery('ガイド')), [{ text: 'ｶﾞｲﾄﾞ', match: true }]);
    assert.equal(highlight('電子申請', normaliseQuery('マイナンバー')), undefined);
    const n = normaliseForSearch('Ａ B');
    assert.equal(n.text, 'ab');
    assert.deepEqual(
      [n.starts, n.ends],
      [
        [0, 2],
        [1, 3],
      ],
    );
  });

  test('excerpt keeps the match and trims long context', () => {
    const long = `${'あ'.repeat(200)}マイナンバー${'い'.repeat(200)}`;
    const e = excerpt(highlight(long, normaliseQuery('マイナンバー'))!);
    assert.equal(e.find((f) => f.match)!.text, 'マイナンバー');
    assert.ok(e.map((f) => f.text).join('').length < 140);
  });
});

for (const engine of engines()) {
  describe(`search over the seed (${engine})`, () => {
    let t: TestDb;
    let data: PublicDataset;
    before(async () => {
      t = await seededDb(engine);
      data = await loadPublicDataset(t.db, await findPublicPlan(t.db, SAMPLE_PLAN_SLUG));
    });
    after(() => t.cleanup());

    test('"電子申請" finds 電子申請届出システムの普及及び活用 by name', () => {
      const { hits } = searchDataset(data, '電子申請');
      const hit = hits.find((h) => h.item.name === '電子申請届出システムの普及及び活用');
      assert.ok(hit, hits.map((h) => h.item.name).join(', '));
      assert.deepEqual(
        hit.name.filter((f) => f.match).map((f) => f.text),
        ['電子申請'],
      );
    });

    test('"マイナンバー" finds the items whose narratives mention マイナンバーカード', () => {
      const { hits } = searchDataset(data, 'マイナンバー');
      assert.ok(hits.length >= 1);
      const viaNarrative = hits.filter((h) => h.narratives.length > 0);
      assert.ok(viaNarrative.length >= 1);
      for (const h of viaNarrative) {
        for (const n of h.narratives) {
          assert.ok(n.narrative.body.includes('マイナンバー'));
          assert.ok(n.excerpt.some((f) => f.match && f.text === 'マイナンバー'));
        }
      }
      assert.ok(hits.some((h) => h.narratives.some((n) => n.narrative.body.includes('マイナンバーカード'))));
      // Half-width input finds the same items.
      assert.deepEqual(
        searchDataset(data, 'ﾏｲﾅﾝﾊﾞｰ').hits.map((h) => h.item.code),
        hits.map((h) => h.item.code),
      );
    });

    test('an empty or unmatched query finds nothing', () => {
      assert.equal(searchDataset(data, '   ').hits.length, 0);
      assert.equal(searchDataset(data, '存在しない語句ぴよぴよ').hits.length, 0);
    });
  });
}
