/**
 * What an import would store, in words: tiers with their node counts, scales, fiscal
 * years, departments, warnings. Printed by `hyoka import --dry-run` (nothing is
 * written) and after a real import, so both read the same.
 */
import { describePlace, countImportedPlan, type ImportedPlan } from './imported-plan.js';
import { shortWareki } from '../fiscal/fiscal-year.js';
import { roundKindLabel } from '../evaluations/round-kinds.js';


export function describeImportedPlan(plan: ImportedPlan): string[] {
  const counts = countImportedPlan(plan);
  const lines = [`計画: ${plan.plan.name}（${shortWareki(plan.plan.startFiscalYear)}〜${shortWareki(plan.plan.endFiscalYear)}）`];
  lines.push(`階層: ${plan.tiers.map((t, i) => `${t} ${counts.nodesPerTier[i] ?? 0}件`).join(' → ')}`);
  for (const s of plan.scales) lines.push(`評価基準: ${s.name}（${plan.tiers[s.tierIndex]}を評価）: ${s.codes.map((c) => (c.label && c.label !== c.code ? `${c.code} ${c.label}` : c.code)).join(' / ')}`);
  lines.push(`評価: ${counts.ratings}件（年度: ${counts.fiscalYears.map(shortWareki).join(', ') || 'なし'}）`);
  lines.push(`記述: ${counts.narratives}件`);
  if (plan.rounds.length) lines.push(`評価回: ${plan.rounds.map((r) => `${shortWareki(r.fiscalYear)} ${roundKindLabel(r.kind)}`).join(', ')}`);
  if (plan.departments.length) lines.push(`担当課: ${plan.departments.length}課（${plan.departments.join('、')}）`);
  for (const w of plan.warnings) lines.push(`警告: ${w.place ? `${describePlace(w.place)}: ` : ''}${w.message}`);
  return lines;
}
