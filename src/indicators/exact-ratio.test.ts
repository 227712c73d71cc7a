import { test } from 'node:test';
import assert from 'node:assert/strict';
import { add, cmp, div, exact, HUNDRED, mul, sub, toDecimalText, toFixedText } from './exact-ratio.js';

test('decimal text in, exact fractions out', () => {
  assert.equal(toDecimalText(add(exact('0.1'), exact('0.2'))), '0.3');
  assert.equal(cmp(add(exact('0.1'), exact('0.2')), exact('0.3')), 0);
  assert.equal(toDecimalText(exact('1e-7')), '0.0000001');
  assert.equal(toDecimalText(exact('-12.50')), '-12.5');
  assert.equal(toDecimalText(exact('12345678901234567890.123456789'), 12), '12345678901234567890.123456789');
  assert.equal(toDecimalText(mul(div(exact('100'), exact('120')), HUNDRED), 6), '83.333333');
  assert.equal(toFixedText(exact('2.345'), 2), '2.35');
  assert.equal(toFixedText(exact('-2.345'), 2), '-2.35');
  assert.equal(toFixedText(exact('-0.001'), 1), '0.0');
  assert.equal(toFixedText(exact('7'), 0), '7');
  assert.equal(cmp(div(exact('1'), exact('-3')), sub(exact('0'), div(exact('1'), exact('3')))), 0);
  assert.throws(() => exact('八十'), RangeError);
  assert.throws(() => exact('.'), RangeError);
  assert.throws(() => div(exact('1'), exact('0')), RangeError);
});
