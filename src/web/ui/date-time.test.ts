import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, formatDateTime, isoJapan, japanDate } from './date-time.js';

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

test('a time of change follows the reader’s year style, in Japan time', () => {
  assert.equal(formatDateTime('2026-12-09T15:30:00Z', { lang: 'ja', era: 'wareki' }), '令和8年12月10日 00:30');
  assert.equal(formatDateTime('2026-12-09T15:30:00Z', { lang: 'ja', era: 'seireki' }), '2026年12月10日 00:30');
  assert.equal(formatDateTime('2026-12-09T05:07:00Z', { lang: 'en', era: 'seireki' }), 'December 9, 2026 14:07');
  assert.equal(formatDateTime(null, { lang: 'ja', era: 'wareki' }), '');
});

test('CSV instants carry Japan time and its offset', () => {
  assert.equal(isoJapan(new Date('2026-12-09T15:30:05Z')), '2026-12-10T00:30:05+09:00');
  assert.equal(japanDate(new Date('2026-12-09T15:30:05Z')), '2026-12-10');
});
