/** `hyoka summary`: the per-year table as text or as one JSON object. */
import type { Queryable } from '../db/db.js';
import { fiscalYearLabel, type EraStyle } from '../fiscal/fiscal-year.js';
import { loadScale, loadSummary, type YearSummary } from '../evaluations/summary.js';
import { resolvePlan } from '../plans/plan-queries.js';
import { formatRate } from '../web/ui/format.js';

export interface SummaryJson {
  plan: { slug: string; name: string };
  years: Pick<YearSummary, 'fiscalYear' | 'label' | 'source' | 'counts' | 'total' | 'achievementRate'>[];
}

/** Display width: full-width characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - width(s))) + s;
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

export function formatSummaryTable(planName: string, slug: string, years: YearSummary[], codes: string[], era: EraStyle): string {
  const head = ['評価', ...years.map((y) => fiscalYearLabel(y.fiscalYear, era) + (y.source === 'reported' ? '*' : ''))];
  const rows = [
    ...codes.map((c) => [c, ...years.map((y) => String(y.counts[c] ?? 0))]),
    ['合計', ...years.map((y) => String(y.total))],
    ['達成率', ...years.map((y) => formatRate(y.achievementRate))],
  ];
  const widths = head.map((_, i) => Math.max(width(head[i]!), ...rows.map((r) => width(r[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? padEnd(c, widths[i]!) : padStart(c, widths[i]!))).join('  ');
  const out = [`${planName} (${slug})`, line(head), ...rows.map(line)];
  if (years.some((y) => y.source === 'reported')) out.push('* 報告値: 公表された集計値のみで、個別の評価は保存されていない年度');
  return out.join('\n') + '\n';
}

export async function runSummary(db: Queryable, opts: { plan?: string | undefined; json: boolean; era: EraStyle }): Promise<string> {
  const plan = await resolvePlan(db, opts.plan);
  const [years, scale] = await Promise.all([loadSummary(db, plan.id), loadScale(db, plan.id)]);
  if (opts.json) {
    const json: SummaryJson = {
      plan: { slug: plan.slug, name: plan.name },
      years: years.map((y) => ({
        fiscalYear: y.fiscalYear,
        label: y.label,
        source: y.source,
        counts: y.counts,
        total: y.total,
        achievementRate: y.achievementRate,
      })),
    };
    return JSON.stringify(json) + '\n';
  }
  return formatSummaryTable(
    plan.name,
    plan.slug,
    years,
    scale.map((c) => c.code),
    opts.era,
  );
}
