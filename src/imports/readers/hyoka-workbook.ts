/**
 * Reads hyoka's own workbook (plan-workbook.ts writes it) back into an ImportedPlan,
 * with no mapping: the 「hyoka」 sheet's marker says what the file is. Pure over the
 * loaded workbook. Every problem names its sheet, row and column; one problem means
 * nothing is imported. One step per sheet, over the shared walk (workbook-sheets.ts)
 * and the item index the 「項目」 sheet gives.
 */
import type ExcelJS from 'exceljs';
import { ROUND_KINDS, type RoundKind } from '../../evaluations/round-kinds.js';
import {
  type ImportedNarrative,
  type ImportedNode,
  type ImportedPlan,
  type ImportedScale,
  importedPlanOf,
  ImportSourceError,
  type NarrativeKind,
  type NarrativeRole,
  type NodePath,
} from '../imported-plan.js';
import { PLAN_FIELDS, type PlanField, READABLE_VERSIONS, SHEETS, SINCE_VERSION_2, WORKBOOK_MARKER, WORKBOOK_VERSION } from '../plan-workbook.js';
import { readIndicatorSheets } from './hyoka-workbook-indicators.js';
import { cellText } from './table/sheet-rows.js';
import { type Row, WorkbookSheets } from './workbook-sheets.js';

const ROLES: readonly NarrativeRole[] = ['department', 'division', 'expert'];
const KINDS: readonly NarrativeKind[] = ['progress', 'issues', 'direction', 'opinion'];

/** True when the workbook's first sheet is hyoka's marker sheet. */
export function isPlanWorkbook(workbook: ExcelJS.Workbook): boolean {
  const sheet = workbook.getWorksheet(SHEETS.plan.name);
  return sheet !== undefined && cellText(sheet.getCell('A1').value) === WORKBOOK_MARKER;
}

export function readPlanWorkbook(workbook: ExcelJS.Workbook, file: { name: string; content: string }): ImportedPlan {
  const book = new WorkbookSheets(workbook, file);
  checkVersion(book);
  const facts = readPlanFacts(book);
  const tiers = book.rowsOf(SHEETS.tiers).map((r) => r.cells[1]!);
  const scales = readScales(book);
  const items = readItems(book);
  readRatings(book, items, scales);
  const history = {
    planNarratives: readNarratives(book, items),
    rounds: readRounds(book),
    annotationFootnotes: readFootnotes(book, items),
    reportedSummaries: readSummaries(book),
  };
  const lists = readPlanLists(book);
  const directionCodes = readIndicatorSheets(book, items);
  const { plan } = facts;
  if (book.problems.length || !plan) throw new ImportSourceError(book.problems);
  return importedPlanOf({
    plan: { ...plan, extensions: lists.extensions, designations: lists.designations },
    tiers,
    scales,
    annotationKinds: lists.annotationKinds,
    departments: lists.departments,
    nodes: items.roots,
    ...history,
    directionCodes,
    file,
  });
}

function checkVersion(book: WorkbookSheets): void {
  const marker = book.workbook.getWorksheet(SHEETS.plan.name);
  const version = marker ? cellText(marker.getCell('B1').value) : '';
  if (!READABLE_VERSIONS.some((v) => String(v) === version)) {
    throw new ImportSourceError([
      {
        message: `このブックの形式（版 ${version || '不明'}）には対応していません（対応: ${READABLE_VERSIONS.join(', ')}）`,
        place: book.at(SHEETS.plan.name, 1, 1),
      },
    ]);
  }
  if (Number(version) < WORKBOOK_VERSION) for (const name of SINCE_VERSION_2) book.optional.add(name);
}

