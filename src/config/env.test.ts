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
  assert.throws(
    () => parseEnv({ PORT: 'eighty' }),
    (error: unknown) => {
      assert.ok(error instanceof EnvError);
      assert.match(error.message, /環境変数の値が不正です/);
      assert.match(error.message, /PORT="eighty"/);
      return true;
    },
  );
  assert.throws(() => parseEnv({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
  assert.throws(() => parseEnv({ HYOKA_SECURE_COOKIES: 'yes' }), /HYOKA_SECURE_COOKIES/);
});

test('HYOKA_TRUST_PROXY: unset trusts no proxy; addresses and CIDRs are accepted; anything else is refused', () => {
  assert.equal(parseEnv({}).HYOKA_TRUST_PROXY, undefined);
  assert.equal(parseEnv({ HYOKA_TRUST_PROXY: '127.0.0.1' }).HYOKA_TRUST_PROXY, '127.0.0.1');
  assert.equal(parseEnv({ HYOKA_TRUST_PROXY: ' 10.0.0.0/8, ::1 ,192.168.1.1/32' }).HYOKA_TRUST_PROXY, '10.0.0.0/8,::1,192.168.1.1/32');
  for (const bad of ['true', '1', 'proxy.example.jp', '10.0.0.0/33', '300.1.1.1', '127.0.0.1,']) {
    assert.throws(() => parseEnv({ HYOKA_TRUST_PROXY: bad }), /HYOKA_TRUST_PROXY=.*リバースプロキシ/, bad);
  }
});

test('HYOKA_FRAME_ANCESTORS: space-separated origins, none by default, paths refused', () => {
  assert.deepEqual(parseEnv({}).HYOKA_FRAME_ANCESTORS, []);
  assert.deepEqual(parseEnv({ HYOKA_FRAME_ANCESTORS: ' https://www.city.example.jp  https://*.example.org:8443 ' }).HYOKA_FRAME_ANCESTORS, [
    'https://www.city.example.jp',
    'https://*.example.org:8443',
  ]);
  assert.throws(() => parseEnv({ HYOKA_FRAME_ANCESTORS: 'https://www.city.example.jp/portal' }), /HYOKA_FRAME_ANCESTORS.*オリジン/s);
  assert.throws(() => parseEnv({ HYOKA_FRAME_ANCESTORS: "'self'; script-src *" }), /HYOKA_FRAME_ANCESTORS/);
});

test('HYOKA_LOG_LEVEL defaults to info, accepts silent, refuses anything else in Japanese', () => {
  assert.equal(parseEnv({}).HYOKA_LOG_LEVEL, 'info');
  assert.equal(parseEnv({ HYOKA_LOG_LEVEL: 'silent' }).HYOKA_LOG_LEVEL, 'silent');
  assert.throws(
    () => parseEnv({ HYOKA_LOG_LEVEL: 'loud' }),
    (error: unknown) => error instanceof EnvError && /HYOKA_LOG_LEVEL="loud": .*silent のいずれか/.test(error.message),
  );
});
