/**
 * Every field an audit entry records has a word in both languages: the log a division reads
 * never shows a program's name for a field. Checked over what a new store writes (the sample's
 * import, the demo accounts and round, the indicator demo, the lineage demo).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureDemoData } from '../evaluations/demo-data.js';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { ensureIndicatorDemo } from '../indicators/indicator-demo.js';
import { ensureLineageDemo } from '../lineage/lineage-demo.js';
import { seededDb } from '../test-support/seed.js';
import words from './audit-words.json' with { type: 'json' };

const fields: Record<string, { ja?: string; en?: string }> = words.fields;

/** The keys of the records in a value, at any depth (records inside lists too). */
function recordKeys(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) recordKeys(v, into);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      recordKeys(v, into);
    }
  }
  return into;
}

test('every field a new store writes to the audit log has a Japanese and an English word', async (t) => {
  const { db, cleanup } = await seededDb();
  t.after(cleanup);
  await ensureDemoData(db);
  await ensureIndicatorDemo(db);
  await ensureLineageDemo(db, SAMPLE_PLAN_SLUG);
  const rows = (await db.query<{ entity: string; action: string; before: unknown; after: unknown }>('select entity, action, before, after from audit_log'))
    .rows;
  assert.ok(rows.length > 5, 'the demos wrote audit entries');
  const missing = new Set<string>();
  for (const row of rows) {
    for (const key of recordKeys([row.before, row.after], new Set())) {
      if (!fields[key]?.ja || !fields[key]?.en) missing.add(`${row.entity}/${row.action}: ${key}`);
    }
  }
  assert.deepEqual([...missing], []);
});
