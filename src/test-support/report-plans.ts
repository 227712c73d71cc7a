/**
 * Plans of other shapes than the sample, for the report tests: a 2-tier plan rated 5–1, a
 * 3-tier 総合戦略 (基本目標 → 施策 → KPI) rated ◎/○/△/×, a 5-tier 総合計画 (基本目標 → 政策 →
 * 基本施策 → 施策 → 事務事業) rated S/A/B/C/− with a 施策 that has no 事務事業 yet (a row of
 * its own without ratings), and a 6-tier plan rated 順調 … 遅れ. Each is
 * an ImportedPlan stored through the importer's own store, so the report reads it like
 * any imported plan. Ratings follow a fixed pattern, so tests can count them from the
 * ImportedPlan without going through the report code.
 */
import type { ScaleCode } from '../evaluations/summary.js';
import type { ImportedNarrative, ImportedNode, ImportedPlan } from '../imports/imported-plan.js';
import { storeImportedPlan } from '../imports/store-plan.js';
import type { ReportModel } from '../reports/report-model.js';
import { loadReportModel } from '../reports/report-queries.js';
import { createTestDb, type Engine, type TestDb } from './db.js';

/** A node of a spec: its name and its children. A leaf of the rated tier is rated; a leaf above it is a row without ratings. */
export interface SpecNode {
  name: string;
  children?: SpecNode[];
}

export interface ReportPlanSpec {
  slug: string;
  name: string;
  tiers: string[];
  scale: { name: string; codes: ScaleCode[] };
  fiscalYears: number[];
  nodes: SpecNode[];
}

const YEARS = [2020, 2021, 2022];
const ANNOTATION = { mark: '※', meaning: '災害の影響で事業を縮小した' };
export const REPORT_PLAN_FISCAL_YEAR = 2022;

/** A scale's codes in order (positions 1, 2, …), the first `achieved` counting as achieved; `notEvaluated` names its 評価なし. */
const scale = (name: string, achieved: number, codes: [string, string][], notEvaluated?: string): ReportPlanSpec['scale'] => ({
  name,
  codes: codes.map(([code, label], i) => ({
    code,
    label,
    criteria: `${label}。`,
    position: i + 1,
    countsAsAchieved: i < achieved,
    isNotEvaluated: code === notEvaluated,
  })),
});

const leaf = (name: string): SpecNode => ({ name });
const branch = (name: string, children: SpecNode[]): SpecNode => ({ name, children });

/** 基本目標 → 施策 → KPI: two goals, three measures, seven KPIs. */
export function threeTierSpec(): ReportPlanSpec {
  return {
    slug: 'sogo-senryaku-3',
    name: '第2期まち・ひと・しごと創生総合戦略',
    tiers: ['基本目標', '施策', 'KPI'],
    scale: scale('達成度', 2, [
      ['◎', '目標以上'],
      ['○', '目標と同等'],
      ['△', '目標未達'],
      ['×', '進捗なし'],
    ]),
    fiscalYears: YEARS,
    nodes: [
      branch('稼ぐ地域をつくる', [
        branch('地域産業の振興', [leaf('新規創業件数'), leaf('企業誘致件数'), leaf('観光入込客数')]),
        branch('農業の担い手確保', [leaf('新規就農者数')]),
      ]),
      branch('結婚・出産・子育ての希望をかなえる', [branch('子育て支援の充実', [leaf('待機児童数'), leaf('子育て相談件数'), leaf('出生数')])]),
    ],
  };
}

/** 基本目標 → 政策 → 基本施策 → 施策 → 事務事業: two goals, three policies, four basic measures. */
export function fiveTierSpec(): ReportPlanSpec {
  return {
    slug: 'sogo-keikaku-5',
    name: '第5次総合計画',
    tiers: ['基本目標', '政策', '基本施策', '施策', '事務事業'],
    scale: scale(
      '進捗評価',
      2,
      [
        ['S', '大きく上回る'],
        ['A', '達成'],
        ['B', '概ね達成'],
        ['C', '未達成'],
        ['−', '評価なし'],
      ],
      '−',
    ),
    fiscalYears: YEARS,
    nodes: [
      branch('安心して暮らせるまち', [
        branch('防災・減災', [
          branch('地域防災力の向上', [
            branch('自主防災組織の育成', [leaf('防災訓練事業'), leaf('防災資機材整備事業')]),
            branch('避難所の運営', [leaf('避難所運営訓練事業')]),
          ]),
          branch('災害に強い基盤', [branch('耐震化の促進', [leaf('木造住宅耐震改修補助事業'), leaf('ブロック塀撤去補助事業'), leaf('耐震診断事業')])]),
        ]),
      ]),
      branch('活力あるまち', [
        branch('産業振興', [branch('商工業の振興', [branch('中小企業の支援', [leaf('融資あっせん事業'), leaf('創業支援事業')]), leaf('商店街の活性化')])]),
        branch('都市基盤', [branch('公共交通', [branch('バス路線の維持', [leaf('コミュニティバス運行事業')])])]),
      ]),
    ],
  };
}

/** 施策 → KPI, rated 5 to 1: the top tier makes the tables, rows are not grouped. */
export function twoTierSpec(): ReportPlanSpec {
  return {
    slug: 'kpi-2',
    name: '行政改革実施計画',
    tiers: ['施策', 'KPI'],
    scale: scale('5段階評価', 3, [
      ['5', '大きく上回る'],
      ['4', '上回る'],
      ['3', '同程度'],
      ['2', '下回る'],
      ['1', '大きく下回る'],
    ]),
    fiscalYears: YEARS,
    nodes: [branch('窓口サービスの向上', [leaf('オンライン申請件数'), leaf('窓口待ち時間')]), branch('財政の健全化', [leaf('経常収支比率')])],
  };
}

