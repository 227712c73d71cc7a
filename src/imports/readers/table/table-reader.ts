/**
 * Rows of a CSV or worksheet + a column mapping → ImportedPlan. Pure. Every problem
 * is collected with its cell and reported together; one problem means nothing is
 * imported. Rows name their place in the tree by the tier columns: a blank upper-tier
 * cell continues the row above (merged cells, continuation rows), the deepest filled
 * tier is the row's own node. A row with every tier blank continues nothing: any other
 * mapped cell filled on it is a problem, so no figure is dropped or guessed onto an item. Codes are normalised (NFKC, one space), names are kept
 * as written apart from trimming.
 *
 * The steps share one reading (table-reading.ts: the sheet, its problems and warnings,
 * the resolved columns): the columns first, then per row its path in the tree and each
 * kind of cell (ratings and narratives here; indicators, 今後の方向性 codes and costs in
 * table-indicators.ts), then the checks over the whole file.
 */
import type { ScaleCode } from '../../../evaluations/summary.js';
import { type ImportedNarrative, type ImportedNode, type ImportedPlan, type ImportedScale, ImportSourceError, type SourcePlace } from '../../imported-plan.js';
import type { TableMapping } from './mapping-schema.js';
import type { SheetRows } from './sheet-rows.js';
import { indicatorColumnIndexes, indicatorColumns, readIndicatorCells } from './table-indicators.js';
import { columnResolver, comparable, matchChoice, normalizeCode, TableReading } from './table-reading.js';

export { normalizeCode } from './table-reading.js';

/** `1 現状維持` → code 1, name 現状維持; a cell without a leading code gives only the text. */
export function splitCodeAndName(text: string): { code: string; name?: string } {
  const s = normalizeCode(text);
  const m = /^([0-9A-Za-z][0-9A-Za-z.\-_]*)[ .．:：、]\s*(.+)$/u.exec(s);
  return m ? { code: m[1]!, name: m[2]! } : { code: s };
}

interface NodeState {
  node: ImportedNode;
  key: string;
  spellings: Set<string>;
  departments: Set<string>;
}

function mappedScales(mapping: TableMapping, tierNames: readonly string[]): ImportedScale[] {
  return mapping.scales.map((s) => ({
    key: s.key,
    name: s.name,
    tierIndex: s.tier === undefined ? tierNames.length - 1 : tierNames.indexOf(s.tier),
    codes: s.codes.map(
      (c, i): ScaleCode => ({
        code: c.code,
        label: c.label,
        criteria: c.criteria,
        position: i + 1,
        countsAsAchieved: c.countsAsAchieved,
        isNotEvaluated: c.isNotEvaluated,
      }),
    ),
  }));
}

/** Where each mapped kind of cell is, and what it means. */
function resolveColumns(reading: TableReading) {
  const { mapping } = reading;
  const resolve = columnResolver(reading);
  const tierNames = mapping.tiers.map((t) => t.name);
  const scales = mappedScales(mapping, tierNames);
  const codeLookup = new Map(
    mapping.scales.map((s) => {
      const byText = new Map<string, string>();
      for (const c of s.codes) for (const text of [c.code, c.label, ...c.aliases]) if (text) byText.set(comparable(text), c.code);
      return [s.key, byText] as const;
    }),
  );
  const direction = mapping.direction
    ? { ...mapping.direction, index: resolve(mapping.direction.column), fiscalYear: (mapping.direction.fiscalYear ?? mapping.fiscalYear)! }
    : undefined;
  const departmentColumn = resolve(mapping.departmentColumn);
  const ratingColumns = mapping.ratings.map((r) => ({
    index: resolve(r.column),
    fiscalYear: (r.fiscalYear ?? mapping.fiscalYear)!,
    scale: scales.find((s) => s.key === (r.scale ?? scales[0]!.key))!,
  }));
  const narrativeColumns = mapping.narratives.map((n) => ({
    index: resolve(n.column),
    fiscalYear: (n.fiscalYear ?? mapping.fiscalYear)!,
    role: n.role,
    kind: n.kind,
    tierIndex: n.tier === undefined ? undefined : tierNames.indexOf(n.tier),
  }));
  const indicators = indicatorColumns(mapping, resolve, tierNames);
  return {
    tierNames,
    tierColumns: mapping.tiers.map((t) => ({ code: resolve(t.codeColumn), name: resolve(t.nameColumn) })),
    departmentColumn,
    scales,
    codeLookup,
    marks: [...new Set(['※', ...mapping.annotations.map((a) => a.mark)])],
    ratingColumns,
    narrativeColumns,
    direction,
    directionValues: direction?.values?.map((v) => (typeof v === 'string' ? { code: undefined, label: v } : v)),
    indicatorColumns: indicators,
    /** Every column a data row's cells are read from, apart from the tiers. */
    mappedIndexes: [
      departmentColumn,
      ...ratingColumns.map((c) => c.index),
      ...narrativeColumns.map((c) => c.index),
      direction?.index,
      ...indicatorColumnIndexes(indicators),
    ].filter((i): i is number => i !== undefined),
  };
}

