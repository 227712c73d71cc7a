import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EnvError, parseEnv } from './env.js';

test('defaults apply when nothing is set, and empty strings count as unset', () => {
  const e = parseEnv({ PORT: '', DATABASE_URL: '' });
  assert.equal(e.PORT, 3000);
  assert.equal(e.DATABASE_URL, undefined);
  assert.equal(e.HYOKA_DATA_DIR, './data');
  assert.equal(e.HYOKA_SECURE_COOKIES, false);
});

test('values are parsed to their types', () => {
  const e = parseEnv({ PORT: '8080', HYOKA_DB_POOL: '4', HYOKA_SECURE_COOKIES: '1', DATABASE_URL: 'postgres://u@h:5432/d' });
  assert.equal(e.PORT, 8080);
  assert.equal(e.HYOKA_DB_POOL, 4);
  assert.equal(e.HYOKA_SECURE_COOKIES, true);
  assert.equal(e.DATABASE_URL, 'postgres://u@h:5432/d');
});

test('a bad value is refused with the variable named, in Japanese', () => {
  assert.throws(() => parseEnv({ PORT: 'eighty' }), (error: unknown) => {
    assert.ok(error instanceof EnvError);
    assert.match(error.message, /環境変数の値が不正です/);
    assert.match(error.message, /PORT="eighty"/);
    return true;
  });
  assert.throws(() => parseEnv({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
  assert.throws(() => parseEnv({ HYOKA_SECURE_COOKIES: 'yes' }), /HYOKA_SECURE_COOKIES/);
});

test('HYOKA_LOG_LEVEL defaults to info, accepts silent, refuses anything else in Japanese', () => {
  assert.equal(parseEnv({}).HYOKA_LOG_LEVEL, 'info');
  assert.equal(parseEnv({ HYOKA_LOG_LEVEL: 'silent' }).HYOKA_LOG_LEVEL, 'silent');
  assert.throws(() => parseEnv({ HYOKA_LOG_LEVEL: 'loud' }), (error: unknown) => error instanceof EnvError && /HYOKA_LOG_LEVEL="loud": .*silent のいずれか/.test(error.message));
});
