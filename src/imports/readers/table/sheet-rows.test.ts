import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { readXlsxRows } from './sheet-rows.js';

test('number cells read as the digits Excel shows: no float artefacts, no exponent', async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('値');
  sheet.addRow(['式', '小さい', '大きい', '整数', '負']);
  sheet.addRow([{ formula: 'A3+B3', result: 0.1 + 0.2 }, 1e-7, 1e21, 1234567, -0.5]);
  const { rows } = await readXlsxRows(new Uint8Array(await workbook.xlsx.writeBuffer()), 'v.xlsx');
  assert.deepEqual(rows[1]!.cells, ['0.3', '0.0000001', '1000000000000000000000', '1234567', '-0.5']);
});