type Columns = ReturnType<typeof resolveColumns>;
type Row = SheetRows['rows'][number];

/** The tree as the rows build it. */
class TreeBuilder {
  readonly roots: ImportedNode[] = [];
  readonly states = new Map<string, NodeState>();
  readonly departments: string[] = [];
  private previousPath: NodeState[] = [];

  constructor(
    private readonly reading: TableReading,
    private readonly columns: Columns,
  ) {}

  /**
   * The row's path from the root to its deepest filled tier (blank upper tiers continue
   * the row above); undefined for a row that names no node or cannot continue.
   */
  pathOf(row: Row): NodeState[] | undefined {
    const { reading, columns } = this;
    const given = columns.tierColumns.map((cols) => {
      const codeText = reading.cell(row.cells, cols.code);
      const nameText = reading.cell(row.cells, cols.name);
      if (!codeText) return nameText ? { name: nameText } : undefined;
      const split = cols.name === undefined || !nameText ? splitCodeAndName(codeText) : { code: normalizeCode(codeText), name: nameText };
      return { code: split.code, name: nameText || split.name || split.code };
    });
    const deepest = given.findLastIndex((g) => g !== undefined);
    if (deepest < 0) {
      const stray = columns.mappedIndexes.find((index) => reading.cell(row.cells, index));
      if (stray !== undefined)
        reading.problem('この行にはどの階層の項目名もありません（上の行と同じ項目の続きなら、その項目名を書いてください）', reading.place(row.number, stray));
      return undefined;
    }
    const path: NodeState[] = [];
    for (let tier = 0; tier <= deepest; tier++) {
      const g = given[tier];
      const tierColumn = columns.tierColumns[tier]!.name ?? columns.tierColumns[tier]!.code;
      if (!g) {
        const inherited = this.previousPath[tier];
        if (!inherited || (tier > 0 && this.previousPath[tier - 1] !== path[tier - 1])) {
          reading.problem(`階層「${columns.tierNames[tier]}」が空です（上の行から引き継げません）`, reading.place(row.number, tierColumn));
          return undefined;
        }
        path.push(inherited);
        continue;
      }
      path.push(this.nodeState(path[tier - 1], g, tier, reading.place(row.number, tierColumn)));
    }
    this.previousPath = path;
    return path;
  }

  private nodeState(parent: NodeState | undefined, g: { code?: string; name: string }, tier: number, source: SourcePlace): NodeState {
    const key = `${parent?.key ?? ''}\u0001${g.code !== undefined ? `c:${g.code}` : `n:${g.name}`}`;
    const known = this.states.get(key);
    if (known) {
      known.spellings.add(g.name);
      return known;
    }
    const node: ImportedNode = {
      ...(g.code !== undefined ? { code: g.code } : {}),
      name: g.name,
      tierIndex: tier,
      ratings: [],
      narratives: [],
      children: [],
      source,
    };
    const state = { node, key, spellings: new Set([g.name]), departments: new Set<string>() };
    this.states.set(key, state);
    (parent ? parent.node.children : this.roots).push(node);
    return state;
  }

