/**
 * The insights domain's words, Japanese first: page chrome and the templates the
 * drafted sentences are made from. Tier names, codes and item names are data and
 * come in as {tier}, {codes}, {code} and {names}.
 */
import { defineMessages } from '../web/messages.js';

export const insightMessages = {
  changesTitle: { ja: 'この年度の変化', en: 'Changes this year' },
  changesHeading: { ja: '{year}の変化', en: 'Changes in {year}' },
  changesIntro: {
    ja: '前年度と比べた評価の変化です。上昇・低下は評価尺度の順（達成に数える評価が上）で判断します。',
    en: 'How ratings changed from the year before. Up and down follow the scale (achieved codes rank higher).',
  },
  changesLink: { ja: 'この年度の変化（前年度との比較）', en: 'Changes this year (against the year before)' },
  yearNav: { ja: '年度を選ぶ', en: 'Choose a year' },
  noYears: { ja: '比べられる年度がありません。', en: 'There is no year to compare.' },
  tierChangeCaption: { ja: '{tier}：評価ごとの件数（{prev} → {year}）', en: '{tier}: ratings per code ({prev} → {year})' },
  code: { ja: '評価', en: 'Rating' },
  previous: { ja: '前年度', en: 'Year before' },
  current: { ja: '今年度', en: 'This year' },
  delta: { ja: '増減', en: 'Change' },
  total: { ja: '合計', en: 'Total' },
  rate: { ja: '達成率', en: 'Achievement rate' },
  ratePoints: { ja: '{points}ポイント', en: '{points} points' },
  kindsCaption: { ja: '{tier}：前年度からの変化（{prev}の評価との比較）', en: '{tier}: changes from the ratings of {prev}' },
  kind: { ja: '変化', en: 'Change' },
  count: { ja: '件数', en: 'Count' },
  kind_up: { ja: '上昇', en: 'Up' },
  kind_down: { ja: '低下', en: 'Down' },
  kind_same: { ja: '変わらず', en: 'Same' },
  kind_new: { ja: '新たに評価', en: 'Newly rated' },
  kind_ended: { ja: '評価なし・終了', en: 'Ended or not rated' },
  kind_unrated: { ja: '両年度とも評価なし', en: 'Not rated either year' },
  newlyAnnotated: { ja: '注記が付いた', en: 'Newly annotated' },
  recovered: { ja: '回復（未達成→達成）', en: 'Recovered (not achieved → achieved)' },
  fellBack: { ja: '後退（達成→未達成）', en: 'Fell back (achieved → not achieved)' },
  stagnant: { ja: '停滞（{years}年以上続けて未達成）', en: 'Stagnant (not achieved {years} years or more)' },
  itemsCaption: { ja: '{tier}：評価が変わった項目', en: '{tier}: items whose rating changed' },
  item: { ja: '項目', en: 'Item' },
  from: { ja: '前年度の評価', en: 'Before' },
  to: { ja: '今年度の評価', en: 'Now' },
  noChangedItems: { ja: '評価が変わった項目はありません。', en: 'No item changed its rating.' },
  noItemsCompared: { ja: '前年度の項目ごとの評価がないため、件数だけを比べています。', en: 'There are no item ratings for the year before: only counts are compared.' },
  none: { ja: 'なし', en: 'None' },
  downloadCsv: { ja: 'CSV でダウンロード', en: 'Download as CSV' },
  // The drafted sentences
  draftsTitle: { ja: '意見の下書き用の文案', en: 'Drafted sentences for the opinions' },
  draftsIntro: {
    ja: '登録済みの評価から自動生成した事実の文案です（参考・自動生成）。そのまま公表されることはありません。必要な文をコピーし、編集して意見に使ってください。',
    en: 'Factual sentences generated from the stored ratings (reference, generated). They are never published by themselves: copy and edit what you need.',
  },
  draftsLink: { ja: '意見の下書き用の文案（参考・自動生成）', en: 'Drafted sentences for the opinions (generated)' },
  draftsNone: { ja: 'この回の年度には文案にできる数字がありません。', en: 'There are no figures to draft sentences from for this round.' },
  draftFigures: { ja: '根拠の数字', en: 'Figures' },
  draftItems: { ja: '対象の項目', en: 'Items' },
  // Templates
  tRate: { ja: '{year}の達成率（{tier}{total}件のうち{codes}評価{achieved}件）は{rate}です。', en: 'In {year} the achievement rate ({achieved} of {total} {tier} rated {codes}) is {rate}.' },
  tRateUp: { ja: '前年度（{prev}）の{prevRate}から{points}ポイント上昇しました。', en: 'It rose {points} points from {prevRate} the year before ({prev}).' },
  tRateDown: { ja: '前年度（{prev}）の{prevRate}から{points}ポイント低下しました。', en: 'It fell {points} points from {prevRate} the year before ({prev}).' },
  tRateSame: { ja: '前年度（{prev}）の{prevRate}と同じです。', en: 'It is the same as the year before ({prev}, {prevRate}).' },
  tMidUp: { ja: '{kind}（{mid}）の{midRate}からは{points}ポイント上昇しています。', en: 'It is {points} points above {midRate} at the {kind} ({mid}).' },
  tMidDown: { ja: '{kind}（{mid}）の{midRate}からは{points}ポイント低下しています。', en: 'It is {points} points below {midRate} at the {kind} ({mid}).' },
  tMidSame: { ja: '{kind}（{mid}）の{midRate}と同じです。', en: 'It is the same as at the {kind} ({mid}, {midRate}).' },
  tAchievedMore: { ja: '{codes}評価は{current}件で、前年度より{n}件増えました。', en: '{current} are rated {codes}, {n} more than the year before.' },
  tAchievedFewer: { ja: '{codes}評価は{current}件で、前年度より{n}件減りました。', en: '{current} are rated {codes}, {n} fewer than the year before.' },
  tAchievedSame: { ja: '{codes}評価は{current}件で、前年度と同じです。', en: '{current} are rated {codes}, as many as the year before.' },
  tRemain: { ja: '{code}評価の{tier}が{n}件残っています。', en: '{n} {tier} remain rated {code}.' },
  tRemainAllSince: { ja: '{n}件とも、{since}以降のすべての年度で{code}評価です。', en: 'All {n} have been rated {code} in every year since {since}.' },
  tRemainOneSince: { ja: 'この1件は、{since}以降のすべての年度で{code}評価です。', en: 'It has been rated {code} in every year since {since}.' },
  tRemainGroups: { ja: 'そのうち{parts}、続けて{code}評価です。', en: 'Of these, {parts} have been rated {code} without a break.' },
  tRemainPart: { ja: '{n}件は{since}以降', en: '{n} since {since}' },
  tStagnant: { ja: '{years}年以上続けて{codes}評価の{tier}は{n}件です（{names}）。', en: '{n} {tier} have been rated {codes} for {years} years or more ({names}).' },
  tRecovered: { ja: '前年度に未達成だった{tier}のうち{n}件が{codes}評価になりました（{names}）。', en: '{n} {tier} not achieved the year before are now rated {codes} ({names}).' },
  tFellBack: { ja: '前年度に{codes}評価だった{tier}のうち{n}件が未達成になりました（{names}）。', en: '{n} {tier} rated {codes} the year before are now not achieved ({names}).' },
  listSeparator: { ja: '、', en: ', ' },
} as const;

export const it = defineMessages(insightMessages);
