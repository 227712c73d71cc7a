/**
 * Encodings and noise as files arrive from other municipalities: the same CSV saved as
 * UTF-8 with and without a BOM, Shift_JIS (CP932, with its own characters), UTF-16 with
 * a BOM either way round, read without being told; full-width codes normalised; one
 * code spelled two ways; a wrong rating or direction named by its row and column.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvText, encodeShiftJis, kpiPlan, mapping } from '../test-support/table-fixtures.js';
import { decodeText } from './decode.js';
import { countImportedPlan, ImportSourceError, type ImportedPlan } from './imported-plan.js';
import { readImportFile } from './readers/index.js';

function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const [lo, hi] = [text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8];
    out.set(order === 'le' ? [lo, hi] : [hi, lo], 2 + i * 2);
  }
  return out;
}

/** CP932's own characters (NEC special and IBM extension rows, the wave dash as Windows saves it). */
const CP932_TEXT = '①髙﨑～㈱';

function encodings(text: string): [string, Uint8Array, string][] {
  const utf8 = new TextEncoder().encode(text);
  return [
    ['UTF-8 without BOM', utf8, 'utf-8'],
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]), 'utf-8'],
    ['Shift_JIS (CP932)', encodeShiftJis(text), 'shift_jis'],
    ['UTF-16LE with BOM', utf16(text, 'le'), 'utf-16le'],
    ['UTF-16BE with BOM', utf16(text, 'be'), 'utf-16be'],
  ];
}

test('each encoding is detected without being told, and CRLF becomes LF', () => {
  const text = `コード,名前\r\n１,${CP932_TEXT}\r\n`;
  for (const [what, bytes, expected] of encodings(text)) {
    const decoded = decodeText(bytes, 'x.csv');
    assert.equal(decoded.encoding, expected, what);
    assert.equal(decoded.text, text.replace(/\r\n/g, '\n'), what);
  }
});

test('the same CSV in every encoding reads into the same plan', async () => {
  const f = kpiPlan();
  f.rows[1]![5] = `産業振興課${CP932_TEXT}`;
  const plans: ImportedPlan[] = [];
  for (const [what, bytes] of encodings(csvText(f.rows))) {
    const { plan } = await readImportFile(bytes, 'kpi.csv', { mapping: mapping(f.mapping) });
    assert.deepEqual(countImportedPlan(plan).nodesPerTier, f.expected.nodesPerTier, what);
    assert.ok(plan.departments.includes(`産業振興課${CP932_TEXT}`), what);
    plans.push(plan);
  }
  const comparable = (p: ImportedPlan) => JSON.stringify({ ...p, file: undefined });
  for (const p of plans.slice(1)) assert.equal(comparable(p), comparable(plans[0]!));
});

test('full-width codes are normalised; one code with two names is one node with a warning listing both spellings', async () => {
  const f = kpiPlan();
  // The same measure, its code once full-width and once half-width, its name spelled two ways.
  f.rows[3]![2] = '1-2';
  f.rows[3]![3] = '雇用の創出（就労）';
  f.rows[4]![2] = '１－２';
  f.rows[4]![3] = '雇用の創出';
  const { plan } = await readImportFile(encodeShiftJis(csvText(f.rows)), 'kpi.csv', { mapping: mapping(f.mapping) });
  assert.deepEqual(countImportedPlan(plan).nodesPerTier, f.expected.nodesPerTier);
  assert.deepEqual(
    plan.nodes.map((n) => [n.code, n.children.map((c) => c.code)]),
    [
      ['1', ['1-1', '1-2']],
      ['2', ['2-1', '2-2']],
    ],
  );
  assert.equal(plan.warnings.length, 1);
  assert.equal(
    plan.warnings[0]!.message,
    'コード「1-2」の名前が2通りあります（「雇用の創出（就労）」、「雇用の創出」）。1つの項目「雇用の創出（就労）」として取り込みます',
  );
  assert.deepEqual(plan.warnings[0]!.place, { file: 'kpi.csv', row: 4, column: 'D' });
});

test('an unknown rating value and an invalid direction are errors with their row and column; nothing is read', async () => {
  const f = kpiPlan();
  f.rows[5]![6] = 'S';
  const withDirection = {
    ...f.mapping,
    direction: {
      column: 'I' as const,
      fiscalYear: 'R4',
      values: [
        { code: '1', label: '拡充' },
        { code: '2', label: '継続' },
      ],
    },
    narratives: [],
  };
  for (const row of f.rows.slice(1)) row[8] = '';
  f.rows[1]![8] = '２ 継続';
  f.rows[5]![8] = '９ 休止';
  const error = await readImportFile(encodeShiftJis(csvText(f.rows)), 'kpi.csv', { mapping: mapping(withDirection) }).then(
    () => assert.fail('expected the file to be refused'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ImportSourceError);
  assert.deepEqual(
    error.problems.map((p) => [p.place?.row, p.place?.column, p.message]),
    [
      [6, 'G', '評価「S」は評価基準にありません（◎, ○, △, ×, —）'],
      [6, 'I', '今後の方向性「9 休止」は選択肢にありません（1 拡充, 2 継続）'],
    ],
  );
});
