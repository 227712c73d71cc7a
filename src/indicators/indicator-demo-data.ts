/**
 * The made-up figures of the indicator demo (indicator-demo.ts builds the plan from them):
 * seven 事業 under two 基本目標, one indicator each, chosen so that every case the rule
 * engine knows shows up once — higher and lower is better, cumulative, yearly targets, a
 * revised target, a zero baseline, a missing and an unmeasurable actual — with the two
 * published ratings that differ from the rule's proposal and their reasons.
 */
export const START = 2021;
export const END = 2024;
export const EXTENDED_TO = 2026;
export const PUBLISHED_YEARS = [2021, 2022] as const;
export const DEPARTMENTS = ['デモ 市民サービス課', 'デモ 防災まちづくり課'] as const;

export interface DemoIndicator {
  name: string;
  unit: string;
  kind: 'activity' | 'outcome' | 'other';
  direction: 'higher' | 'lower';
  cumulative?: boolean;
  baseline: { fiscalYear: number; value: string };
  targets: { kind: 'yearly' | 'final'; fiscalYear: number; value: string; revision?: { newValue: string; reason: string; decidedFiscalYear: number } }[];
  /** By year; null value with a note: not measurable; a year left out: no actual. */
  actuals: { fiscalYear: number; value: string | null; note?: string }[];
}

export interface DemoProject {
  code: string;
  name: string;
  department: (typeof DEPARTMENTS)[number];
  indicator: DemoIndicator;
  /** A published rating that differs from the rule's proposal, with its reason. */
  override?: { fiscalYear: number; code: string; reason: string };
  directions: [string, string];
  /** 事業費 and 人件費 (千円) for the published years; the funding is split from them. */
  costs: [string, string];
}

const final = (value: string, revision?: DemoIndicator['targets'][number]['revision']) => ({
  kind: 'final' as const,
  fiscalYear: END,
  value,
  ...(revision ? { revision } : {}),
});