  department(own: NodeState, department: string): void {
    if (!department) return;
    if (!this.departments.includes(department)) this.departments.push(department);
    own.node.department ??= department;
    own.departments.add(department);
  }

  /** A node named two ways, or given two departments, is kept once with a warning. */
  warnAboutSpellings(): void {
    for (const state of this.states.values()) {
      if (state.spellings.size > 1) {
        this.reading.warnings.push({
          message: `コード「${state.node.code}」の名前が${state.spellings.size}通りあります（${[...state.spellings].map((s) => `「${s}」`).join('、')}）。1つの項目「${state.node.name}」として取り込みます`,
          ...(state.node.source ? { place: state.node.source } : {}),
        });
      }
      if (state.departments.size > 1) {
        this.reading.warnings.push({
          message: `「${state.node.name}」の担当課が${state.departments.size}通りあります（${[...state.departments].join('、')}）。「${state.node.department}」とします`,
          ...(state.node.source ? { place: state.node.source } : {}),
        });
      }
    }
  }
}

function readRatingCells(reading: TableReading, columns: Columns, row: Row, path: readonly NodeState[]): void {
  for (const col of columns.ratingColumns) {
    const raw = reading.cell(row.cells, col.index);
    if (!raw) continue;
    const at = reading.place(row.number, col.index);
    const target = path[col.scale.tierIndex];
    if (!target) {
      reading.problem(`評価「${raw}」の対象の「${columns.tierNames[col.scale.tierIndex]}」がこの行にありません`, at);
      continue;
    }
    let text = normalizeCode(raw);
    const found: string[] = [];
    for (let again = true; again; ) {
      again = false;
      for (const mark of columns.marks) {
        if (text.length > mark.length && text.endsWith(mark)) {
          found.unshift(mark);
          text = text.slice(0, -mark.length).trim();
          again = true;
        }
      }
    }
    const code = columns.codeLookup.get(col.scale.key)!.get(comparable(text));
    if (code === undefined) {
      reading.problem(`評価「${text}」は評価基準にありません（${col.scale.codes.map((c) => c.code).join(', ')}）`, at);
      continue;
    }
    const existing = target.node.ratings.find((r) => r.fiscalYear === col.fiscalYear && r.scaleKey === col.scale.key);
    if (existing) {
      if (existing.code !== code) reading.problem(`「${target.node.name}」の${col.fiscalYear}年度の評価が二通りあります（${existing.code} と ${code}）`, at);
      continue;
    }
    target.node.ratings.push({ fiscalYear: col.fiscalYear, scaleKey: col.scale.key, code, marks: found, source: at });
  }
}

function addNarrative(target: NodeState, n: ImportedNarrative): void {
  const same = target.node.narratives.some((x) => x.fiscalYear === n.fiscalYear && x.role === n.role && x.kind === n.kind && x.text === n.text);
  if (!same) target.node.narratives.push(n);
}

function readNarrativeCells(reading: TableReading, columns: Columns, row: Row, path: readonly NodeState[]): void {
  for (const col of columns.narrativeColumns) {
    const text = reading.cell(row.cells, col.index);
    if (!text) continue;
    const target = path[col.tierIndex ?? path.length - 1];
    if (!target) continue;
    addNarrative(target, { fiscalYear: col.fiscalYear, role: col.role, kind: col.kind, text, source: reading.place(row.number, col.index) });
  }
  const { direction, directionValues } = columns;
  const raw = direction ? reading.cell(row.cells, direction.index) : '';
  if (!direction || !raw) return;
  const at = reading.place(row.number, direction.index);
  let text = normalizeCode(raw);
  if (directionValues) {
    const match = matchChoice(raw, directionValues);
    if (!match) {
      reading.problem(
        `今後の方向性「${text}」は選択肢にありません（${directionValues.map((v) => (v.code ? `${v.code} ${v.label}` : v.label)).join(', ')}）`,
        at,
      );
    } else {
      text = match.label;
    }
  }
  addNarrative(path[path.length - 1]!, { fiscalYear: direction.fiscalYear, role: direction.role, kind: 'direction', text, source: at });
}

