/** The plans domain's UI words, Japanese first. Tier names and plan names are data. */
import { defineMessages } from '../web/messages.js';

export const planMessages = {
  extendedTo: { ja: '{year}まで延長', en: 'extended to {year}' },
  decidedIn: { ja: '（{year}決定）', en: ' (decided {year})' },
  predecessor: { ja: '前計画', en: 'Predecessor' },
  successor: { ja: '後継', en: 'Successor' },
  designations: { ja: '位置付け', en: 'Designations' },
  designatedFrom: { ja: '（{year}〜）', en: ' (from {year})' },
  tiers: { ja: '階層', en: 'Tiers' },
  endedFrom: { ja: '事業終了（{year}〜）', en: 'ended {year}' },
  tierSummaryCaption: { ja: '{tier}の年度別の評価件数と達成率', en: 'Ratings of the {tier} per fiscal year' },
  ratingsOf: { ja: '{tier}ごとの評価', en: 'Ratings per {tier}' },
  ratedCount: { ja: '{tier}の数', en: 'Number of {tier}' },
  collapsedNote: {
    ja: '項目が{count}件あるため、{tier}ごとの件数だけを表示しています。{tier}の名前を選ぶと、その{rated}の評価を表示します。',
    en: 'With {count} items the page shows counts per {tier}; choose a {tier} to see the ratings of its {rated}.',
  },
  collapsedCaption: { ja: '{name}：{tier}ごとの評価の件数', en: '{name}: ratings per {tier}' },
  openedNote: { ja: '{name} の評価を表示しています。', en: 'Showing the ratings of {name}.' },
  showAll: { ja: '計画全体の件数の表示に戻る', en: 'Back to the counts of the whole plan' },
  changesLink: { ja: 'この年度の変化（前年度との比較）', en: 'Changes this year (against the year before)' },
  reports: { ja: '評価結果報告書', en: 'Evaluation reports' },
  reportsLink: {
    ja: '評価結果報告書の表示とダウンロード（HTML・PDF・Word・Excel・CSV・JSON）',
    en: 'View and download the evaluation reports (HTML, PDF, Word, Excel, CSV, JSON)',
  },
} as const;

export const plt = defineMessages(planMessages);
