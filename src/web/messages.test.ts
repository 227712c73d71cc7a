import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
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

/** The application's own source files (tests and test helpers left out): path → text. */
function sourceFiles(dir: string, found = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test-support') sourceFiles(path, found);
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      found.set(path, readFileSync(path, 'utf8'));
    }
  }
  return found;
}

/** Whether a source file imports the given module (a path without extension). */
function importsModule(file: string, text: string, module: string): boolean {
  for (const [, spec] of text.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) {
    if (join(dirname(file), spec!) === module) return true;
  }
  return false;
}

test('every key of every catalog is used by a file that translates with it', () => {
  const src = fileURLToPath(new URL('../../../src/', import.meta.url));
  const files = sourceFiles(src);
  const catalogs = readdirSync(src)
    .map((dir) => ({ file: join(src, dir, dir === 'web' ? 'i18n.json' : 'messages.json'), module: join(src, dir, dir === 'web' ? 'i18n' : 'messages') }))
    .filter(({ file }) => existsSync(file));
  assert.ok(catalogs.length > 1, 'the source tree has catalogs');
  const unused: string[] = [];
  for (const { file, module } of catalogs) {
    const users = [...files].filter(([path, text]) => importsModule(path, text, module)).map(([, text]) => text);
    assert.ok(users.length > 0, `${file} is imported`);
    // A key is written whole in quotes, or picked by a template whose fixed start it begins with (`kind_${k}`).
    const prefixes = users.flatMap((text) => [...text.matchAll(/`(\w+)\$\{/g)].map((m) => m[1]!));
    for (const key of Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object)) {
      const written = users.some((text) => text.includes(`'${key}'`) || text.includes(`"${key}"`) || text.includes(`\`${key}\``));
      if (!written && !prefixes.some((p) => key.startsWith(p))) unused.push(`${relative(src, file)}: ${key}`);
    }
  }
  assert.deepEqual(unused, []);
});