/** The plan's period: as the mapping says, else the years the file speaks of. */
function planPeriod(reading: TableReading, states: Iterable<NodeState>): { startFiscalYear: number; endFiscalYear: number } {
  const { mapping, sheet } = reading;
  const years = [...states].flatMap(({ node }) => [
    ...[...node.ratings, ...node.narratives, ...(node.directions ?? []), ...(node.costs ?? [])].map((r) => r.fiscalYear),
    ...(node.indicators ?? []).flatMap((i) => [...i.targets, ...i.actuals].map((x) => x.fiscalYear)),
  ]);
  if (mapping.fiscalYear !== undefined) years.push(mapping.fiscalYear);
  const startFiscalYear = mapping.plan.startFiscalYear ?? Math.min(...years);
  const endFiscalYear = mapping.plan.endFiscalYear ?? Math.max(...years);
  if (!Number.isFinite(startFiscalYear) || !Number.isFinite(endFiscalYear)) {
    throw new ImportSourceError([
      { message: '計画期間が分かりません。マッピングの plan.startFiscalYear と plan.endFiscalYear を書いてください', place: { file: sheet.file } },
    ]);
  }
  if (endFiscalYear < startFiscalYear)
    throw new ImportSourceError([{ message: `計画期間の終わり（${endFiscalYear}）が始まり（${startFiscalYear}）より前です`, place: { file: sheet.file } }]);
  return { startFiscalYear, endFiscalYear };
}

export function readTable(sheet: SheetRows, mapping: TableMapping, file: { name: string; content: string }): ImportedPlan {
  const reading = new TableReading(sheet, mapping);
  const columns = resolveColumns(reading);
  reading.stopOnProblems();
  const tree = new TreeBuilder(reading, columns);
  for (const row of sheet.rows) {
    if (row.number <= mapping.headerRow) continue;
    const path = tree.pathOf(row);
    if (!path) continue;
    tree.department(path[path.length - 1]!, reading.cell(row.cells, columns.departmentColumn));
    readRatingCells(reading, columns, row, path);
    readNarrativeCells(reading, columns, row, path);
    readIndicatorCells(
      reading,
      columns.indicatorColumns,
      row,
      path.map((s) => s.node),
    );
  }
  tree.warnAboutSpellings();
  reading.stopOnProblems();
  if (tree.roots.length === 0) throw new ImportSourceError([{ message: 'データ行がありません', place: reading.place(mapping.headerRow + 1) }]);
  const { startFiscalYear, endFiscalYear } = planPeriod(reading, tree.states.values());
  const roundYear = mapping.round?.fiscalYear ?? mapping.fiscalYear ?? endFiscalYear;
  return {
    plan: { name: mapping.plan.name, ...(mapping.plan.slug ? { slug: mapping.plan.slug } : {}), startFiscalYear, endFiscalYear },
    tiers: columns.tierNames,
    scales: columns.scales,
    annotationKinds: mapping.annotations.map((a) => ({ mark: a.mark, meaning: a.meaning })),
    departments: tree.departments,
    nodes: tree.roots,
    planNarratives: [],
    rounds: mapping.round ? [{ fiscalYear: roundYear, kind: mapping.round.kind }] : [],
    annotationFootnotes: [],
    reportedSummaries: [],
    ...(columns.indicatorColumns.directionCodes.length ? { directionCodes: columns.indicatorColumns.directionCodes } : {}),
    warnings: reading.warnings,
    file,
  };
}
