/** Words of the portal's outputs parts (indicators, 今後の方向性, costs): pages, charts and downloads. */
import { defineMessages } from '../web/messages.js';

export const ot = defineMessages({
  tableIndicators: {
    ja: '指標の年度ごとの目標値・実績・達成率・規則による評価（1行 = 1指標の1年度）',
    en: 'Indicators per fiscal year: target, actual, achievement rate, the rule’s rating (one row per indicator and year)',
  },
  tableCosts: { ja: '項目ごとの事業費・人件費・トータルコスト等（入力された単位のまま）', en: 'Costs per item and fiscal year, in the unit entered' },
  tableDirections: { ja: '項目ごとの今後の方向性（拡充・継続など）', en: 'Future direction per item and fiscal year' },
  outputsWorkbook: {
    ja: '指標・今後の方向性・事業費の Excel ファイル（outputs.xlsx）',
    en: 'Indicators, directions and costs as an Excel file (outputs.xlsx)',
  },
  indicatorsHeading: { ja: '指標', en: 'Indicators' },
  indicatorChartTitle: { ja: '「{name}」の実績と目標値の推移（{unit}）', en: '“{name}”: actual and target by year ({unit})' },
  indicatorChartDesc: {
    ja: '折れ線グラフ。実績（実線）と目標値（破線）の年度ごとの値。同じ値を下の表に示します。',
    en: 'Line chart of the actual (solid) and the target (dashed) per fiscal year; the table below gives the same values.',
  },
  actualSeries: { ja: '実績', en: 'Actual' },
  targetSeries: { ja: '目標値', en: 'Target' },
  yearHead: { ja: '年度', en: 'Fiscal year' },
  baselineLine: { ja: '基準値：{value}（{year}）', en: 'Baseline: {value} ({year})' },
  targetRevised: { ja: '（見直し後）', en: ' (revised)' },
  revisionLine: { ja: '目標値の見直し：{year}に {old} → {new}（{reason}）', en: 'Target revised in {year}: {old} → {new} ({reason})' },
  notResetLine: {
    ja: '計画期間の延長後、この指標の目標値は再設定されていません。',
    en: 'The target of this indicator was not re-set after the plan period was extended.',
  },
  notMeasurable: { ja: '測定できず', en: 'not measurable' },
  achievementHead: { ja: '達成率', en: 'Achievement' },
  ruleHead: { ja: '規則による評価', en: 'By the rule' },
  proposalsHeading: { ja: '規則による評価の提案', en: 'Ratings proposed by the rule' },
  proposalFollowed: { ja: '{year}：評価 {code}（規則による提案どおり）', en: '{year}: rated {code} (as the rule proposed)' },
  proposalChanged: {
    ja: '{year}：評価 {code}（規則による提案 {proposed} から変更。理由：{reason}）',
    en: '{year}: rated {code} (changed from the proposal {proposed}; reason: {reason})',
  },
  directionsHeading: { ja: '今後の方向性', en: 'Future direction' },
  costsHeading: { ja: '事業費（千円、配下の項目を含む）', en: 'Costs (thousand yen, items below included)' },
  costsCaption: { ja: '年度別の事業費等（千円）', en: 'Costs by fiscal year (thousand yen)' },
});
