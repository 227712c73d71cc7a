import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fiscalYearLabel, fiscalYearOfDate, fiscalYearRange, longWareki, parseFiscalYear, requireFiscalYear, shortWareki } from './fiscal-year.js';

test('short 和暦 labels match the report tables', () => {
  assert.equal(shortWareki(2017), 'H29');
  assert.equal(shortWareki(2018), 'H30');
  assert.equal(shortWareki(2019), 'R元');
  assert.equal(shortWareki(2020), 'R2');
  assert.equal(shortWareki(2022), 'R4');
  assert.equal(shortWareki(1989), 'H元');
  assert.equal(shortWareki(1988), 'S63');
});

test('long 和暦 labels', () => {
  assert.equal(longWareki(2022), '令和4年度');
  assert.equal(longWareki(2019), '令和元年度');
  assert.equal(longWareki(2018), '平成30年度');
});

test('era boundary: FY2019 is R元, and H31/R1/R元 all parse to 2019', () => {
  for (const label of ['R元', 'R1', 'r1', 'H31', '平成31年度', '令和元年度', '令和1年度', 'R 元', 'Ｒ１', '2019', '2019年度', 'FY2019']) {
    assert.equal(parseFiscalYear(label), 2019, label);
  }
  assert.equal(parseFiscalYear('H30'), 2018);
  assert.equal(parseFiscalYear('R2'), 2020);
});

test('labels round-trip for every fiscal year of a long range', () => {
  for (const fy of fiscalYearRange(1950, 2100)) {
    assert.equal(parseFiscalYear(shortWareki(fy)), fy);
    assert.equal(parseFiscalYear(longWareki(fy)), fy);
    assert.equal(parseFiscalYear(fiscalYearLabel(fy, 'seireki', 'long')), fy);
  }
});

test('years that never existed or are not labels are rejected', () => {
  assert.equal(parseFiscalYear('H32'), undefined);
  assert.equal(parseFiscalYear('R0'), undefined);
  assert.equal(parseFiscalYear('X4'), undefined);
  assert.equal(parseFiscalYear(''), undefined);
  assert.equal(parseFiscalYear('A'), undefined);
  assert.equal(parseFiscalYear('12345'), undefined);
  assert.throws(() => requireFiscalYear('令和'), /年度として読めません/);
  assert.throws(() => shortWareki(1800), /範囲外/);
});

test('user choice between 和暦 and 西暦', () => {
  assert.equal(fiscalYearLabel(2022), 'R4');
  assert.equal(fiscalYearLabel(2022, 'wareki', 'long'), '令和4年度');
  assert.equal(fiscalYearLabel(2022, 'seireki'), '2022');
  assert.equal(fiscalYearLabel(2022, 'seireki', 'long'), '2022年度');
});

test('the fiscal year of a date starts in April', () => {
  assert.equal(fiscalYearOfDate(new Date(2023, 2, 31)), 2022);
  assert.equal(fiscalYearOfDate(new Date(2023, 3, 1)), 2023);
});