/** Six tiers rated 順調 / 概ね順調 / やや遅れ / 遅れ: headings down to 施策, a table per 基本事業. */
export function sixTierSpec(): ReportPlanSpec {
  return {
    slug: 'sogo-keikaku-6',
    name: '総合計画実施計画',
    tiers: ['基本目標', '政策', '施策', '基本事業', '事務事業', '細事業'],
    scale: scale('進捗状況', 2, [
      ['順調', '計画どおり'],
      ['概ね順調', '概ね計画どおり'],
      ['やや遅れ', 'やや遅れている'],
      ['遅れ', '遅れている'],
    ]),
    fiscalYears: YEARS,
    nodes: [
      branch('健やかに暮らせるまち', [
        branch('健康づくり', [
          branch('生涯を通じた健康づくり', [
            branch('健診の充実', [branch('特定健診事業', [leaf('受診勧奨'), leaf('休日健診')]), branch('がん検診事業', [leaf('集団検診')])]),
            branch('食育の推進', [branch('食育推進事業', [leaf('食育講座')])]),
          ]),
        ]),
      ]),
    ],
  };
}

const narrative = (role: ImportedNarrative['role'], kind: ImportedNarrative['kind'], text: string): ImportedNarrative => ({
  fiscalYear: REPORT_PLAN_FISCAL_YEAR,
  role,
  kind,
  text,
});

/**
 * The spec as an ImportedPlan. Rated item i (document order) is rated codes[(i + y) % n] in
 * year y; the first one's last rating carries ※. Every row has a department and a progress text, every
 * node of the table tier a division opinion, every top node an expert opinion.
 */
export function importedReportPlan(spec: ReportPlanSpec): ImportedPlan {
  const rated = spec.tiers.length - 1;
  const tableTier = rated >= 2 ? rated - 2 : 0;
  let ratedIndex = 0;
  const build = (n: SpecNode, tier: number): ImportedNode => {
    const isRated = tier === rated;
    const isRow = isRated || (tier > tableTier && !n.children?.length);
    const index = isRated ? ratedIndex++ : -1;
    const codes = spec.scale.codes;
    return {
      name: n.name,
      tierIndex: tier,
      ...(isRow ? { department: index % 2 === 0 ? '企画課' : '防災課' } : {}),
      ratings: isRated
        ? spec.fiscalYears.map((fy, y) => ({
            fiscalYear: fy,
            scaleKey: 'main',
            code: codes[(index + y) % codes.length]!.code,
            marks: index === 0 && y === spec.fiscalYears.length - 1 ? [ANNOTATION.mark] : [],
          }))
        : [],
      narratives: [
        ...(isRow ? [narrative('department', 'progress', `${n.name}の進捗を報告します。`)] : []),
        ...(tier === tableTier ? [narrative('division', 'opinion', `${n.name}についての所管課の意見です。`)] : []),
        ...(tier === 0 ? [narrative('expert', 'opinion', `${n.name}についての学識経験者の意見です。`)] : []),
      ],
      children: (n.children ?? []).map((c) => build(c, tier + 1)),
    };
  };
  const nodes = spec.nodes.map((n) => build(n, 0));
  // The ※ footnote sits under the first table node and names the first row.
  const firstTable: number[] = Array.from({ length: tableTier + 1 }, () => 0);
  const firstRow: number[] = Array.from({ length: rated + 1 }, () => 0);
  return {
    plan: { name: spec.name, slug: spec.slug, startFiscalYear: spec.fiscalYears[0]!, endFiscalYear: spec.fiscalYears[0]! + 4 },
    tiers: spec.tiers,
    scales: [{ key: 'main', name: spec.scale.name, tierIndex: rated, codes: spec.scale.codes }],
    annotationKinds: [ANNOTATION],
    departments: [],
    nodes,
    planNarratives: [narrative('expert', 'opinion', `${spec.name}全体についての学識経験者の意見です。`)],
    rounds: [{ fiscalYear: REPORT_PLAN_FISCAL_YEAR, kind: 'yearly' }],
    annotationFootnotes: [{ fiscalYear: REPORT_PLAN_FISCAL_YEAR, node: firstTable, mark: ANNOTATION.mark, targets: [firstRow] }],
    reportedSummaries: [],
    warnings: [],
    file: { name: `${spec.slug}.json`, content: JSON.stringify(spec) },
  };
}

/** A fresh test database holding the spec's plan, and the report model of its round. */
export async function reportPlanModel(spec: ReportPlanSpec, engine: Engine = 'pglite'): Promise<TestDb & { model: ReportModel; plan: ImportedPlan }> {
  const t = await createTestDb(engine);
  try {
    const plan = importedReportPlan(spec);
    await storeImportedPlan(t.db, plan, { slug: spec.slug });
    return { ...t, plan, model: await loadReportModel(t.db, spec.slug, REPORT_PLAN_FISCAL_YEAR) };
  } catch (e) {
    await t.cleanup();
    throw e;
  }
}

/** The report models of several specs, each plan in a database of its own; `cleanup` closes them all. */
export async function reportPlanModels(specs: ReportPlanSpec[]): Promise<{ models: ReportModel[]; cleanup(): Promise<void> }> {
  const made: Awaited<ReturnType<typeof reportPlanModel>>[] = [];
  const cleanup = async () => {
    for (const m of made) await m.cleanup();
  };
  try {
    for (const spec of specs) made.push(await reportPlanModel(spec));
  } catch (e) {
    await cleanup();
    throw e;
  }
  return { models: made.map((m) => m.model), cleanup };
}
