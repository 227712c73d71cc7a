import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decimalText } from './decimal-text.js';

test('numbers as written: separators only in groups of three, spaces only around, every dash and △▲ a minus', () => {
  const cases: [string, string | null | undefined][] = [
    ['１，２３４．５', '1234.5'],
    ['1,234,567', '1234567'],
    ['  1234.50\u3000', '1234.50'],
    ['', null],
    ['\u3000', null],
    ['+12', '12'],
    ['－12', '-12'],
    ['\u201312', '-12'],
    ['\u221212.5', '-12.5'],
    ['△100', '-100'],
    ['▲1,000', '-1000'],
    ['1,5', undefined],
    ['12,34', undefined],
    ['1,2345', undefined],
    [',123', undefined],
    ['100 200', undefined],
    ['1 000', undefined],
    ['- 5', undefined],
    ['--5', undefined],
    ['12.0.1', undefined],
  ];
  for (const [cell, expected] of cases) assert.equal(decimalText(cell), expected, cell);
});
