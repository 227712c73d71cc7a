import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { formId, formList, formText, parseInput, savedNotice } from './forms.js';

const schema = z.object({
  planId: formId(),
  title: formText(20).pipe(z.string().min(1, 'タイトルを入力してください。')),
  tags: formList(),
  note: formText(5),
});

test('typed values from a form body: ids become numbers, repeated fields lists', () => {
  const r = parseInput(schema, { planId: '12', title: '年度評価', tags: ['a', 'b'], note: '' });
  assert.deepEqual(r, { ok: true, value: { planId: 12, title: '年度評価', tags: ['a', 'b'], note: '' } });
  const single = parseInput(schema, { planId: '1', title: 'x', tags: 'only' });
  assert.ok(single.ok);
  assert.deepEqual(single.value.tags, ['only']);
});

test('field errors: the schema’s own words first, zod’s Japanese otherwise, every typed value kept', () => {
  const r = parseInput(schema, { planId: 'abc', title: '', tags: [], note: '長すぎる入力です' });
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.errors.title, 'タイトルを入力してください。');
  assert.match(r.errors.note!, /[ぁ-んァ-ン一-龯]/, `Japanese message expected, got ${r.errors.note}`);
  assert.ok(r.errors.planId);
  assert.deepEqual(r.values, { planId: 'abc', title: '', tags: [], note: '長すぎる入力です' });
});

test('English readers get English messages', () => {
  const r = parseInput(schema, { planId: '1', title: 'x', note: 'far too long' }, 'en');
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.errors.note!, /[A-Za-z]/);
});

test('fieldErrorOf: a store refusal of one field becomes that field’s message; other errors are not form problems', async () => {
  const { invalidInput, notFound } = await import('../errors.js');
  const { fieldErrorOf } = await import('./forms.js');
  assert.deepEqual(fieldErrorOf(invalidInput('氏名を入力してください。', { field: 'displayName' })), { displayName: '氏名を入力してください。' });
  assert.deepEqual(fieldErrorOf(invalidInput('不明な役割があります。'), 'roles'), { roles: '不明な役割があります。' });
  assert.equal(fieldErrorOf(invalidInput('理由なし')), undefined);
  assert.equal(fieldErrorOf(notFound('利用者が見つかりません。'), 'login'), undefined);
  assert.equal(fieldErrorOf(new Error('boom'), 'login'), undefined);
});

test('savedNotice shows its text only when the query says a save just happened', () => {
  const schema = z.object({ saved: formText().optional() });
  assert.equal(savedNotice(schema, { saved: '1' }, '保存しました。'), '保存しました。');
  assert.equal(savedNotice(schema, {}, '保存しました。'), undefined);
  assert.equal(savedNotice(schema, { saved: '' }, '保存しました。'), undefined);
});
