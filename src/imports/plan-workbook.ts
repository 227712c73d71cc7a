/**
 * hyoka's own workbook: a whole plan (ImportedPlan) as one sheet per kind of fact, so
 * that `hyoka export --format xlsx` writes what `hyoka import` reads back with no
 * mapping, losing nothing. The first sheet, 「hyoka」, carries a marker in A1 and the
 * format version in B1; readers/hyoka-workbook.ts recognises a workbook by it.
 *
 * Items are numbered in tree order (番号, 親番号); ratings, narratives and footnotes
 * refer to those numbers, as indicator figures refer to the indicators' numbers (指標番号).
 * Every text is written as a text cell (a code "01" stays "01"; a text starting with "="
 * never becomes a formula), and so is every indicator and cost figure (exact decimal
 * text, never a float); fiscal years are 西暦 numbers.
 */
import { COST_FIELDS } from '../indicators/cost-rollup.js';
import { type ImportedNode, type ImportedPlan, walkNodes } from './imported-plan.js';

export const WORKBOOK_MARKER = 'hyoka-plan-workbook';
export const WORKBOOK_VERSION = 2;
/** Versions the reader accepts: 1 had no indicator, direction or cost sheets. */
export const READABLE_VERSIONS: readonly number[] = [1, 2];
/** Sheets a version-1 workbook lacks (read as empty there). */
export const SINCE_VERSION_2: readonly string[] = ['指標', '目標値', '目標値の見直し', '実績値', '方向性の選択肢', '今後の方向性', '事業費'];

/** Sheet names and their header rows, shared by the writer and the reader. */
export const SHEETS = {
  plan: { name: 'hyoka', header: ['項目', '値', '説明'] },
  tiers: { name: '階層', header: ['階層番号', '名前'] },
  scales: {
    name: '評価基準',
    header: ['評価基準キー', '評価基準名', '階層番号', 'コード', '表示名', '基準', '順序', '達成に数える', '評価対象外', '既定で追加'],
  },
  items: { name: '項目', header: ['番号', '親番号', '階層番号', 'コード', '名前', '担当課', '事業終了年度'] },
  ratings: { name: '評価', header: ['項目番号', '年度', '評価基準キー', 'コード', '注記'] },
  narratives: { name: '記述', header: ['項目番号', '年度', '書き手', '種類', '本文', '言及する項目番号'] },
  annotations: { name: '注記', header: ['記号', '意味'] },
  departments: { name: '担当課', header: ['名前'] },
  rounds: { name: '評価の回', header: ['回番号', '年度', '種類', '対象の最終年度'] },
  sections: { name: '評価の回の節', header: ['回番号', 'キー', '見出し', '本文'] },
  footnotes: { name: '脚注', header: ['年度', '項目番号', '記号', '対象の項目番号'] },
  summaries: { name: '公表集計', header: ['年度', '評価基準キー', '回番号', 'コード', '件数'] },
  extensions: { name: '期間延長', header: ['延長前の終了年度', '延長後の終了年度', '決定年度', '理由'] },
  designations: { name: '指定', header: ['名前', '開始年度'] },
  indicators: { name: '指標', header: ['指標番号', '項目番号', '名前', '単位', '種類', '方向', '累計', '小数桁数', '基準年度', '基準値'] },
  targets: { name: '目標値', header: ['指標番号', '種類', '年度', '値'] },
  revisions: { name: '目標値の見直し', header: ['指標番号', '種類', '目標の年度', '見直し前', '見直し後', '理由', '決定年度'] },
  actuals: { name: '実績値', header: ['指標番号', '年度', '値', '測定不能', '出典・備考'] },
  directionCodes: { name: '方向性の選択肢', header: ['コード', '表示名'] },
  directions: { name: '今後の方向性', header: ['項目番号', '年度', 'コード', '説明'] },
  costs: {
    name: '事業費',
    header: ['項目番号', '年度', '単位', '事業費', '人件費', 'トータルコスト', '国・県支出金', '地方債', 'その他', '一般財源', '備考'],
  },
} as const;

/** The plan's own facts on the marker sheet: key, and the words beside it for a reader of the file. */
export const PLAN_FIELDS = [
  ['name', '計画名'],
  ['slug', '識別子'],
  ['startFiscalYear', '計画期間の初年度'],
  ['endFiscalYear', '計画期間の最終年度（延長前）'],
  ['description', '説明'],
  ['predecessorName', '前計画'],
  ['successorName', '後継計画'],
  ['adoptedFiscalYear', '策定年度'],
] as const;

