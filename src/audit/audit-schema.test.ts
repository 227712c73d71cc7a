import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInput } from '../web/forms.js';
import { auditQuerySchema } from './audit-schema.js';

test('audit filters: positive ids filter, anything else is ignored, and what was typed is kept', () => {
  const r = parseInput(auditQuerySchema, { item: ' 12 ', actor: ' demo-admin ', round: 'x', before: '0' });
  assert.deepEqual(r, { ok: true, value: { filter: { itemId: 12, actor: 'demo-admin' }, query: { item: '12', actor: 'demo-admin', round: 'x', before: '0' } } });
});

test('no filters at all', () => {
  assert.deepEqual(parseInput(auditQuerySchema, {}), { ok: true, value: { filter: {}, query: { item: '', actor: '', round: '', before: '' } } });
});
