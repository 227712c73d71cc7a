/**
 * The facts of an ImportedPlan the database would refuse or store wrongly, said in
 * words with the place each was read from, before anything is written. Readers' callers
 * (readImportFile: the CLI, its --dry-run and the web preview) and the store run the same
 * check, so a file the preview accepts is a file the confirmation stores.
 */
import { COST_FIELDS } from '../indicators/cost-rollup.js';
import { NUMERIC_TEXT } from './decimal-text.js';
import { type ImportedNode, type ImportedPlan, ImportSourceError, type SourcePlace, walkNodes } from './imported-plan.js';
import { ProblemList } from './readers/problem-list.js';
import { directionCodesOf } from './store-plan-indicators.js';

/** Throws every problem found (ImportSourceError), each at its place; returns when there is none. */
export function checkImportedPlan(plan: ImportedPlan): void {
  const list = new ProblemList();
  const fallback: SourcePlace = { file: plan.file.name };
  const problem = (message: string, ...places: (SourcePlace | undefined)[]) => list.problem(message, places.find((p) => p !== undefined) ?? fallback);
  if (plan.tiers.length < 2) problem('階層は2つ以上必要です');
  const scales = new Map(plan.scales.map((s) => [s.key, s]));
  for (const s of plan.scales) if (s.tierIndex < 0 || s.tierIndex >= plan.tiers.length) problem(`評価基準「${s.name}」の階層がありません`);
  for (const { node } of walkNodes(plan.nodes)) {
    if (node.tierIndex < 0 || node.tierIndex >= plan.tiers.length) problem(`「${node.name}」の階層がありません`, node.source);
    const years = new Set<number>();
    for (const r of node.ratings) {
      const scale = scales.get(r.scaleKey);
      if (!scale?.codes.some((c) => c.code === r.code)) problem(`「${node.name}」の評価「${r.code}」は評価基準にありません`, r.source, node.source);
      // One rating per item and year is what the store keeps (ratings are unique by item and year).
      else if (years.has(r.fiscalYear))
        problem(
          `「${node.name}」に${r.fiscalYear}年度の評価が2つあります。1つの項目を2つの評価基準で評価する取り込みにはまだ対応していません`,
          r.source,
          node.source,
        );
      years.add(r.fiscalYear);
    }
    checkIndicatorFacts(plan, node, problem);
  }
  if (list.problems.length) throw new ImportSourceError(list.problems);
}

type Problem = (message: string, ...places: (SourcePlace | undefined)[]) => void;

function checkIndicatorFacts(plan: ImportedPlan, node: ImportedNode, problem: Problem): void {
  const number = (what: string, value: string | null | undefined, ...at: (SourcePlace | undefined)[]) => {
    if (value !== null && value !== undefined && !NUMERIC_TEXT.test(value)) problem(`「${node.name}」の${what}「${value}」は数値ではありません`, ...at);
  };
  const names = new Set<string>();
  for (const i of node.indicators ?? []) {
    if (!i.name) problem(`「${node.name}」に名前のない指標があります`, i.source, node.source);
    else if (names.has(i.name)) problem(`「${node.name}」に指標「${i.name}」が2つあります`, i.source, node.source);
    names.add(i.name);
    number(`指標「${i.name}」の基準値`, i.baseline?.value, i.source, node.source);
    const finals = i.targets.filter((t) => t.kind === 'final');
    if (finals.length > 1) problem(`「${node.name}」の指標「${i.name}」に最終目標が2つあります`, finals[1]!.source, i.source);
    for (const t of i.targets) {
      number(`指標「${i.name}」の目標値`, t.value, t.source, i.source);
      for (const r of t.revisions) {
        number(`指標「${i.name}」の見直し前の目標値`, r.oldValue, r.source, t.source, i.source);
        number(`指標「${i.name}」の見直し後の目標値`, r.newValue, r.source, t.source, i.source);
        if (!r.reason.trim()) problem(`「${node.name}」の指標「${i.name}」の目標値の見直しに理由がありません`, r.source, t.source, i.source);
      }
    }
    for (const a of i.actuals) {
      number(`指標「${i.name}」の${a.fiscalYear}年度の実績値`, a.value, a.source, i.source);
      if (a.notMeasurable && a.value !== null)
        problem(`「${node.name}」の指標「${i.name}」の${a.fiscalYear}年度は測定不能なのに実績値があります`, a.source, i.source);
    }
  }
  const codes = directionCodesOf(plan).map((c) => c.code);
  for (const d of node.directions ?? [])
    if (!codes.includes(d.code))
      problem(`「${node.name}」の${d.fiscalYear}年度の今後の方向性「${d.code}」は選択肢にありません（${codes.join('、')}）`, d.source, node.source);
  for (const c of node.costs ?? []) for (const f of COST_FIELDS) number(`${c.fiscalYear}年度の事業費`, c[f], c.source, node.source);
}