export type PlanField = (typeof PLAN_FIELDS)[number][0];

export type Cell = string | number | null;

/** Lists of item numbers in one cell: "3,7,12". */
export const joinNumbers = (list: readonly number[]): string => list.join(',');

export async function writePlanWorkbook(plan: ImportedPlan): Promise<Buffer> {
  // Loaded when a workbook is written: the reader imports this file's sheet names and markers, and a text import needs no exceljs.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  // Fixed dates: the same plan always gives the same workbook contents.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  for (const { sheet, rows, lead } of planSheets(plan)) {
    const ws = workbook.addWorksheet(sheet.name);
    for (const row of [...(lead ?? []), [...sheet.header], ...rows]) ws.addRow(row);
    ws.getRow((lead?.length ?? 0) + 1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: (lead?.length ?? 0) + 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One sheet's rows below its header; `lead` rows stand above the header (the marker). */
interface SheetRows {
  sheet: { name: string; header: readonly string[] };
  rows: Cell[][];
  lead?: Cell[][];
}

/** Items numbered in tree order, and how other sheets refer to them. */
export interface ItemNumbers {
  rows: Cell[][];
  numberOf: Map<ImportedNode, number>;
  /** The numbers of the items at these paths, as one cell ("3,7,12"), or null. */
  refs: (paths: readonly number[][] | undefined) => string | null;
  numberAtPath: (path: readonly number[]) => number;
}

function numberItems(plan: ImportedPlan): ItemNumbers {
  const numberOf = new Map<ImportedNode, number>();
  const pathKey = (path: readonly number[]) => path.join('.');
  const numberAt = new Map<string, number>();
  const rows: Cell[][] = [];
  const parentOf = new Map<ImportedNode, ImportedNode>();
  for (const { node, path } of walkNodes(plan.nodes)) {
    const n = rows.length + 1;
    numberOf.set(node, n);
    numberAt.set(pathKey(path), n);
    for (const child of node.children) parentOf.set(child, node);
    const parent = parentOf.get(node);
    rows.push([
      n,
      parent ? numberOf.get(parent)! : null,
      node.tierIndex + 1,
      node.code ?? null,
      node.name,
      node.department ?? null,
      node.endedFromFiscalYear ?? null,
    ]);
  }
  const numberAtPath = (path: readonly number[]) => numberAt.get(pathKey(path))!;
  const refs = (paths: readonly number[][] | undefined) => (paths?.length ? joinNumbers(paths.map(numberAtPath)) : null);
  return { rows, numberOf, refs, numberAtPath };
}

function planFieldRows(plan: ImportedPlan): Cell[][] {
  const p = plan.plan;
  const values: Record<PlanField, Cell> = {
    name: p.name,
    slug: p.slug ?? null,
    startFiscalYear: p.startFiscalYear,
    endFiscalYear: p.endFiscalYear,
    description: p.description ?? null,
    predecessorName: p.predecessorName ?? null,
    successorName: p.successorName ?? null,
    adoptedFiscalYear: p.adoptedFiscalYear ?? null,
  };
  return PLAN_FIELDS.map(([key, words]) => [key, values[key], words]);
}

function scaleRows(plan: ImportedPlan): Cell[][] {
  return plan.scales.flatMap((s) =>
    s.codes.map((c) => [
      s.key,
      s.name,
      s.tierIndex + 1,
      c.code,
      c.label,
      c.criteria,
      c.position,
      c.countsAsAchieved ? 1 : 0,
      c.isNotEvaluated ? 1 : 0,
      c.isDefault ? 1 : 0,
    ]),
  );
}

function nodeRows(plan: ImportedPlan, items: ItemNumbers): { ratings: Cell[][]; narratives: Cell[][] } {
  const walked = [...walkNodes(plan.nodes)];
  return {
    ratings: walked.flatMap(({ node }) =>
      node.ratings.map((r) => [items.numberOf.get(node)!, r.fiscalYear, r.scaleKey, r.code, r.marks.length ? JSON.stringify(r.marks) : null]),
    ),
    narratives: [
      ...plan.planNarratives.map((n) => [null, n.fiscalYear, n.role, n.kind, n.text, items.refs(n.mentions)]),
      ...walked.flatMap(({ node }) => node.narratives.map((n) => [items.numberOf.get(node)!, n.fiscalYear, n.role, n.kind, n.text, items.refs(n.mentions)])),
    ],
  };
}

/** Every sheet of the workbook, in the order they are written. */
function planSheets(plan: ImportedPlan): SheetRows[] {
  const items = numberItems(plan);
  const { ratings, narratives } = nodeRows(plan, items);
  const p = plan.plan;
  return [
    {
      sheet: SHEETS.plan,
      rows: planFieldRows(plan),
      lead: [[WORKBOOK_MARKER, WORKBOOK_VERSION, 'hyoka が書き出した計画のブック。hyoka import でマッピングなしに取り込めます']],
    },
    { sheet: SHEETS.tiers, rows: plan.tiers.map((name, i) => [i + 1, name]) },
    { sheet: SHEETS.scales, rows: scaleRows(plan) },
    { sheet: SHEETS.items, rows: items.rows },
    { sheet: SHEETS.ratings, rows: ratings },
    { sheet: SHEETS.narratives, rows: narratives },
    { sheet: SHEETS.annotations, rows: plan.annotationKinds.map((a) => [a.mark, a.meaning]) },
    { sheet: SHEETS.departments, rows: plan.departments.map((d) => [d]) },
    { sheet: SHEETS.rounds, rows: plan.rounds.map((r, i) => [i + 1, r.fiscalYear, r.kind, r.coversUntilFiscalYear ?? null]) },
    { sheet: SHEETS.sections, rows: plan.rounds.flatMap((r, i) => (r.sections ?? []).map((s) => [i + 1, s.key, s.heading, s.body])) },
    { sheet: SHEETS.footnotes, rows: plan.annotationFootnotes.map((f) => [f.fiscalYear, items.numberAtPath(f.node), f.mark, items.refs(f.targets)]) },
    {
      sheet: SHEETS.summaries,
      rows: plan.reportedSummaries.flatMap((s) =>
        Object.entries(s.counts).map(([code, count]) => [s.fiscalYear, s.scaleKey, s.roundIndex === undefined ? null : s.roundIndex + 1, code, count]),
      ),
    },
    {
      sheet: SHEETS.extensions,
      rows: (p.extensions ?? []).map((e) => [e.fromEndFiscalYear, e.toEndFiscalYear, e.decidedFiscalYear ?? null, e.reason]),
    },
    { sheet: SHEETS.designations, rows: (p.designations ?? []).map((d) => [d.name, d.fromFiscalYear ?? null]) },
    ...indicatorSheets(plan, items),
  ];
}

/** Indicators numbered in tree order, their figures by that number; directions and costs by item number. */
function indicatorSheets(plan: ImportedPlan, items: ItemNumbers): SheetRows[] {
  const indicators: Cell[][] = [];
  const targets: Cell[][] = [];
  const revisions: Cell[][] = [];
  const actuals: Cell[][] = [];
  const directions: Cell[][] = [];
  const costs: Cell[][] = [];
  for (const { node } of walkNodes(plan.nodes)) {
    const item = items.numberOf.get(node)!;
    for (const i of node.indicators ?? []) {
      const n = indicators.length + 1;
      indicators.push([
        n,
        item,
        i.name,
        i.unit,
        i.kind,
        i.direction,
        i.cumulative ? 1 : 0,
        i.decimals,
        i.baseline?.fiscalYear ?? null,
        i.baseline?.value ?? null,
      ]);
      for (const t of i.targets) {
        targets.push([n, t.kind, t.fiscalYear, t.value]);
        for (const r of t.revisions) revisions.push([n, t.kind, t.fiscalYear, r.oldValue, r.newValue, r.reason, r.decidedFiscalYear]);
      }
      for (const a of i.actuals) actuals.push([n, a.fiscalYear, a.value, a.notMeasurable ? 1 : 0, a.sourceNote || null]);
    }
    for (const d of node.directions ?? []) directions.push([item, d.fiscalYear, d.code, d.note || null]);
    for (const c of node.costs ?? []) costs.push([item, c.fiscalYear, c.unit, ...COST_FIELDS.map((f) => c[f]), c.note || null]);
  }
  return [
    { sheet: SHEETS.indicators, rows: indicators },
    { sheet: SHEETS.targets, rows: targets },
    { sheet: SHEETS.revisions, rows: revisions },
    { sheet: SHEETS.actuals, rows: actuals },
    { sheet: SHEETS.directionCodes, rows: (plan.directionCodes ?? []).map((c) => [c.code, c.label]) },
    { sheet: SHEETS.directions, rows: directions },
    { sheet: SHEETS.costs, rows: costs },
  ];
}