export const PROJECTS: readonly DemoProject[] = [
  {
    code: '1.1.1',
    name: '【デモ】電子申請の拡大',
    department: DEPARTMENTS[0],
    indicator: {
      name: '電子申請の利用件数',
      unit: '件',
      kind: 'outcome',
      direction: 'higher',
      baseline: { fiscalYear: 2020, value: '1000' },
      // Re-set after the extension: the one indicator the extension warning leaves out.
      targets: [final('2000', { newValue: '2600', reason: '計画期間の延長に合わせて再設定（デモ）', decidedFiscalYear: 2024 })],
      actuals: [
        { fiscalYear: 2021, value: '1200' },
        { fiscalYear: 2022, value: '1700' },
      ],
    },
    directions: ['拡充', '拡充'],
    costs: ['12000', '3000'],
  },
  {
    code: '1.1.2',
    name: '【デモ】窓口の待ち時間の短縮',
    department: DEPARTMENTS[0],
    indicator: {
      name: '窓口の平均待ち時間',
      unit: '分',
      kind: 'outcome',
      direction: 'lower',
      baseline: { fiscalYear: 2020, value: '30' },
      targets: [final('15')],
      actuals: [
        { fiscalYear: 2021, value: '26' },
        { fiscalYear: 2022, value: '18' },
      ],
    },
    override: { fiscalYear: 2022, code: 'A', reason: '繁忙期を除く平均は14分で目標を上回っており、実態として達成と判断した（デモ）。' },
    directions: ['改善', '継続'],
    costs: ['4000', '2500'],
  },
  {
    code: '1.1.3',
    name: '【デモ】職員のデジタル研修',
    department: DEPARTMENTS[0],
    indicator: {
      name: '研修の延べ受講者数',
      unit: '人',
      kind: 'activity',
      direction: 'higher',
      cumulative: true,
      baseline: { fiscalYear: 2020, value: '0' },
      targets: [final('1000')],
      actuals: [
        { fiscalYear: 2021, value: '200' },
        { fiscalYear: 2022, value: '250' },
      ],
    },
    directions: ['継続', '継続'],
    costs: ['1500', '800'],
  },
  {
    code: '1.2.1',
    name: '【デモ】広報紙の充実',
    department: DEPARTMENTS[0],
    indicator: {
      name: '広報紙を読んでいる市民の割合',
      unit: '%',
      kind: 'outcome',
      direction: 'higher',
      baseline: { fiscalYear: 2019, value: '45' },
      targets: [final('60')],
      actuals: [
        { fiscalYear: 2021, value: '48.5' },
        { fiscalYear: 2022, value: null, note: '市民意識調査を隔年で実施しており、この年度は調査がないため（デモ）' },
      ],
    },
    directions: ['継続', '改善'],
    costs: ['8000', '1200'],
  },
  {
    code: '1.2.2',
    name: '【デモ】オープンデータの公開',
    department: DEPARTMENTS[0],
    indicator: {
      name: '公開データセット数',
      unit: '件',
      kind: 'activity',
      direction: 'higher',
      baseline: { fiscalYear: 2020, value: '0' },
      targets: [
        { kind: 'yearly', fiscalYear: 2021, value: '20' },
        { kind: 'yearly', fiscalYear: 2022, value: '40' },
        { kind: 'yearly', fiscalYear: 2023, value: '60' },
        { kind: 'yearly', fiscalYear: 2024, value: '80' },
      ],
      actuals: [
        { fiscalYear: 2021, value: '22' },
        { fiscalYear: 2022, value: '35' },
      ],
    },
    directions: ['拡充', '継続'],
    costs: ['600', '900'],
  },
  {
    code: '2.1.1',
    name: '【デモ】地域の防災訓練',
    department: DEPARTMENTS[1],
    indicator: {
      name: '防災訓練の参加率',
      unit: '%',
      kind: 'outcome',
      direction: 'higher',
      baseline: { fiscalYear: 2020, value: '20' },
      targets: [final('50')],
      // 2022 has no actual: the rule proposes nothing and the rating was chosen by hand.
      actuals: [{ fiscalYear: 2021, value: '42' }],
    },
    override: { fiscalYear: 2021, code: 'C', reason: '参加率は伸びたが、参加者の大半が同じ自治会に偏っており、地域全体では目標に遠いと判断した（デモ）。' },
    directions: ['改善', '改善'],
    costs: ['2500', '1800'],
  },
  {
    code: '2.1.2',
    name: '【デモ】空き家の活用',
    department: DEPARTMENTS[1],
    indicator: {
      name: '空き家の活用件数',
      unit: '件',
      kind: 'outcome',
      direction: 'higher',
      baseline: { fiscalYear: 2020, value: '5' },
      targets: [final('50', { newValue: '40', reason: '補助制度の見直しにより目標を再設定（デモ）', decidedFiscalYear: 2023 })],
      actuals: [
        { fiscalYear: 2021, value: '10' },
        { fiscalYear: 2022, value: '30' },
      ],
    },
    directions: ['継続', '縮小'],
    costs: ['5000', '1500'],
  },
];

export const SCALE = {
  key: 'demo-indicators',
  name: '達成率による評価（デモ）',
  tierIndex: 2,
  codes: [
    { code: 'A', label: '目標を達成した', criteria: '達成率100%以上', position: 1, countsAsAchieved: true, isNotEvaluated: false },
    { code: 'B', label: '概ね達成した', criteria: '達成率80%以上', position: 2, countsAsAchieved: false, isNotEvaluated: false },
    { code: 'C', label: '一部達成した', criteria: '達成率50%以上', position: 3, countsAsAchieved: false, isNotEvaluated: false },
    { code: 'D', label: '達成できなかった', criteria: '達成率50%未満', position: 4, countsAsAchieved: false, isNotEvaluated: false },
    { code: '—', label: '評価対象外', criteria: '', position: 5, countsAsAchieved: false, isNotEvaluated: true },
  ],
};
