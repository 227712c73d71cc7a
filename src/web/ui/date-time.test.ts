import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, formatDateTime } from './date-time.js';

test('a deadline follows the reader’s year style', () => {
  assert.equal(formatDate('2026-12-10', { lang: 'ja', era: 'wareki' }), '令和8年12月10日');
  assert.equal(formatDate('2026-12-10', { lang: 'ja', era: 'seireki' }), '2026年12月10日');
  assert.equal(formatDate('2019-05-01', { lang: 'ja', era: 'wareki' }), '令和元年5月1日');
  assert.equal(formatDate('2019-04-30', { lang: 'ja', era: 'wareki' }), '平成31年4月30日', 'the era changes on the day, not the fiscal year');
  assert.equal(formatDate('2026-12-10', { lang: 'en', era: 'wareki' }), 'December 10, 2026');
  assert.equal(formatDate('not a date', { lang: 'ja', era: 'wareki' }), 'not a date');
});

test('times are Japan time', () => {
  assert.match(formatDateTime('2026-12-09T15:30:00Z'), /2026\/12\/10 00:30/);
});
