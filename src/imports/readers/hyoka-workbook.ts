/**
 * Reads hyoka's own workbook (plan-workbook.ts writes it) back into an ImportedPlan,
 * with no mapping: the 「hyoka」 sheet's marker says what the file is. Pure over the
 * loaded workbook. Every problem names its sheet, row and column; one problem means
 * nothing is imported.
 *
 * Over the usual size because each sheet is a short block of the same walk over one
 * problem list and one item index; split, each would need both passed around.
 */
import type ExcelJS from 'exceljs';
import { ROUND_KINDS, type RoundKind } from '../../evaluations/round-kinds.js';
import {
  type ImportedNarrative,
  type ImportedNode,
  type ImportedPlan,
  type ImportedScale,
  ImportSourceError,
  type NarrativeKind,
  type NarrativeRole,
  type NodePath,
  type PlacedProblem,
  type SourcePlace,
} from '../imported-plan.js';
import { PLAN_FIELDS, type PlanField, SHEETS, WORKBOOK_MARKER, WORKBOOK_VERSION } from '../plan-workbook.js';
import { cellText, columnLetter } from './table/sheet-rows.js';

const ROLES: readonly NarrativeRole[] = ['department', 'division', 'expert'];
const KINDS: readonly NarrativeKind[] = ['progress', 'issues', 'direction', 'opinion'];

/** True when the workbook's first sheet is hyoka's marker sheet. */
export function isPlanWorkbook(workbook: ExcelJS.Workbook): boolean {
  const sheet = workbook.getWorksheet(SHEETS.plan.name);
  return sheet !== undefined && cellText(sheet.getCell('A1').value) === WORKBOOK_MARKER;
}

interface Row {
  number: number;
  cells: string[];
}

