import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderToString } from 'preact-render-to-string';
import { RatingGrid, type RatingGridProps } from './rating-grid.js';

/** The grid as HTML; the columns are named 事務事業 and 細目 unless a test names them. */
const render = (props: Omit<RatingGridProps, 'caption' | 'groupColumn' | 'rowColumn'> & Partial<RatingGridProps>) =>
  renderToString(<RatingGrid caption="施策の評価" groupColumn="事務事業" rowColumn="細目" {...props} />);

const groups = [
  {
    header: '電子申請の推進',
    rows: [
      {
        header: '申請の電子化',
        extra: ['情報政策課'],
        ratings: new Map([
          [2021, { code: 'A', marks: [] }],
          [2022, { code: 'B', marks: ['※'] }],
        ]),
      },
      { header: '手数料の電子納付', extra: [''], ratings: new Map([[2022, { code: '-', marks: [] }]]) },
    ],
  },
];

test('groups span their rows; each year cell carries the rating, its marks and a colour class', () => {
  const html = render({ extraColumns: ['担当課'], fiscalYears: [2021, 2022], era: 'wareki', groups });
  assert.match(html, /<caption>施策の評価<\/caption>/);
  assert.match(
    html,
    /<th scope="col">事務事業<\/th><th scope="col">細目<\/th><th scope="col">担当課<\/th><th scope="col" class="num">R3<\/th><th scope="col" class="num">R4<\/th>/,
  );
  assert.match(html, /<th scope="rowgroup" rowspan="2">電子申請の推進<\/th><th scope="row">申請の電子化<\/th><td>情報政策課<\/td>/);
  assert.match(html, /<td class="rating r-A"><span class="r-A">A<\/span><\/td><td class="rating r-B"><span class="r-B">B※<\/span><\/td>/);
  // A year without a rating is an empty cell; a non-letter code is "not applicable".
  assert.match(
    html,
    /<th scope="row">手数料の電子納付<\/th><td><\/td><td class="rating "><span class="r-na"><\/span><\/td><td class="rating r-na"><span class="r-na">-<\/span><\/td>/,
  );
  assert.equal((html.match(/<tbody>/g) ?? []).length, 1);
  assert.equal((html.match(/scope="rowgroup"/g) ?? []).length, 1);
});

test('Gregorian year headers and no extra columns when none are asked for', () => {
  const html = render({
    groupColumn: 'g',
    rowColumn: 'r',
    fiscalYears: [2022],
    era: 'seireki',
    groups: [{ header: 'x', rows: [{ header: 'y', ratings: new Map() }] }],
  });
  assert.match(html, /<th scope="col">g<\/th><th scope="col">r<\/th><th scope="col" class="num">2022<\/th><\/tr>/);
  assert.match(html, /<th scope="row">y<\/th><td class="rating ">/);
});
