/**
 * The guess that starts the embedded store's thread early: only for commands that open
 * the store at once, never for help, a dry run or PostgreSQL.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandWord, opensEmbeddedStore, ranBriefly } from './store-prewarm.js';

test('the command word skips options and the value of --data-dir', () => {
  assert.equal(commandWord(['--data-dir', 'report', 'import', 'x.txt']), 'import');
  assert.equal(commandWord(['--data-dir=./d', 'report', '--year', '2022']), 'report');
  assert.equal(commandWord(['--help']), undefined);
});

test('only commands that open the embedded store start its thread early', () => {
  assert.equal(opensEmbeddedStore(['import', 'sample.txt'], undefined), true);
  assert.equal(opensEmbeddedStore(['--data-dir', 'd', 'report', '--year', '2022'], undefined), true);
  assert.equal(opensEmbeddedStore(['serve'], undefined), true);
  assert.equal(opensEmbeddedStore(['report', '--year', '2022'], 'postgres://x/y'), false);
  assert.equal(opensEmbeddedStore(['import', '--dry-run', 'sample.txt'], undefined), false);
  assert.equal(opensEmbeddedStore(['report', '--help'], undefined), false);
  assert.equal(opensEmbeddedStore(['users', 'list'], undefined), false);
  assert.equal(opensEmbeddedStore([], undefined), false);
});

test('only a report or a summary keeps PostgreSQL to baseline code', () => {
  assert.equal(ranBriefly(['--data-dir', 'd', 'report', '--year', '2022']), true);
  assert.equal(ranBriefly(['summary', '--json']), true);
  for (const argv of [['serve'], ['start'], ['import', 'sample.txt'], ['migrate'], ['export'], []]) assert.equal(ranBriefly(argv), false, argv.join(' '));
});
