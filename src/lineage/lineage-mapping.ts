/**
 * An item mapping between a plan and its successor, as rows of (kind, predecessor code,
 * successor code): read from CSV and checked against both plans' items, all or nothing,
 * each problem with its line. Pure.
 *   carried_over  one predecessor item continues as one successor item (1:1)
 *   merged_into   several predecessor items continue as one successor item
 *   split_into    one predecessor item continues as several successor items
 *   ended         a predecessor item does not continue
 *   new           a successor item continues nothing
 */
import { parse } from 'csv-parse/sync';

export const LINEAGE_KINDS = ['carried_over', 'merged_into', 'split_into', 'ended', 'new'] as const;
export type LineageKind = (typeof LINEAGE_KINDS)[number];

/** The words a CSV or a form may use for each kind (Japanese first, then the key). */
export const LINEAGE_KIND_WORDS: Readonly<Record<LineageKind, { ja: string; en: string }>> = {
  carried_over: { ja: '引き継ぎ', en: 'carried over' },
  merged_into: { ja: '統合', en: 'merged into' },
  split_into: { ja: '分割', en: 'split into' },
  ended: { ja: '終了', en: 'ended' },
  new: { ja: '新規', en: 'new' },
};

export interface MappingRow {
  /** 1-based line in the source (the header is line 1). */
  line: number;
  kind: LineageKind;
  predecessorCode: string | null;
  successorCode: string | null;
}

export interface MappingProblem {
  line: number;
  message: string;
}

export function kindOf(word: string): LineageKind | undefined {
  const w = word.trim();
  return LINEAGE_KINDS.find((k) => k === w || LINEAGE_KIND_WORDS[k].ja === w || LINEAGE_KIND_WORDS[k].en === w);
}

const HEADERS = {
  kind: ['種別', 'kind'],
  predecessor: ['前計画の番号', 'predecessor_code'],
  successor: ['後継計画の番号', 'successor_code'],
};

/** Reads `種別,前計画の番号,後継計画の番号` (or kind,predecessor_code,successor_code) rows. */
export function parseMappingCsv(text: string): { rows: MappingRow[]; problems: MappingProblem[] } {
  const records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  const problems: MappingProblem[] = [];
  const header = records[0] ?? [];
  const col = (names: string[]) => header.findIndex((h) => names.includes(h));
  const cols = { kind: col(HEADERS.kind), predecessor: col(HEADERS.predecessor), successor: col(HEADERS.successor) };
  if (cols.kind < 0 || cols.predecessor < 0 || cols.successor < 0) {
    return {
      rows: [],
      problems: [{ line: 1, message: `見出しの行に「${HEADERS.kind[0]}」「${HEADERS.predecessor[0]}」「${HEADERS.successor[0]}」が必要です。` }],
    };
  }
  const rows: MappingRow[] = [];
  records.slice(1).forEach((r, i) => {
    const line = i + 2;
    const kind = kindOf(r[cols.kind] ?? '');
    if (!kind) {
      problems.push({ line, message: `種別が読めません: 「${r[cols.kind] ?? ''}」（${LINEAGE_KINDS.map((k) => LINEAGE_KIND_WORDS[k].ja).join('・')}）` });
      return;
    }
    rows.push({ line, kind, predecessorCode: r[cols.predecessor] || null, successorCode: r[cols.successor] || null });
  });
  return { rows, problems };
}

export interface MappingItem {
  id: number;
  code: string;
}

export interface ResolvedRow {
  kind: LineageKind;
  predecessorItemId: number | null;
  successorItemId: number | null;
}

function shapeProblem(row: MappingRow): string | undefined {
  const both = row.predecessorCode !== null && row.successorCode !== null;
  if (row.kind === 'ended') return row.predecessorCode !== null && row.successorCode === null ? undefined : '「終了」には前計画の番号だけを書きます。';
  if (row.kind === 'new') return row.predecessorCode === null && row.successorCode !== null ? undefined : '「新規」には後継計画の番号だけを書きます。';
  return both ? undefined : `「${LINEAGE_KIND_WORDS[row.kind].ja}」には両方の番号が必要です。`;
}

/** Counts per item across the rows, for the 1:1, many:1 and 1:many rules. */
function cardinalityProblems(rows: readonly MappingRow[]): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const seen = new Map<string, number>();
  const byPredecessor = new Map<string, MappingRow[]>();
  const bySuccessor = new Map<string, MappingRow[]>();
  for (const r of rows) {
    const key = `${r.predecessorCode ?? ''}→${r.successorCode ?? ''}`;
    if (seen.has(key)) problems.push({ line: r.line, message: `${seen.get(key)} 行目と同じ組み合わせです。` });
    seen.set(key, r.line);
    if (r.predecessorCode !== null) byPredecessor.set(r.predecessorCode, [...(byPredecessor.get(r.predecessorCode) ?? []), r]);
    if (r.successorCode !== null) bySuccessor.set(r.successorCode, [...(bySuccessor.get(r.successorCode) ?? []), r]);
  }
  for (const [code, list] of byPredecessor) {
    const kinds = new Set(list.map((r) => r.kind));
    if (list.length > 1 && !(kinds.size === 1 && kinds.has('split_into'))) {
      problems.push({ line: list[1]!.line, message: `前計画の ${code} が複数の行にあります（複数に続くのは「分割」だけです）。` });
    }
  }
  for (const [code, list] of bySuccessor) {
    const kinds = new Set(list.map((r) => r.kind));
    if (list.length > 1 && !(kinds.size === 1 && kinds.has('merged_into'))) {
      problems.push({ line: list[1]!.line, message: `後継計画の ${code} が複数の行にあります（複数から続くのは「統合」だけです）。` });
    }
  }
  return problems;
}

/** Checks every row against both plans' items; resolved rows only when there is no problem at all. */
export function resolveMapping(
  rows: readonly MappingRow[],
  predecessor: readonly MappingItem[],
  successor: readonly MappingItem[],
): { resolved: ResolvedRow[]; problems: MappingProblem[] } {
  const before = new Map(predecessor.map((i) => [i.code, i.id]));
  const after = new Map(successor.map((i) => [i.code, i.id]));
  const problems: MappingProblem[] = [];
  for (const r of rows) {
    const shape = shapeProblem(r);
    if (shape) problems.push({ line: r.line, message: shape });
    if (r.predecessorCode !== null && !before.has(r.predecessorCode))
      problems.push({ line: r.line, message: `前計画に番号 ${r.predecessorCode} の項目がありません。` });
    if (r.successorCode !== null && !after.has(r.successorCode))
      problems.push({ line: r.line, message: `後継計画に番号 ${r.successorCode} の項目がありません。` });
  }
  problems.push(...cardinalityProblems(rows));
  if (rows.length === 0) problems.push({ line: 1, message: '対応づけの行がありません。' });
  if (problems.length > 0) return { resolved: [], problems: problems.sort((a, b) => a.line - b.line) };
  const resolved = rows.map((r) => ({
    kind: r.kind,
    predecessorItemId: r.predecessorCode === null ? null : before.get(r.predecessorCode)!,
    successorItemId: r.successorCode === null ? null : after.get(r.successorCode)!,
  }));
  return { resolved, problems: [] };
}
