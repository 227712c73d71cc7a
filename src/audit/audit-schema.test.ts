import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInput } from '../web/forms.js';
import { auditQuerySchema, calendarDay } from './audit-schema.js';

const empty = { item: '', code: '', actor: '', department: '', action: '', from: '', to: '', round: '', before: '' };

test('audit filters: positive ids filter, anything else is ignored, and what was typed is kept', () => {
  const r = parseInput(auditQuerySchema, {
    item: ' 12 ',
    actor: ' demo-admin ',
    round: 'x',
    before: '0',
    code: '１．２．２．１',
    department: '3',
    action: 'submit',
  });
  assert.deepEqual(r, {
    ok: true,
    value: {
      filter: { itemId: 12, actor: 'demo-admin', departmentId: 3, itemCode: '1.2.2.1', action: 'submit' },
      query: { ...empty, item: '12', actor: 'demo-admin', round: 'x', before: '0', code: '１．２．２．１', department: '3', action: 'submit' },
      badDates: [],
    },
  });
});

test('days: typed in either form, impossible days are named', () => {
  assert.equal(calendarDay('2026/4/1'), '2026-04-01');
  assert.equal(calendarDay('2026-02-30'), undefined);
  const r = parseInput(auditQuerySchema, { from: '2026/4/1', to: 'きのう' });
  assert.ok(r.ok);
  assert.deepEqual(r.value.filter, { fromDate: '2026-04-01' });
  assert.deepEqual(r.value.badDates, ['to']);
});

test('no filters at all', () => {
  assert.deepEqual(parseInput(auditQuerySchema, {}), { ok: true, value: { filter: {}, query: empty, badDates: [] } });
});
