import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInput } from '../web/forms.js';
import { boardQuery, correctionForm, entryForm, itemParams, newRoundForm, opinionForm, reviewForm, transitionForm } from './workflow-schema.js';

test('a new round: typed values, the fiscal year read in any notation, an empty deadline as none', () => {
  const r = parseInput(newRoundForm, { planId: '3', fiscalYear: 'R5', kind: 'midterm', deadline: '' });
  assert.deepEqual(r, { ok: true, value: { planId: 3, fiscalYear: 2023, kind: 'midterm', deadline: null } });
});

test('a new round with every field wrong: one Japanese message per field, and every typed value kept', () => {
  const body = { planId: '', fiscalYear: 'いつか', kind: 'weekly', deadline: '6/30' };
  const r = parseInput(newRoundForm, body);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.deepEqual(r.errors, {
    planId: '計画を選んでください。',
    fiscalYear: '年度として読めません（例: 2023、R5、令和5年度）。',
    kind: '種別を選んでください。',
    deadline: '日付を YYYY-MM-DD の形で入力してください。',
  });
  assert.deepEqual(r.values, body);
});

test('a status change names one of the three actions', () => {
  assert.deepEqual(parseInput(transitionForm, { action: 'publish' }), { ok: true, value: { action: 'publish', confirmed: false, reason: '' } });
  assert.deepEqual(parseInput(transitionForm, { action: 'publish', confirmed: '1', reason: '理由' }), {
    ok: true,
    value: { action: 'publish', confirmed: true, reason: '理由' },
  });
  const r = parseInput(transitionForm, { action: 'explode' });
  assert.equal(r.ok ? '' : r.errors.action, '操作が正しくありません。');
});

test('an entry form is read as typed; the store judges its content', () => {
  const r = parseInput(entryForm, { action: 'submit', ratingCode: '', annotationKindIds: ['2', 'x', '0', '5'], reason: 'a'.repeat(5000), version: '4' });
  assert.ok(r.ok);
  assert.deepEqual(
    { ...r.value, reason: r.value.reason.length },
    { action: 'submit', ratingCode: null, annotationKindIds: [2, 5], reason: 5000, issues: '', direction: '', version: 4, copyConfirmed: false },
  );
  const confirmed = parseInput(entryForm, { copyConfirmed: '1' });
  assert.equal(confirmed.ok && confirmed.value.copyConfirmed, true);
  const single = parseInput(entryForm, { annotationKindIds: '3', action: 'anything' });
  assert.ok(single.ok);
  assert.deepEqual([single.value.action, single.value.annotationKindIds, Number.isNaN(single.value.version)], ['save', [3], false]);
  const garbled = parseInput(correctionForm, { version: 'abc' });
  assert.ok(garbled.ok && Number.isNaN(garbled.value.version), 'a garbled version never matches: a conflict, not a crash');
});

test('a review is an acceptance only when it says so', () => {
  const r = parseInput(reviewForm, { action: 'accept', comment: 'よい', version: '2' });
  assert.deepEqual(r, { ok: true, value: { action: 'accept', comment: 'よい', version: 2, ask: false } });
  const other = parseInput(reviewForm, { action: 'whatever' });
  assert.equal(other.ok && other.value.action, 'return');
  const asking = parseInput(reviewForm, { action: 'return', ask: '1' });
  assert.deepEqual(asking.ok && [asking.value.action, asking.value.ask], ['return', true]);
  const back = parseInput(reviewForm, { action: 'edit' });
  assert.equal(back.ok && back.value.action, 'edit');
});

test('an opinion is about the whole plan or an item; anything else is refused', () => {
  assert.deepEqual(parseInput(opinionForm, { target: 'plan', body: 'x', version: '0' }), { ok: true, value: { target: null, body: 'x', version: 0 } });
  assert.deepEqual(parseInput(opinionForm, { target: '17', body: '', version: '1' }), { ok: true, value: { target: 17, body: '', version: 1 } });
  assert.equal(parseInput(opinionForm, { target: '../17' }).ok, false);
});

test('board filters that are not ids or statuses count as not given', () => {
  const filters = (query: object) => {
    const r = parseInput(boardQuery, query);
    assert.ok(r.ok);
    return [r.value.department, r.value.measure, r.value.status];
  };
  assert.deepEqual(filters({ department: '4', measure: 'abc', status: 'submitted' }), [4, undefined, 'submitted']);
  assert.deepEqual(filters({ status: 'lost' }), [undefined, undefined, undefined]);
});

test('route parameters are positive ids', () => {
  assert.deepEqual(parseInput(itemParams, { roundId: '1', itemId: '20' }), { ok: true, value: { roundId: 1, itemId: 20 } });
  for (const itemId of ['0', 'x', '01', '1234567890']) assert.equal(parseInput(itemParams, { roundId: '1', itemId }).ok, false, itemId);
});
