import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderToString } from 'preact-render-to-string';
const render = renderToString;
import { parseHTML } from 'linkedom';
import type { PublicDataset, PublicItem, PublicNarrative } from '../public-data.js';
import { ItemTimeline } from './item-timeline.js';

const prefs = { lang: 'ja', era: 'wareki' } as const;

const item = {
  code: '1.2.2.1',
  name: '災害情報の管理システムの導入検討',
  tierName: '事務事業細目',
  ratings: [{ fiscalYear: 2023, code: 'B', marks: [], reason: '県の防災システムとの連携方法を検討した。' }],
} as unknown as PublicItem;
const measure = { code: '1.2', name: '安全・安心なまちづくり', tierName: '施策' } as unknown as PublicItem;
const data = {
  itemsByCode: new Map([
    [item.code, item],
    [measure.code, measure],
  ]),
  roleNames: { department: null, division: '情報政策課', expert: null },
} as unknown as PublicDataset;

const narrative = (n: Partial<PublicNarrative>): PublicNarrative => ({
  id: 1,
  fiscalYear: 2023,
  authorRole: 'department',
  kind: 'progress',
  itemCode: item.code,
  mentionCodes: [],
  position: 1,
  body: '',
  ...n,
});

test('each text of a year once, under its own heading', () => {
  const narratives = [
    narrative({ id: 5, authorRole: 'expert', kind: 'progress', itemCode: null, body: '停滞している事業の目標を見直すこと。' }),
    narrative({ id: 4, authorRole: 'division', kind: 'progress', itemCode: measure.code, body: '連携方針の確定が課題。' }),
    narrative({ id: 3, kind: 'direction', body: '令和6年度に連携方式を決定する。' }),
    narrative({ id: 2, kind: 'issues', body: '連携仕様の確定。' }),
    // The rating's reason, published as the department's progress paragraph too.
    narrative({ id: 1, kind: 'progress', body: '県の防災システムとの連携方法を検討した。' }),
  ];
  const { document } = parseHTML(`<main>${render(<ItemTimeline data={data} item={item} narratives={narratives} prefs={prefs} />)}</main>`);
  assert.equal(document.querySelector('h3')!.textContent, '令和5年度 — 評価 B');
  const sections = [...document.querySelectorAll('section.narrative')].map((s) => [
    s.querySelector('h4')!.textContent,
    s.querySelector('.who')?.textContent ?? '',
    s.lastElementChild!.textContent,
  ]);
  assert.deepEqual(sections, [
    ['進捗状況（担当課）', '', '県の防災システムとの連携方法を検討した。'],
    ['課題（担当課）', '', '連携仕様の確定。'],
    ['今後の方向性（担当課）', '', '令和6年度に連携方式を決定する。'],
    ['情報政策課の意見', '施策：安全・安心なまちづくり', '連携方針の確定が課題。'],
    ['学識経験者の意見', '計画全体', '停滞している事業の目標を見直すこと。'],
  ]);
});

test('the reviewing division is named by the plan’s published report, or by its role when the report names none', () => {
  const narratives = [narrative({ authorRole: 'division', itemCode: measure.code, body: '意見。' })];
  const named = renderToString(<ItemTimeline data={data} item={item} narratives={narratives} prefs={prefs} />);
  assert.match(named, /<h4>情報政策課の意見<\/h4>/);
  const unnamed = renderToString(
    <ItemTimeline
      data={{ ...data, roleNames: { department: null, division: null, expert: null } } as PublicDataset}
      item={item}
      narratives={narratives}
      prefs={prefs}
    />,
  );
  assert.match(unnamed, /<h4>評価担当課の意見<\/h4>/);
});
