import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineMessages, fill } from './messages.js';

test('a catalog translates with placeholders in both languages', () => {
  const t = defineMessages({ saved: { ja: '{n}件を保存しました。', en: 'Saved {n} items.' } });
  assert.equal(t('ja', 'saved', { n: 3 }), '3件を保存しました。');
  assert.equal(t('en', 'saved', { n: 3 }), 'Saved 3 items.');
});

test('an unknown placeholder stays visible', () => {
  assert.equal(fill('{a} と {b}', { a: 'x' }), 'x と {b}');
});
