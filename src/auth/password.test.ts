import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateInitialPassword, hashPassword, MIN_PASSWORD_LENGTH, passwordProblem, setPasswordHashCost, verifyPassword } from './password.js';
import { DEMO_ACCOUNTS } from '../evaluations/demo-data.js';

test('the password policy refuses short, common, patterned and login-based passwords, in Japanese', async () => {
  const refused: [string, RegExp][] = [
    ['password12', /12文字以上/],
    ['aaaaaaaaaaaa', /繰り返し/],
    ['abcabcabcabc', /繰り返し/],
    ['abcdefghijkl', /並び/],
    ['123456789012', /並び/],
    ['987654321098', /並び/],
    ['password1234', /よく使われて/],
    ['leavemealone', /よく使われて/],
    ['LeaveMeAlone', /よく使われて/],
  ];
  for (const [password, message] of refused) assert.match((await passwordProblem(password)) ?? 'accepted', message, password);
  assert.match((await passwordProblem('tanaka-ichiro', 'tanaka-ichiro')) ?? 'accepted', /ログインID/);
  assert.match((await passwordProblem('my tanaka secret', 'tanaka')) ?? 'accepted', /ログインID/);
  assert.equal(await passwordProblem('correct horse battery staple', 'tanaka'), undefined);
  assert.equal(MIN_PASSWORD_LENGTH, 12);
});

test('generated one-time passwords and the demo passwords satisfy the policy', async () => {
  for (let i = 0; i < 50; i++) {
    const password = await generateInitialPassword('ab');
    assert.equal(password.length, 16);
    assert.equal(await passwordProblem(password, 'ab'), undefined, password);
  }
  for (const a of DEMO_ACCOUNTS) assert.equal(await passwordProblem(a.password, a.login), undefined, a.login);
});

test('new hashes use scrypt at N=2^15, r=8 and verify; a hash of a lower cost still verifies', async (t) => {
  const before = setPasswordHashCost();
  t.after(() => setPasswordHashCost(before));
  const hash = await hashPassword('correct horse battery staple');
  assert.match(hash, /^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  assert.equal(await verifyPassword('correct horse battery staple', hash), true);
  assert.equal(await verifyPassword('correct horse battery stapler', hash), false);
  setPasswordHashCost({ N: 2 ** 10, r: 8, p: 1 });
  const cheap = await hashPassword('correct horse battery staple');
  assert.match(cheap, /^scrypt\$1024\$8\$1\$/);
  assert.equal(await verifyPassword('correct horse battery staple', cheap), true);
});
