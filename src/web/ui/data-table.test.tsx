import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderToString } from 'preact-render-to-string';
import { DataTable } from './data-table.js';

const rows = [
  { name: '防災対策課', count: 12 },
  { name: '<script>', count: 3 },
];

test('caption, column headers, row headers and numeric cells; text is escaped', () => {
  const html = renderToString(
    <DataTable
      caption="担当課別"
      rows={rows}
      columns={[
        { header: '担当課', rowHeader: true, cell: (r) => r.name },
        { header: '件数', numeric: true, cell: (r) => r.count },
      ]}
    />,
  );
  assert.match(html, /<caption>担当課別<\/caption>/);
  assert.match(html, /<th scope="col">担当課<\/th><th scope="col" class="num">件数<\/th>/);
  assert.match(html, /<th scope="row">防災対策課<\/th><td class="num">12<\/td>/);
  assert.ok(html.includes('&lt;script>'));
  assert.ok(!html.includes('<script>'));
});

test('no rows: the empty sentence instead of an empty table', () => {
  const html = renderToString(<DataTable caption="x" rows={[]} columns={[{ header: 'a', cell: () => '' }]} empty="まだありません。" />);
  assert.equal(html, '<p class="empty">まだありません。</p>');
});

test('a row-dependent class goes on the body cell only', () => {
  const html = renderToString(
    <DataTable
      caption="評価"
      rows={[{ code: 'A' }, { code: 'B' }]}
      columns={[{ header: '評価', cellClass: (r) => `rating r-${r.code}`, cell: (r) => r.code }]}
    />,
  );
  assert.match(html, /<th scope="col">評価<\/th>/);
  assert.match(html, /<td class="rating r-A">A<\/td>/);
  assert.match(html, /<td class="rating r-B">B<\/td>/);
});
