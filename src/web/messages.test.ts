import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineMessages, fill } from './messages.js';

test('a catalog translates with placeholders in both languages', () => {
  const t = defineMessages({ saved: { ja: '{n}件を保存しました。', en: 'Saved {n} items.' } });
  assert.equal(t('ja', 'saved', { n: 3 }), '3件を保存しました。');
  assert.equal(t('en', 'saved', { n: 3 }), 'Saved 3 items.');
});

test('an unknown placeholder stays visible', () => {
  assert.equal(fill('{a} と {b}', { a: 'x' }), 'x と {b}');
});

test('every catalog file beside a messages module holds a Japanese and an English text for each key, and nothing else', async () => {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const catalogs = readdirSync(root)
    .map((dir) => join(root, dir, dir === 'web' ? 'i18n.json' : 'messages.json'))
    .filter((file) => existsSync(file.replace(/(messages|i18n)\.json$/, '$1.js')));
  assert.ok(catalogs.length > 1, 'the compiled tree has the catalogs beside their modules');
  for (const file of catalogs) {
    assert.ok(existsSync(file), `${file} is copied beside its module`);
    const catalog: unknown = JSON.parse(readFileSync(file, 'utf8'));
    assert.ok(catalog && typeof catalog === 'object', file);
    for (const [key, entry] of Object.entries(catalog)) {
      assert.deepEqual(Object.keys(entry as object), ['ja', 'en'], `${file}: ${key} has ja then en`);
      for (const text of Object.values(entry as object)) assert.ok(typeof text === 'string' && text.trim() !== '', `${file}: ${key} is not empty`);
    }
  }
});