export function readPlanWorkbook(workbook: ExcelJS.Workbook, file: { name: string; content: string }): ImportedPlan {
  const problems: PlacedProblem[] = [];
  const at = (sheet: string, row: number, column?: number): SourcePlace => ({
    file: file.name,
    sheet,
    row,
    ...(column !== undefined ? { column: columnLetter(column) } : {}),
  });
  const problem = (message: string, place: SourcePlace) => {
    if (problems.length < 50) problems.push({ message, place });
  };

  /** The data rows of a sheet (below its header row); a missing sheet is a problem. */
  const rowsOf = (sheet: { name: string; header: readonly string[] }, headerRow = 1): Row[] => {
    const ws = workbook.getWorksheet(sheet.name);
    if (!ws) {
      problems.push({ message: `シート「${sheet.name}」がありません（hyoka が書き出したブックのシートを消さないでください）`, place: { file: file.name } });
      return [];
    }
    const rows: Row[] = [];
    ws.eachRow({ includeEmpty: false }, (row, number) => {
      if (number <= headerRow) return;
      const cells: string[] = [];
      for (let c = 1; c <= sheet.header.length; c++) cells.push(cellText(row.getCell(c).value));
      if (cells.some((x) => x !== '')) rows.push({ number, cells });
    });
    return rows;
  };
  const int = (sheet: string, row: Row, col: number, what: string, optional = false): number | undefined => {
    const text = row.cells[col]!.trim();
    if (text === '' && optional) return undefined;
    if (!/^-?\d+$/.test(text)) {
      problem(`${what}は整数で書いてください（「${text}」）`, at(sheet, row.number, col));
      return undefined;
    }
    return Number(text);
  };
  const oneOf = <T extends string>(sheet: string, row: Row, col: number, allowed: readonly T[], what: string): T | undefined => {
    const text = row.cells[col]!.trim();
    if ((allowed as readonly string[]).includes(text)) return text as T;
    problem(`${what}「${text}」は使えません（${allowed.join(', ')}）`, at(sheet, row.number, col));
    return undefined;
  };

  const marker = workbook.getWorksheet(SHEETS.plan.name);
  const version = marker ? cellText(marker.getCell('B1').value) : '';
  if (version !== String(WORKBOOK_VERSION)) {
    throw new ImportSourceError([
      { message: `このブックの形式（版 ${version || '不明'}）には対応していません（対応: ${WORKBOOK_VERSION}）`, place: at(SHEETS.plan.name, 1, 1) },
    ]);
  }
  const fields = new Map<string, Row>(rowsOf(SHEETS.plan, 2).map((r) => [r.cells[0]!.trim(), r]));
  const text = (key: PlanField): string | undefined => {
    const v = fields.get(key)?.cells[1];
    return v === undefined || v === '' ? undefined : v;
  };
  const year = (key: PlanField): number | undefined => {
    const row = fields.get(key);
    return row ? int(SHEETS.plan.name, row, 1, PLAN_FIELDS.find(([k]) => k === key)![1], true) : undefined;
  };
  const name = text('name');
  const startFiscalYear = year('startFiscalYear');
  const endFiscalYear = year('endFiscalYear');
  if (!name) problem('計画名 (name) がありません', at(SHEETS.plan.name, 2));
  if (startFiscalYear === undefined || endFiscalYear === undefined) problem('計画期間 (startFiscalYear, endFiscalYear) がありません', at(SHEETS.plan.name, 2));

  const tiers = rowsOf(SHEETS.tiers).map((r) => r.cells[1]!);

  const scales: ImportedScale[] = [];
  for (const r of rowsOf(SHEETS.scales)) {
    const sheet = SHEETS.scales.name;
    const key = r.cells[0]!;
    let scale = scales.find((s) => s.key === key);
    if (!scale) {
      scale = { key, name: r.cells[1]!, tierIndex: (int(sheet, r, 2, '階層番号') ?? 1) - 1, codes: [] };
      scales.push(scale);
    }
    const flag = (col: number) => r.cells[col] === '1';
    scale.codes.push({
      code: r.cells[3]!,
      label: r.cells[4]!,
      criteria: r.cells[5]!,
      position: int(sheet, r, 6, '順序') ?? 0,
      countsAsAchieved: flag(7),
      isNotEvaluated: flag(8),
      ...(flag(9) ? { isDefault: true } : {}),
    });
  }

  const nodes = new Map<number, ImportedNode>();
  const pathOf = new Map<number, NodePath>();
  const roots: ImportedNode[] = [];
  for (const r of rowsOf(SHEETS.items)) {
    const sheet = SHEETS.items.name;
    const n = int(sheet, r, 0, '番号');
    const parentNumber = int(sheet, r, 1, '親番号', true);
    const tier = int(sheet, r, 2, '階層番号');
    const ended = int(sheet, r, 6, '事業終了年度', true);
    if (n === undefined || tier === undefined) continue;
    const parent = parentNumber === undefined ? undefined : nodes.get(parentNumber);
    if (parentNumber !== undefined && !parent) {
      problem(`親番号 ${parentNumber} の項目がこの行より上にありません`, at(sheet, r.number, 1));
      continue;
    }
    const node: ImportedNode = {
      ...(r.cells[3] !== '' ? { code: r.cells[3]! } : {}),
      name: r.cells[4]!,
      tierIndex: tier - 1,
      ...(r.cells[5] !== '' ? { department: r.cells[5]! } : {}),
      ...(ended !== undefined ? { endedFromFiscalYear: ended } : {}),
      ratings: [],
      narratives: [],
      children: [],
      source: at(sheet, r.number, 4),
    };
    const siblings = parent ? parent.children : roots;
    pathOf.set(n, [...(parentNumber === undefined ? [] : pathOf.get(parentNumber)!), siblings.length]);
    siblings.push(node);
    nodes.set(n, node);
  }
  const nodeAt = (sheet: string, r: Row, col: number, optional = false): ImportedNode | undefined => {
    const n = int(sheet, r, col, '項目番号', optional);
    if (n === undefined) return undefined;
    const node = nodes.get(n);
    if (!node) problem(`項目番号 ${n} は「${SHEETS.items.name}」シートにありません`, at(sheet, r.number, col));
    return node;
  };
  const pathsAt = (sheet: string, r: Row, col: number): NodePath[] => {
    const cell = r.cells[col]!.trim();
    if (!cell) return [];
    return cell.split(',').flatMap((part) => {
      const path = pathOf.get(Number(part.trim()));
      if (!path) problem(`項目番号「${part}」は「${SHEETS.items.name}」シートにありません`, at(sheet, r.number, col));
      return path ? [path] : [];
    });
  };

  for (const r of rowsOf(SHEETS.ratings)) {
    const sheet = SHEETS.ratings.name;
    const node = nodeAt(sheet, r, 0);
    const fiscalYear = int(sheet, r, 1, '年度');
    const scale = scales.find((s) => s.key === r.cells[2]);
    if (!scale) problem(`評価基準キー「${r.cells[2]}」は「${SHEETS.scales.name}」シートにありません`, at(sheet, r.number, 2));
    else if (!scale.codes.some((c) => c.code === r.cells[3])) problem(`評価「${r.cells[3]}」は評価基準「${scale.name}」にありません`, at(sheet, r.number, 3));
    let marks: string[] = [];
    if (r.cells[4]) {
      try {
        const parsed: unknown = JSON.parse(r.cells[4]);
        if (!Array.isArray(parsed) || !parsed.every((m) => typeof m === 'string')) throw new Error('not a list');
        marks = parsed;
      } catch {
        problem(`注記は ["※"] のような JSON の配列で書いてください（「${r.cells[4]}」）`, at(sheet, r.number, 4));
      }
    }
    if (node && fiscalYear !== undefined && scale)
      node.ratings.push({ fiscalYear, scaleKey: scale.key, code: r.cells[3]!, marks, source: at(sheet, r.number, 3) });
  }

  const planNarratives: ImportedNarrative[] = [];
  for (const r of rowsOf(SHEETS.narratives)) {
    const sheet = SHEETS.narratives.name;
    const node = r.cells[0] ? nodeAt(sheet, r, 0) : undefined;
    const fiscalYear = int(sheet, r, 1, '年度');
    const role = oneOf(sheet, r, 2, ROLES, '書き手');
    const kind = oneOf(sheet, r, 3, KINDS, '種類');
    const mentions = pathsAt(sheet, r, 5);
    if (fiscalYear === undefined || !role || !kind || (r.cells[0] && !node)) continue;
    const narrative: ImportedNarrative = {
      fiscalYear,
      role,
      kind,
      text: r.cells[4]!,
      ...(mentions.length ? { mentions } : {}),
      source: at(sheet, r.number, 4),
    };
    (node ? node.narratives : planNarratives).push(narrative);
  }

  const rounds: ImportedPlan['rounds'] = [];
  for (const r of rowsOf(SHEETS.rounds)) {
    const sheet = SHEETS.rounds.name;
    const fiscalYear = int(sheet, r, 1, '年度');
    const kind = oneOf<RoundKind>(sheet, r, 2, ROUND_KINDS, '種類');
    const covers = int(sheet, r, 3, '対象の最終年度', true);
    if (fiscalYear !== undefined && kind) rounds.push({ fiscalYear, kind, ...(covers !== undefined ? { coversUntilFiscalYear: covers } : {}) });
  }
  for (const r of rowsOf(SHEETS.sections)) {
    const index = int(SHEETS.sections.name, r, 0, '回番号');
    const round = index === undefined ? undefined : rounds[index - 1];
    if (!round) {
      if (index !== undefined) problem(`回番号 ${index} は「${SHEETS.rounds.name}」シートにありません`, at(SHEETS.sections.name, r.number, 0));
      continue;
    }
    round.sections ??= [];
    round.sections.push({ key: r.cells[1]!, heading: r.cells[2]!, body: r.cells[3]! });
  }

  const footnotes: ImportedPlan['annotationFootnotes'] = [];
  for (const r of rowsOf(SHEETS.footnotes)) {
    const sheet = SHEETS.footnotes.name;
    const fiscalYear = int(sheet, r, 0, '年度');
    const n = int(sheet, r, 1, '項目番号');
    const node = n === undefined ? undefined : pathOf.get(n);
    if (n !== undefined && !node) problem(`項目番号 ${n} は「${SHEETS.items.name}」シートにありません`, at(sheet, r.number, 1));
    const targets = pathsAt(sheet, r, 3);
    if (fiscalYear !== undefined && node) footnotes.push({ fiscalYear, node, mark: r.cells[2]!, targets });
  }

  const summaries: ImportedPlan['reportedSummaries'] = [];
  for (const r of rowsOf(SHEETS.summaries)) {
    const sheet = SHEETS.summaries.name;
    const fiscalYear = int(sheet, r, 0, '年度');
    const round = int(sheet, r, 2, '回番号', true);
    const count = int(sheet, r, 4, '件数');
    if (fiscalYear === undefined || count === undefined) continue;
    const roundIndex = round === undefined ? undefined : round - 1;
    let s = summaries.find((x) => x.fiscalYear === fiscalYear && x.scaleKey === r.cells[1] && x.roundIndex === roundIndex);
    if (!s) {
      s = { fiscalYear, scaleKey: r.cells[1]!, ...(roundIndex !== undefined ? { roundIndex } : {}), counts: {} };
      summaries.push(s);
    }
    s.counts[r.cells[3]!] = count;
  }

  const extensions = rowsOf(SHEETS.extensions).flatMap((r) => {
    const sheet = SHEETS.extensions.name;
    const from = int(sheet, r, 0, '延長前の終了年度');
    const to = int(sheet, r, 1, '延長後の終了年度');
    const decided = int(sheet, r, 2, '決定年度', true);
    return from === undefined || to === undefined
      ? []
      : [{ fromEndFiscalYear: from, toEndFiscalYear: to, ...(decided !== undefined ? { decidedFiscalYear: decided } : {}), reason: r.cells[3]! }];
  });
  const designations = rowsOf(SHEETS.designations).map((r) => {
    const from = int(SHEETS.designations.name, r, 1, '開始年度', true);
    return { name: r.cells[0]!, ...(from !== undefined ? { fromFiscalYear: from } : {}) };
  });
  const annotationKinds = rowsOf(SHEETS.annotations).map((r) => ({ mark: r.cells[0]!, meaning: r.cells[1]! }));
  const departments = rowsOf(SHEETS.departments).map((r) => r.cells[0]!);

  if (problems.length || !name || startFiscalYear === undefined || endFiscalYear === undefined) throw new ImportSourceError(problems);
  const adopted = year('adoptedFiscalYear');
  const optionalText = (key: PlanField, as: string) => (text(key) !== undefined ? { [as]: text(key)! } : {});
  return {
    plan: {
      name,
      ...optionalText('slug', 'slug'),
      startFiscalYear,
      endFiscalYear,
      ...optionalText('description', 'description'),
      ...optionalText('predecessorName', 'predecessorName'),
      ...optionalText('successorName', 'successorName'),
      ...(adopted !== undefined ? { adoptedFiscalYear: adopted } : {}),
      extensions,
      designations,
    },
    tiers,
    scales,
    annotationKinds,
    departments,
    nodes: roots,
    planNarratives,
    rounds,
    annotationFootnotes: footnotes,
    reportedSummaries: summaries,
    warnings: [],
    file,
  };
}
