import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors.js';
import type { PublicDataset } from '../portal/public-data.js';
import { ITEMS_PARAMETERS, itemsQuery, ratingsQuery, searchQuery } from './api-schema.js';
import { encodeCursor } from './pagination.js';
import { parseQuery, readQuery } from './query-params.js';

// The schemas read only the item codes and the scales of a dataset.
const data = { itemsByCode: new Map([['2.1', {}]]), scale: [{ code: 'A' }, { code: 'B' }], tierSummaries: [] } as unknown as PublicDataset;

function failure(run: () => unknown): { status: number; parameter: unknown; message: string } {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof AppError);
    return { status: error.status, parameter: error.details.parameter, message: error.message };
  }
  assert.fail('expected an AppError');
}

test('names: the first unknown, repeated or non-string parameter, in the order given', () => {
  assert.deepEqual(
    failure(() => readQuery({ limit: ['1', '2'], unknown: '1' }, ITEMS_PARAMETERS)),
    {
      status: 400,
      parameter: 'limit',
      message: 'パラメータ limit が複数回指定されています。',
    },
  );
  assert.deepEqual(
    failure(() => readQuery({ unknown: '1', limit: ['1', '2'] }, ITEMS_PARAMETERS)),
    {
      status: 400,
      parameter: 'unknown',
      message: '不明なパラメータです: unknown（使えるもの: level, department, under, limit, cursor）',
    },
  );
  assert.equal(failure(() => readQuery({ x: '1' }, [])).message, '不明なパラメータです: x（使えるもの: なし）');
  assert.deepEqual(readQuery({ level: '4', cursor: 'c' }, ITEMS_PARAMETERS).withoutCursor, [['level', '4']]);
});

test('names: no parameters at all pass as the schema would pass them; anything else still goes through it', () => {
  for (const empty of [undefined, null, {}, Object.create(null) as object]) {
    assert.deepEqual(readQuery(empty, []), { values: {}, withoutCursor: [] });
  }
  // A query the parser never makes is not taken for an empty one: the schema refuses it as before.
  assert.throws(() => readQuery([], []));
  assert.throws(() => readQuery(new Date(0), []));
  assert.throws(() => readQuery('', []));
});

test('values: typed, defaults filled, empty means absent', () => {
  const cursor = encodeCursor('00002');
  const parsed = parseQuery(itemsQuery(data), readQuery({ level: '4', under: '2.1', cursor, department: '' }, ITEMS_PARAMETERS));
  assert.deepEqual(parsed, { level: 4, department: undefined, under: '2.1', limit: 100, cursor: '00002' });
});

test('values: the first problem in schema order wins; a missing item is 404', () => {
  const items = (q: Record<string, string>) => failure(() => parseQuery(itemsQuery(data), readQuery(q, ITEMS_PARAMETERS)));
  assert.deepEqual(items({ limit: '0', level: 'x' }), { status: 400, parameter: 'level', message: 'パラメータ level は整数で指定してください: "x"' });
  assert.deepEqual(items({ limit: '501' }), { status: 400, parameter: 'limit', message: 'パラメータ limit は 1〜500 で指定してください: 501' });
  assert.deepEqual(items({ under: '9.9', limit: '0' }), { status: 404, parameter: undefined, message: '項目が見つかりません: 9.9' });
  assert.deepEqual(items({ under: '1..2' }), { status: 400, parameter: 'under', message: 'パラメータ under の形式が不正です: "1..2"' });
  assert.equal(items({ cursor: 'abc' }).message, 'cursor が不正です。前のページの links.next をそのまま使ってください。');
});

test('ratings: fiscal years in any style, codes of the scale only', () => {
  const ratings = (q: Record<string, string>) => parseQuery(ratingsQuery(data), readQuery(q, Object.keys(q)));
  assert.equal(ratings({ fiscalYear: '令和4年度' }).fiscalYear, 2022);
  assert.equal(ratings({ fiscalYear: 'R4', code: 'B' }).code, 'B');
  assert.equal(failure(() => ratings({ code: 'Z' })).message, '評価コードが尺度にありません: "Z"（A, B）');
  assert.equal(failure(() => ratings({ code: 'B'.repeat(11) })).message, 'パラメータ code が長すぎます（10 文字まで）。');
  assert.equal(failure(() => ratings({ fiscalYear: 'R99x' })).message, '年度として読めません: "R99x"（例: 2022, R4, 令和4年度）');
});

test("ratings: a code of any rated tier's scale, and a level", () => {
  const twoScales = {
    ...data,
    tierSummaries: [
      { level: 4, scale: [{ code: 'A' }, { code: 'B' }] },
      { level: 5, scale: [{ code: '順調' }, { code: '遅れ' }] },
    ],
  } as unknown as PublicDataset;
  const ratings = (q: Record<string, string>) => parseQuery(ratingsQuery(twoScales), readQuery(q, Object.keys(q)));
  assert.equal(ratings({ code: '遅れ', level: '5' }).code, '遅れ');
  assert.equal(ratings({ level: '5' }).level, 5);
  assert.equal(failure(() => ratings({ code: 'C' })).message, '評価コードが尺度にありません: "C"（A, B, 順調, 遅れ）');
  assert.equal(failure(() => ratings({ level: 'x' })).parameter, 'level');
});

test('search: q is required and not blank; plan is a slug', () => {
  const search = (q: Record<string, string>) => parseQuery(searchQuery, readQuery(q, ['q', 'plan']));
  assert.equal(search({ q: ' 電子 ' }).q, ' 電子 ');
  assert.equal(failure(() => search({})).message, 'パラメータ q を指定してください。');
  assert.equal(failure(() => search({ q: '' })).message, 'パラメータ q を指定してください。');
  assert.equal(failure(() => search({ q: '   ' })).message, '検索語を指定してください。');
  assert.equal(failure(() => search({ q: 'a', plan: 'BAD!' })).parameter, 'plan');
});