/** The plan's own facts from the marker sheet; no plan when its name or period is missing (a problem says so). */
function readPlanFacts(book: WorkbookSheets): { plan?: Omit<ImportedPlan['plan'], 'extensions' | 'designations'> } {
  const sheet = SHEETS.plan.name;
  const fields = new Map<string, Row>(book.rowsOf(SHEETS.plan, 2).map((r) => [r.cells[0]!.trim(), r]));
  const text = (key: PlanField): string | undefined => {
    const v = fields.get(key)?.cells[1];
    return v === undefined || v === '' ? undefined : v;
  };
  const year = (key: PlanField): number | undefined => {
    const row = fields.get(key);
    return row ? book.int(sheet, row, 1, PLAN_FIELDS.find(([k]) => k === key)![1], true) : undefined;
  };
  const name = text('name');
  const startFiscalYear = year('startFiscalYear');
  const endFiscalYear = year('endFiscalYear');
  if (!name) book.problem('計画名 (name) がありません', book.at(sheet, 2));
  if (startFiscalYear === undefined || endFiscalYear === undefined) book.problem('計画期間 (startFiscalYear, endFiscalYear) がありません', book.at(sheet, 2));
  if (!name || startFiscalYear === undefined || endFiscalYear === undefined) return {};
  const adopted = year('adoptedFiscalYear');
  const optionalText = (key: PlanField) => (text(key) !== undefined ? { [key]: text(key)! } : {});
  return {
    plan: {
      name,
      ...optionalText('slug'),
      startFiscalYear,
      endFiscalYear,
      ...optionalText('description'),
      ...optionalText('predecessorName'),
      ...optionalText('successorName'),
      ...(adopted !== undefined ? { adoptedFiscalYear: adopted } : {}),
    },
  };
}

function readScales(book: WorkbookSheets): ImportedScale[] {
  const sheet = SHEETS.scales.name;
  const scales: ImportedScale[] = [];
  for (const r of book.rowsOf(SHEETS.scales)) {
    const key = r.cells[0]!;
    let scale = scales.find((s) => s.key === key);
    if (!scale) {
      scale = { key, name: r.cells[1]!, tierIndex: (book.int(sheet, r, 2, '階層番号') ?? 1) - 1, codes: [] };
      scales.push(scale);
    }
    const flag = (col: number) => r.cells[col] === '1';
    scale.codes.push({
      code: r.cells[3]!,
      label: r.cells[4]!,
      criteria: r.cells[5]!,
      position: book.int(sheet, r, 6, '順序') ?? 0,
      countsAsAchieved: flag(7),
      isNotEvaluated: flag(8),
      ...(flag(9) ? { isDefault: true } : {}),
    });
  }
  return scales;
}

/** The item tree by the numbers of the 「項目」 sheet; other sheets refer to items through it. */
export class ItemIndex {
  readonly roots: ImportedNode[] = [];
  readonly nodes = new Map<number, ImportedNode>();
  readonly pathOf = new Map<number, NodePath>();

  constructor(private readonly book: WorkbookSheets) {}

  /** The item whose number is in the cell; a number the sheet lacks is a problem. */
  nodeAt(sheet: string, r: Row, col: number, optional = false): ImportedNode | undefined {
    const n = this.book.int(sheet, r, col, '項目番号', optional);
    if (n === undefined) return undefined;
    const node = this.nodes.get(n);
    if (!node) this.book.problem(`項目番号 ${n} は「${SHEETS.items.name}」シートにありません`, this.book.at(sheet, r.number, col));
    return node;
  }

  /** The paths of the items listed in a cell ("3,7,12"). */
  pathsAt(sheet: string, r: Row, col: number): NodePath[] {
    const cell = r.cells[col]!.trim();
    if (!cell) return [];
    return cell.split(',').flatMap((part) => {
      const path = this.pathOf.get(Number(part.trim()));
      if (!path) this.book.problem(`項目番号「${part}」は「${SHEETS.items.name}」シートにありません`, this.book.at(sheet, r.number, col));
      return path ? [path] : [];
    });
  }
}

