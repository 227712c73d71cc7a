import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError, isAppError } from '../errors.js';
import {
  availableEntryActions,
  mayReadEntry,
  mayTakeEntryAction,
  mayTakeRoundAction,
  missingOpinions,
  nextEntryStatus,
  unchangedCopies,
  nextRoundStatus,
  validateEntry,
  ENTRY_STATUSES,
  type Actor,
  type EntryAction,
  type EntryStatus,
} from './workflow.js';

const editor: Actor = { login: 'e', roles: ['department'], departmentIds: [7] };
const division: Actor = { login: 'd', roles: ['division'], departmentIds: [] };
const expert: Actor = { login: 'x', roles: ['expert'], departmentIds: [] };
const viewer: Actor = { login: 'v', roles: ['viewer'], departmentIds: [] };
const admin: Actor = { login: 'a', roles: ['admin'], departmentIds: [] };
const both: Actor = { login: 'b', roles: ['department', 'viewer'], departmentIds: [7, 8] };

describe('entry state machine', () => {
  // The whole table for an open round: rows are statuses, columns actions; null = refused.
  const open: Record<EntryStatus, Record<EntryAction, EntryStatus | null>> = {
    not_started: { save: 'draft', submit: 'submitted', withdraw: null, return: null, accept: null },
    draft: { save: 'draft', submit: 'submitted', withdraw: null, return: null, accept: null },
    submitted: { save: null, submit: null, withdraw: 'draft', return: 'returned', accept: 'accepted' },
    returned: { save: 'returned', submit: 'submitted', withdraw: null, return: null, accept: null },
    accepted: { save: null, submit: null, withdraw: null, return: 'returned', accept: null },
  };
  for (const status of ENTRY_STATUSES) {
    for (const action of ['save', 'submit', 'withdraw', 'return', 'accept'] as const) {
      test(`open round: ${status} + ${action} → ${open[status][action] ?? 'refused'}`, () => {
        const next = nextEntryStatus('open', status, action);
        const want = open[status][action];
        if (want === null) assert.ok(isAppError(next, 'invalid-state'));
        else assert.equal(next, want);
      });
    }
  }

  test('a closed round takes reviews but no entry', () => {
    assert.equal(nextEntryStatus('closed', 'submitted', 'accept'), 'accepted');
    assert.ok(nextEntryStatus('closed', 'draft', 'save') instanceof AppError);
    assert.ok(nextEntryStatus('closed', 'returned', 'submit') instanceof AppError);
    assert.ok(nextEntryStatus('closed', 'submitted', 'withdraw') instanceof AppError, 'after the deadline a submission stands');
  });

  test('a published or preparing round refuses everything, pointing to corrections when published', () => {
    for (const action of ['save', 'submit', 'withdraw', 'return', 'accept'] as const) {
      for (const status of ENTRY_STATUSES) {
        const published = nextEntryStatus('published', status, action);
        assert.ok(published instanceof AppError);
        assert.match(published.message, /訂正/);
        assert.ok(nextEntryStatus('preparing', status, action) instanceof AppError);
      }
    }
  });

  test('only the owning department enters; only the division reviews', () => {
    assert.equal(mayTakeEntryAction(editor, 'save', 7), true);
    assert.equal(mayTakeEntryAction(editor, 'submit', 8), false, 'another department');
    assert.equal(mayTakeEntryAction(editor, 'save', null), false, 'an unassigned item');
    assert.equal(mayTakeEntryAction(both, 'submit', 8), true, 'several departments');
    assert.equal(mayTakeEntryAction(editor, 'withdraw', 7), true, 'the owning department withdraws');
    assert.equal(mayTakeEntryAction(editor, 'withdraw', 8), false, 'never another department’s');
    for (const a of [division, expert, viewer, admin]) assert.equal(mayTakeEntryAction(a, 'save', 7), false);
    assert.equal(mayTakeEntryAction(division, 'accept', 7), true);
    for (const a of [editor, expert, viewer, admin]) assert.equal(mayTakeEntryAction(a, 'return', 7), false);
  });

  test('reading: everyone who reads all items, and the owning department only', () => {
    assert.equal(mayReadEntry(editor, 7), true);
    assert.equal(mayReadEntry(editor, 9), false);
    for (const a of [division, expert, viewer, admin]) assert.equal(mayReadEntry(a, 9), true);
  });

  test('available actions drive the buttons', () => {
    assert.deepEqual(availableEntryActions(editor, 'open', 'draft', 7), ['save', 'submit']);
    assert.deepEqual(availableEntryActions(editor, 'open', 'submitted', 7), ['withdraw'], 'a submission can be taken back');
    assert.deepEqual(availableEntryActions(editor, 'open', 'accepted', 7), []);
    assert.deepEqual(availableEntryActions(division, 'open', 'submitted', 7), ['return', 'accept']);
    assert.deepEqual(availableEntryActions(viewer, 'open', 'submitted', 7), []);
  });
});

