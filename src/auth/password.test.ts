import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateInitialPassword, MIN_PASSWORD_LENGTH, passwordProblem } from './password.js';
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