function readItems(book: WorkbookSheets): ItemIndex {
  const sheet = SHEETS.items.name;
  const items = new ItemIndex(book);
  for (const r of book.rowsOf(SHEETS.items)) {
    const n = book.int(sheet, r, 0, '番号');
    const parentNumber = book.int(sheet, r, 1, '親番号', true);
    const tier = book.int(sheet, r, 2, '階層番号');
    const ended = book.int(sheet, r, 6, '事業終了年度', true);
    if (n === undefined || tier === undefined) continue;
    const parent = parentNumber === undefined ? undefined : items.nodes.get(parentNumber);
    if (parentNumber !== undefined && !parent) {
      book.problem(`親番号 ${parentNumber} の項目がこの行より上にありません`, book.at(sheet, r.number, 1));
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
      source: book.at(sheet, r.number, 4),
    };
    const siblings = parent ? parent.children : items.roots;
    items.pathOf.set(n, [...(parentNumber === undefined ? [] : items.pathOf.get(parentNumber)!), siblings.length]);
    siblings.push(node);
    items.nodes.set(n, node);
  }
  return items;
}

function readRatings(book: WorkbookSheets, items: ItemIndex, scales: readonly ImportedScale[]): void {
  const sheet = SHEETS.ratings.name;
  for (const r of book.rowsOf(SHEETS.ratings)) {
    const node = items.nodeAt(sheet, r, 0);
    const fiscalYear = book.int(sheet, r, 1, '年度');
    const scale = scales.find((s) => s.key === r.cells[2]);
    if (!scale) book.problem(`評価基準キー「${r.cells[2]}」は「${SHEETS.scales.name}」シートにありません`, book.at(sheet, r.number, 2));
    else if (!scale.codes.some((c) => c.code === r.cells[3]))
      book.problem(`評価「${r.cells[3]}」は評価基準「${scale.name}」にありません`, book.at(sheet, r.number, 3));
    let marks: string[] = [];
    if (r.cells[4]) {
      try {
        const parsed: unknown = JSON.parse(r.cells[4]);
        if (!Array.isArray(parsed) || !parsed.every((m) => typeof m === 'string')) throw new Error('not a list');
        marks = parsed;
      } catch {
        book.problem(`注記は ["※"] のような JSON の配列で書いてください（「${r.cells[4]}」）`, book.at(sheet, r.number, 4));
      }
    }
    if (node && fiscalYear !== undefined && scale)
      node.ratings.push({ fiscalYear, scaleKey: scale.key, code: r.cells[3]!, marks, source: book.at(sheet, r.number, 3) });
  }
}

/** Narratives go to their item; those with no item number are the plan's own, returned. */
function readNarratives(book: WorkbookSheets, items: ItemIndex): ImportedNarrative[] {
  const sheet = SHEETS.narratives.name;
  const planNarratives: ImportedNarrative[] = [];
  for (const r of book.rowsOf(SHEETS.narratives)) {
    const node = r.cells[0] ? items.nodeAt(sheet, r, 0) : undefined;
    const fiscalYear = book.int(sheet, r, 1, '年度');
    const role = book.oneOf(sheet, r, 2, ROLES, '書き手');
    const kind = book.oneOf(sheet, r, 3, KINDS, '種類');
    const mentions = items.pathsAt(sheet, r, 5);
    if (fiscalYear === undefined || !role || !kind || (r.cells[0] && !node)) continue;
    const narrative: ImportedNarrative = {
      fiscalYear,
      role,
      kind,
      text: r.cells[4]!,
      ...(mentions.length ? { mentions } : {}),
      source: book.at(sheet, r.number, 4),
    };
    (node ? node.narratives : planNarratives).push(narrative);
  }
  return planNarratives;
}