describe('round state machine', () => {
  const done = { total: 83, accepted: 83 };
  test('preparing → open ⇄ closed → published', () => {
    assert.equal(nextRoundStatus('preparing', 'open', done), 'open');
    assert.equal(nextRoundStatus('open', 'close', done), 'closed');
    assert.equal(nextRoundStatus('closed', 'open', done), 'open');
    assert.equal(nextRoundStatus('closed', 'publish', done), 'published');
  });
  test('publishing needs a closed round with every entry accepted', () => {
    assert.ok(nextRoundStatus('open', 'publish', done) instanceof AppError);
    const partial = nextRoundStatus('closed', 'publish', { total: 83, accepted: 80 });
    assert.ok(partial instanceof AppError);
    assert.match(partial.message, /未承認の項目が3件/);
    assert.ok(nextRoundStatus('closed', 'publish', { total: 0, accepted: 0 }) instanceof AppError);
  });
  test('nothing leaves published', () => {
    for (const a of ['open', 'close', 'publish'] as const) assert.ok(nextRoundStatus('published', a, done) instanceof AppError);
  });
  test('rounds are managed by admin and division; only the division publishes', () => {
    assert.equal(mayTakeRoundAction(admin, 'open'), true);
    assert.equal(mayTakeRoundAction(admin, 'publish'), false);
    assert.equal(mayTakeRoundAction(division, 'publish'), true);
    for (const a of [editor, expert, viewer]) assert.equal(mayTakeRoundAction(a, 'close'), false);
  });
});

describe('entry validation', () => {
  const codes = ['A', 'B', 'C', '—'];
  const base = { ratingCode: 'A', annotationKindIds: [], reason: '理由', issues: '', direction: '' };
  test('a draft may be incomplete; a submission needs a rating and a reason', () => {
    assert.deepEqual(validateEntry({ ...base, ratingCode: null, reason: '' }, codes, [], 'save'), {});
    const e = validateEntry({ ...base, ratingCode: null, reason: '  ' }, codes, [], 'submit');
    assert.match(e.ratingCode!, /評価を選んで/);
    assert.match(e.reason!, /理由を入力/);
  });
  test('codes come from the scale, annotations from the plan, length is bounded', () => {
    assert.match(validateEntry({ ...base, ratingCode: 'S' }, codes, [], 'save').ratingCode!, /A・B・C・—/);
    assert.ok(validateEntry({ ...base, annotationKindIds: [99] }, codes, [1], 'save').annotationKindIds);
    assert.match(validateEntry({ ...base, issues: 'あ'.repeat(4001) }, codes, [], 'save').issues!, /4000文字以内/);
  });
  test('markup is not an error: it is text', () => {
    assert.deepEqual(validateEntry({ ...base, reason: '<script>alert(1)</script>' }, codes, [], 'submit'), {});
  });
});

test('missing opinions: targets whose opinion is absent or blank', () => {
  const targets = [
    { itemId: null, code: '', name: '計画', role: 'expert' as const },
    { itemId: 1, code: '1', name: '柱1', role: 'expert' as const },
    { itemId: 5, code: '1.1', name: '施策', role: 'division' as const },
  ];
  const written = [
    { itemId: null, authorRole: 'expert', body: '意見' },
    { itemId: 1, authorRole: 'expert', body: '  \n' },
    { itemId: 5, authorRole: 'expert', body: '役割違い' },
  ];
  assert.deepEqual(
    missingOpinions(targets, written).map((m) => m.itemId),
    [1, 5],
  );
});

test('unchanged copies: texts still equal to what was copied, whatever the line endings and outer blanks', () => {
  const prefilled = { reason: '前年の理由。\n二行目', issues: '', direction: null };
  assert.deepEqual(
    unchangedCopies({ reason: '前年の理由。\r\n二行目\n', issues: '', direction: '' }, prefilled),
    ['reason'],
    'an empty copy is nothing to confirm',
  );
  assert.deepEqual(unchangedCopies({ reason: '前年の理由。二行目を直した', issues: '', direction: '' }, prefilled), []);
});
