/**
 * A first mapping guessed from the header row's Japanese names, for the user to check
 * and edit: tier columns (政策, 施策, 基本事業, 事務事業 …, a コード/番号 column as the
 * tier's code), 担当課/所管課, rating columns per year (R4評価, 令和4年度進捗), 今後の
 * 方向性 and 課題. The scale lists the distinct values found in the rating columns.
 * Nothing here is trusted: the import validates the edited file like any other.
 */
import { parseFiscalYear } from '../../../fiscal/fiscal-year.js';
import type { TableMappingInput } from './mapping-schema.js';
import { columnIndex, columnLetter, type SheetRows } from './sheet-rows.js';
import { normalizeCode } from './table-reader.js';

/** Tier words from broad to narrow; a header naming one of them is a tier column. */
const TIER_WORDS = ['基本目標', '施策展開の柱', '柱', '政策', '基本施策', '施策', '基本事業', '事務事業細目', '細目', '事務事業', 'KPI', '指標'];
const CODE_HINT = /(コード|番号|No\.?|NO\.?|№|ＮＯ)/u;
const YEAR_IN_HEADER = /((?:令和|平成|[RH])\s*(?:元|\d{1,2})(?:年度)?|(?:19|20)\d{2}(?:年度)?)/u;

function tierWordOf(header: string): string | undefined {
  // Longest word first, so 基本施策 is not taken for 施策 and 事務事業細目 not for 事務事業.
  return [...TIER_WORDS].sort((a, b) => b.length - a.length).find((w) => header.includes(w));
}

export function suggestMapping(sheet: SheetRows, planName: string): TableMappingInput {
  const headerRow = sheet.rows.slice(0, 10).find((r) => r.cells.filter((c) => c.trim()).length >= 2) ?? sheet.rows[0];
  const headers = (headerRow?.cells ?? []).map((c) => normalizeCode(c));
  const tiers: { name: string; codeColumn?: string; nameColumn?: string }[] = [];
  const ratings: { column: string; fiscalYear?: number }[] = [];
  const narratives: { column: string; kind: 'issues' | 'progress'; role: 'department' }[] = [];
  let departmentColumn: string | undefined;
  let directionColumn: string | undefined;
  headers.forEach((header, i) => {
    const column = columnLetter(i);
    if (!header) return;
    if (/(担当|所管)(部|課|部課|部署)|担当課|所管課/u.test(header)) {
      departmentColumn ??= column;
      return;
    }
    if (header.includes('方向性')) {
      directionColumn ??= column;
      return;
    }
    if (header.includes('課題')) {
      narratives.push({ column, kind: 'issues', role: 'department' });
      return;
    }
    if (/評価|進捗|達成/u.test(header) && !/理由|内容|説明|記述/u.test(header)) {
      const yearText = YEAR_IN_HEADER.exec(header)?.[1];
      const fiscalYear = yearText ? parseFiscalYear(yearText) : undefined;
      ratings.push({ column, ...(fiscalYear !== undefined ? { fiscalYear } : {}) });
      return;
    }
    if (/理由|取組|実績|説明/u.test(header)) {
      narratives.push({ column, kind: 'progress', role: 'department' });
      return;
    }
    const word = tierWordOf(header);
    if (!word) return;
    let tier = tiers.find((t) => t.name === word);
    if (!tier) {
      tier = { name: word };
      tiers.push(tier);
    }
    if (CODE_HINT.test(header)) tier.codeColumn ??= column;
    else tier.nameColumn ??= column;
  });

  const values = new Set<string>();
  for (const row of sheet.rows) {
    if (row.number <= (headerRow?.number ?? 1)) continue;
    for (const r of ratings) {
      const v = normalizeCode(row.cells[columnIndex(r.column)] ?? '');
      if (v) values.add(v.replace(/※$/u, ''));
    }
  }
  const codes = [...values].sort().map((code) => ({ code, label: code, countsAsAchieved: false, isNotEvaluated: false }));
  const years = ratings.flatMap((r) => (r.fiscalYear === undefined ? [] : [r.fiscalYear]));
  const latestYear = years.length ? Math.max(...years) : undefined;
  const needsFileYear = ratings.some((r) => r.fiscalYear === undefined) || narratives.length > 0 || directionColumn !== undefined;
  return {
    headerRow: headerRow?.number ?? 1,
    ...(sheet.sheet !== undefined ? { sheet: sheet.sheet } : {}),
    plan: { name: planName },
    // The latest year of the rating columns is the likeliest year of the file; the user checks it.
    ...(needsFileYear ? { fiscalYear: latestYear ?? '（この年度を書いてください: 例 R4）' } : {}),
    tiers,
    ...(departmentColumn ? { departmentColumn } : {}),
    scales: [{ key: 'main', name: '評価', codes: codes.length ? codes : [{ code: 'A', label: 'A' }] }],
    ratings,
    narratives,
    ...(directionColumn ? { direction: { column: directionColumn } } : {}),
  };
}