function readRounds(book: WorkbookSheets): ImportedPlan['rounds'] {
  const sheet = SHEETS.rounds.name;
  const rounds: ImportedPlan['rounds'] = book.rowsOf(SHEETS.rounds).flatMap((r) => {
    const fiscalYear = book.int(sheet, r, 1, '年度');
    const kind = book.oneOf<RoundKind>(sheet, r, 2, ROUND_KINDS, '種類');
    const covers = book.int(sheet, r, 3, '対象の最終年度', true);
    return fiscalYear !== undefined && kind ? [{ fiscalYear, kind, ...(covers !== undefined ? { coversUntilFiscalYear: covers } : {}) }] : [];
  });
  for (const r of book.rowsOf(SHEETS.sections)) {
    const index = book.int(SHEETS.sections.name, r, 0, '回番号');
    const round = index === undefined ? undefined : rounds[index - 1];
    if (!round) {
      if (index !== undefined) book.problem(`回番号 ${index} は「${SHEETS.rounds.name}」シートにありません`, book.at(SHEETS.sections.name, r.number, 0));
      continue;
    }
    round.sections ??= [];
    round.sections.push({ key: r.cells[1]!, heading: r.cells[2]!, body: r.cells[3]! });
  }
  return rounds;
}

function readFootnotes(book: WorkbookSheets, items: ItemIndex): ImportedPlan['annotationFootnotes'] {
  const sheet = SHEETS.footnotes.name;
  const footnotes: ImportedPlan['annotationFootnotes'] = [];
  for (const r of book.rowsOf(SHEETS.footnotes)) {
    const fiscalYear = book.int(sheet, r, 0, '年度');
    const n = book.int(sheet, r, 1, '項目番号');
    const node = n === undefined ? undefined : items.pathOf.get(n);
    if (n !== undefined && !node) book.problem(`項目番号 ${n} は「${SHEETS.items.name}」シートにありません`, book.at(sheet, r.number, 1));
    const targets = items.pathsAt(sheet, r, 3);
    if (fiscalYear !== undefined && node) footnotes.push({ fiscalYear, node, mark: r.cells[2]!, targets });
  }
  return footnotes;
}

function readSummaries(book: WorkbookSheets): ImportedPlan['reportedSummaries'] {
  const sheet = SHEETS.summaries.name;
  const summaries: ImportedPlan['reportedSummaries'] = [];
  for (const r of book.rowsOf(SHEETS.summaries)) {
    const fiscalYear = book.int(sheet, r, 0, '年度');
    const round = book.int(sheet, r, 2, '回番号', true);
    const count = book.int(sheet, r, 4, '件数');
    if (fiscalYear === undefined || count === undefined) continue;
    const roundIndex = round === undefined ? undefined : round - 1;
    let s = summaries.find((x) => x.fiscalYear === fiscalYear && x.scaleKey === r.cells[1] && x.roundIndex === roundIndex);
    if (!s) {
      s = { fiscalYear, scaleKey: r.cells[1]!, ...(roundIndex !== undefined ? { roundIndex } : {}), counts: {} };
      summaries.push(s);
    }
    s.counts[r.cells[3]!] = count;
  }
  return summaries;
}

/** The plan's short lists: period extensions, designations, annotation kinds and departments. */
function readPlanLists(book: WorkbookSheets) {
  const extensions = book.rowsOf(SHEETS.extensions).flatMap((r) => {
    const sheet = SHEETS.extensions.name;
    const from = book.int(sheet, r, 0, '延長前の終了年度');
    const to = book.int(sheet, r, 1, '延長後の終了年度');
    const decided = book.int(sheet, r, 2, '決定年度', true);
    return from === undefined || to === undefined
      ? []
      : [{ fromEndFiscalYear: from, toEndFiscalYear: to, ...(decided !== undefined ? { decidedFiscalYear: decided } : {}), reason: r.cells[3]! }];
  });
  const designations = book.rowsOf(SHEETS.designations).map((r) => {
    const from = book.int(SHEETS.designations.name, r, 1, '開始年度', true);
    return { name: r.cells[0]!, ...(from !== undefined ? { fromFiscalYear: from } : {}) };
  });
  const annotationKinds = book.rowsOf(SHEETS.annotations).map((r) => ({ mark: r.cells[0]!, meaning: r.cells[1]! }));
  const departments = book.rowsOf(SHEETS.departments).map((r) => r.cells[0]!);
  return { extensions, designations, annotationKinds, departments };
}
