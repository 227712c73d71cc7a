/**
 * Rows of a CSV or worksheet + a column mapping → ImportedPlan. Pure. Every problem
 * is collected with its cell and reported together; one problem means nothing is
 * imported. Rows name their place in the tree by the tier columns: a blank upper-tier
 * cell continues the row above (merged cells, continuation rows), the deepest filled
 * tier is the row's own node. Codes are normalised (NFKC, one space), names are kept
 * as written apart from trimming.
 *
 * Over the usual size because the row walk, the cell rules and the problem list share
 * one state; split, each piece would need all of it passed around.
 */
import type { ScaleCode } from '../../../evaluations/summary.js';
import {
  type ImportedNarrative,
  type ImportedNode,
  type ImportedPlan,
  type ImportedScale,
  ImportSourceError,
  type ImportWarning,
  type PlacedProblem,
  type SourcePlace,
} from '../../imported-plan.js';
import type { ColumnRef, TableMapping } from './mapping-schema.js';
import { columnIndex, columnLetter, type SheetRows } from './sheet-rows.js';

const MAX_PROBLEMS = 50;
const DASHES = /^[-\u2010-\u2015\u2212\uff0d\u30fc]$/u;

/** Half-width digits and letters, one space between words: `１　現状維持` → `1 現状維持`. */
export function normalizeCode(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

/** How a rating cell and a scale code are compared: NFKC, no spaces, any lone dash is "—". */
function comparable(text: string): string {
  const s = normalizeCode(text).replace(/ /g, '');
  return DASHES.test(s) ? '—' : s;
}

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

export function readTable(sheet: SheetRows, mapping: TableMapping, file: { name: string; content: string }): ImportedPlan {
  const problems: PlacedProblem[] = [];
  const warnings: ImportWarning[] = [];
  const place = (row: number, column?: number): SourcePlace => ({
    file: sheet.file,
    ...(sheet.sheet !== undefined ? { sheet: sheet.sheet } : {}),
    row,
    ...(column !== undefined ? { column: columnLetter(column) } : {}),
  });
  const problem = (message: string, at: SourcePlace) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ message, place: at });
  };

  const header = sheet.rows.find((r) => r.number === mapping.headerRow);
  if (!header) throw new ImportSourceError([{ message: `見出し行（${mapping.headerRow}行）がありません`, place: place(mapping.headerRow) }]);
  const width = header.cells.length;
  const headerTexts = header.cells.map((c) => comparable(c));
  const resolve = (ref: ColumnRef | undefined): number | undefined => {
    if (ref === undefined) return undefined;
    if (typeof ref === 'string') {
      const index = columnIndex(ref);
      if (index >= width) problem(`列 ${ref} は見出し行の範囲外です（最後の列は ${columnLetter(width - 1)}）`, place(mapping.headerRow, index));
      return index;
    }
    const index = headerTexts.indexOf(comparable(ref.header));
    if (index < 0) {
      problem(`見出し「${ref.header}」が見出し行にありません（見出し: ${header.cells.filter((c) => c.trim()).join('、')}）`, place(mapping.headerRow));
      return undefined;
    }
    return index;
  };

  const tierNames = mapping.tiers.map((t) => t.name);
  const tierColumns = mapping.tiers.map((t) => ({ code: resolve(t.codeColumn), name: resolve(t.nameColumn) }));
  const departmentColumn = resolve(mapping.departmentColumn);
  const scales: ImportedScale[] = mapping.scales.map((s) => ({
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
  const codeLookup = new Map(
    mapping.scales.map((s) => {
      const byText = new Map<string, string>();
      for (const c of s.codes) for (const text of [c.code, c.label, ...c.aliases]) if (text) byText.set(comparable(text), c.code);
      return [s.key, byText] as const;
    }),
  );
  const marks = [...new Set(['※', ...mapping.annotations.map((a) => a.mark)])];
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
  const direction = mapping.direction
    ? { ...mapping.direction, index: resolve(mapping.direction.column), fiscalYear: (mapping.direction.fiscalYear ?? mapping.fiscalYear)! }
    : undefined;
  const directionValues = direction?.values?.map((v) => (typeof v === 'string' ? { code: undefined, label: v } : v));
  if (problems.length) throw new ImportSourceError(problems);

  const roots: ImportedNode[] = [];
  const states = new Map<string, NodeState>();
  const departments: string[] = [];
  let previousPath: NodeState[] = [];
  const cell = (cells: string[], index: number | undefined) => (index === undefined ? '' : (cells[index] ?? '').trim());

  for (const row of sheet.rows) {
    if (row.number <= mapping.headerRow) continue;
    const given = tierColumns.map((cols) => {
      const codeText = cell(row.cells, cols.code);
      const nameText = cell(row.cells, cols.name);
      if (!codeText) return nameText ? { name: nameText } : undefined;
      const split = cols.name === undefined || !nameText ? splitCodeAndName(codeText) : { code: normalizeCode(codeText), name: nameText };
      return { code: split.code, name: nameText || split.name || split.code };
    });
    const deepest = given.findLastIndex((g) => g !== undefined);
    if (deepest < 0) {
      const stray = [...ratingColumns, ...narrativeColumns].find((c) => cell(row.cells, c.index));
      if (stray) problem('この行にはどの階層の項目名もありません', place(row.number, stray.index));
      continue;
    }
    const path: NodeState[] = [];
    let broken = false;
    for (let tier = 0; tier <= deepest; tier++) {
      const g = given[tier];
      if (!g) {
        const inherited = previousPath[tier];
        if (!inherited || (tier > 0 && previousPath[tier - 1] !== path[tier - 1])) {
          problem(`階層「${tierNames[tier]}」が空です（上の行から引き継げません）`, place(row.number, tierColumns[tier]!.name ?? tierColumns[tier]!.code));
          broken = true;
          break;
        }
        path.push(inherited);
        continue;
      }
      const parent = path[tier - 1];
      const key = `${parent?.key ?? ''}\u0001${g.code !== undefined ? `c:${g.code}` : `n:${g.name}`}`;
      let state = states.get(key);
      if (!state) {
        const node: ImportedNode = {
          ...(g.code !== undefined ? { code: g.code } : {}),
          name: g.name,
          tierIndex: tier,
          ratings: [],
          narratives: [],
          children: [],
          source: place(row.number, tierColumns[tier]!.name ?? tierColumns[tier]!.code),
        };
        state = { node, key, spellings: new Set([g.name]), departments: new Set() };
        states.set(key, state);
        (parent ? parent.node.children : roots).push(node);
      } else {
        state.spellings.add(g.name);
      }
      path.push(state);
    }
    if (broken) continue;
    previousPath = path;
    const own = path[deepest]!;

    const department = cell(row.cells, departmentColumn);
    if (department) {
      if (!departments.includes(department)) departments.push(department);
      own.node.department ??= department;
      own.departments.add(department);
    }

    for (const col of ratingColumns) {
      const raw = cell(row.cells, col.index);
      if (!raw) continue;
      const at = place(row.number, col.index);
      const target = path[col.scale.tierIndex];
      if (!target) {
        problem(`評価「${raw}」の対象の「${tierNames[col.scale.tierIndex]}」がこの行にありません`, at);
        continue;
      }
      let text = normalizeCode(raw);
      const found: string[] = [];
      for (let again = true; again; ) {
        again = false;
        for (const mark of marks) {
          if (text.length > mark.length && text.endsWith(mark)) {
            found.unshift(mark);
            text = text.slice(0, -mark.length).trim();
            again = true;
          }
        }
      }
      const code = codeLookup.get(col.scale.key)!.get(comparable(text));
      if (code === undefined) {
        problem(`評価「${text}」は評価基準にありません（${col.scale.codes.map((c) => c.code).join(', ')}）`, at);
        continue;
      }
      const existing = target.node.ratings.find((r) => r.fiscalYear === col.fiscalYear && r.scaleKey === col.scale.key);
      if (existing) {
        if (existing.code !== code) problem(`「${target.node.name}」の${col.fiscalYear}年度の評価が二通りあります（${existing.code} と ${code}）`, at);
        continue;
      }
      target.node.ratings.push({ fiscalYear: col.fiscalYear, scaleKey: col.scale.key, code, marks: found, source: at });
    }

    const addNarrative = (target: NodeState, n: ImportedNarrative) => {
      const same = target.node.narratives.some((x) => x.fiscalYear === n.fiscalYear && x.role === n.role && x.kind === n.kind && x.text === n.text);
      if (!same) target.node.narratives.push(n);
    };
    for (const col of narrativeColumns) {
      const text = cell(row.cells, col.index);
      if (!text) continue;
      const target = path[col.tierIndex ?? deepest];
      if (!target) continue;
      addNarrative(target, { fiscalYear: col.fiscalYear, role: col.role, kind: col.kind, text, source: place(row.number, col.index) });
    }
    if (direction) {
      const raw = cell(row.cells, direction.index);
      if (raw) {
        const at = place(row.number, direction.index);
        let text = normalizeCode(raw);
        if (directionValues) {
          const split = splitCodeAndName(raw);
          const match = directionValues.find((v) =>
            [v.label, v.code].some((x) => x !== undefined && [text, split.code, split.name].some((t) => t !== undefined && comparable(t) === comparable(x))),
          );
          if (!match) {
            problem(`今後の方向性「${text}」は選択肢にありません（${directionValues.map((v) => (v.code ? `${v.code} ${v.label}` : v.label)).join(', ')}）`, at);
          } else {
            text = match.label;
          }
        }
        addNarrative(own, { fiscalYear: direction.fiscalYear, role: direction.role, kind: 'direction', text, source: at });
      }
    }
  }

  for (const state of states.values()) {
    if (state.spellings.size > 1) {
      warnings.push({
        message: `コード「${state.node.code}」の名前が${state.spellings.size}通りあります（${[...state.spellings].map((s) => `「${s}」`).join('、')}）。1つの項目「${state.node.name}」として取り込みます`,
        ...(state.node.source ? { place: state.node.source } : {}),
      });
    }
    if (state.departments.size > 1) {
      warnings.push({
        message: `「${state.node.name}」の担当課が${state.departments.size}通りあります（${[...state.departments].join('、')}）。「${state.node.department}」とします`,
        ...(state.node.source ? { place: state.node.source } : {}),
      });
    }
  }
  if (problems.length) throw new ImportSourceError(problems);
  if (roots.length === 0) throw new ImportSourceError([{ message: 'データ行がありません', place: place(mapping.headerRow + 1) }]);

  const years = [...states.values()].flatMap((s) => [...s.node.ratings, ...s.node.narratives].map((r) => r.fiscalYear));
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
  const roundYear = mapping.round?.fiscalYear ?? mapping.fiscalYear ?? endFiscalYear;

  return {
    plan: { name: mapping.plan.name, ...(mapping.plan.slug ? { slug: mapping.plan.slug } : {}), startFiscalYear, endFiscalYear },
    tiers: tierNames,
    scales,
    annotationKinds: mapping.annotations.map((a) => ({ mark: a.mark, meaning: a.meaning })),
    departments,
    nodes: roots,
    planNarratives: [],
    rounds: mapping.round ? [{ fiscalYear: roundYear, kind: mapping.round.kind }] : [],
    annotationFootnotes: [],
    reportedSummaries: [],
    warnings,
    file,
  };
}
