/**
 * Rule evaluation: every indicator-year of a large plan judged by the plan's rule, as
 * the entry form's proposals, the report and the API do. 20,000 indicators × 10 fiscal
 * years, values as decimal text the way they leave the database, some missing or not
 * measurable, a fifth cumulative and a quarter lower-is-better. Target < 200 ms per rule.
 */
import { findPreset } from '../src/indicators/rating-presets.js';
import { evaluateIndicatorYears, type IndicatorSeries } from '../src/indicators/indicator-series.js';
import { heading, report, timeRuns } from './measure.js';
import { seededRandom as prng } from './seeded-random.js';

const INDICATORS = 20000;
const YEARS = 10;
const FIRST_YEAR = 2016;
const TARGET_MS = 200;

export function syntheticIndicators(count = INDICATORS, years = YEARS, seed = 11, firstYear = FIRST_YEAR): IndicatorSeries[] {
  const rnd = prng(seed);
  const out: IndicatorSeries[] = [];
  for (let id = 1; id <= count; id++) {
    const lower = rnd() < 0.25;
    const cumulative = !lower && rnd() < 0.2;
    const decimals = rnd() < 0.3 ? 1 : 0;
    const base = 50 + rnd() * 500;
    const goal = lower ? base * (0.4 + rnd() * 0.5) : base * (1.1 + rnd());
    const fixed = (x: number) => x.toFixed(decimals);
    const yearly = cumulative ? goal / years : 0;
    out.push({
      id,
      itemId: Math.ceil(id / 3),
      name: `指標${id}`,
      unit: '件',
      kind: rnd() < 0.5 ? 'activity' : 'outcome',
      direction: lower ? 'lower' : 'higher',
      cumulative,
      decimals,
      position: ((id - 1) % 3) + 1,
      baseline: { fiscalYear: firstYear - 1, value: cumulative ? '0' : fixed(base) },
      targets: [
        {
          id,
          kind: 'final',
          fiscalYear: firstYear + years - 1,
          value: fixed(goal),
          revisions: rnd() < 0.1 ? [{ id, oldValue: fixed(goal), newValue: fixed(goal * 1.1), reason: '再設定', decidedFiscalYear: firstYear + 5 }] : [],
        },
      ],
      actuals: Array.from({ length: years }, (_, i) => {
        const r = rnd();
        const progress = (i + 1) / years;
        const value = cumulative ? yearly * (0.5 + rnd()) : base + (goal - base) * progress * (0.3 + rnd() * 1.1);
        return { fiscalYear: firstYear + i, value: r < 0.03 ? null : fixed(value), notMeasurable: r < 0.01, sourceNote: '' };
      }).map((a) => (a.notMeasurable ? { ...a, value: null } : a)),
    });
  }
  return out;
}

export async function runIndicatorsBench(): Promise<void> {
  heading(`indicators: rule evaluation, ${INDICATORS.toLocaleString('en')} indicators × ${YEARS} years`);
  const series = syntheticIndicators();
  const period = { startFiscalYear: FIRST_YEAR, endFiscalYear: FIRST_YEAR + YEARS - 1 };
  const years = Array.from({ length: YEARS }, (_, i) => FIRST_YEAR + i);
  for (const slug of ['ratio-a-d', 'ratio-a-c-110-95', 'band-s-c', 'marks-target', 'pace']) {
    const rule = findPreset(slug)!.rule;
    let proposed = 0;
    // CPU time beside wall time: on a shared machine the wall clock also counts other processes.
    const cpuBefore = process.cpuUsage();
    const codes = await timeRuns(5, async () => {
      proposed = 0;
      for (const s of series) for (const r of evaluateIndicatorYears(s, rule, years, period)) if (r.status === 'proposed') proposed++;
    });
    const cpu = process.cpuUsage(cpuBefore);
    report(`evaluate ${slug}: codes (${proposed.toLocaleString('en')} proposed)`, codes, TARGET_MS);
    console.log(`${''.padEnd(58)} cpu ${((cpu.user + cpu.system) / 1000 / 6).toFixed(1)} ms per run (mean of warm-up + 5)`);
    // What a report does: every explanation and percentage read as well.
    let chars = 0;
    const words = await timeRuns(3, async () => {
      chars = 0;
      for (const s of series)
        for (const r of evaluateIndicatorYears(s, rule, years, period))
          chars += r.explanation.length + (r.status === 'proposed' ? (r.percent?.length ?? 0) : 0);
    });
    report(`evaluate ${slug}: codes + words (${(chars / 1e6).toFixed(1)} M chars)`, words);
  }
}
