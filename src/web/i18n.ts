/**
 * UI strings, Japanese first. Domain words that come from the plan itself
 * (tier names, item names, narratives) are data and are never translated here.
 */
import { defineMessages } from './messages.js';

const messages = {
  appName: { ja: 'hyoka 進捗評価', en: 'hyoka progress evaluation' },
  skipToContent: { ja: '本文へ移動', en: 'Skip to main content' },
  plans: { ja: '計画一覧', en: 'Plans' },
  noPlans: { ja: '計画がまだありません。hyoka import で報告書を取り込んでください。', en: 'No plans yet. Import a report with hyoka import.' },
  summaryTitle: { ja: '評価結果の推移', en: 'Ratings by fiscal year' },
  summaryCaption: { ja: '年度別の評価件数と達成率', en: 'Number of ratings and achievement rate per fiscal year' },
  rating: { ja: '評価', en: 'Rating' },
  total: { ja: '合計', en: 'Total' },
  achievementRate: { ja: '達成率', en: 'Achievement rate' },
  reportedOnly: { ja: '報告値', en: 'reported' },
  reportedNote: {
    ja: '「報告値」の年度は公表された集計値のみがあり、個別の評価は保存されていません。',
    en: 'Years marked "reported" exist only as published totals; individual ratings are not stored.',
  },
  period: { ja: '計画期間', en: 'Plan period' },
  annotations: { ja: '注釈', en: 'Annotations' },
  language: { ja: '言語', en: 'Language' },
  yearStyle: { ja: '年度表記', en: 'Year labels' },
  wareki: { ja: '和暦', en: 'Japanese era' },
  seireki: { ja: '西暦', en: 'Gregorian' },
  department: { ja: '担当課', en: 'Department' },
  notFound: { ja: 'ページが見つかりません', en: 'Page not found' },
  serverError: { ja: 'エラーが発生しました', en: 'Something went wrong' },
  badRequest: { ja: 'リクエストが正しくありません', en: 'Bad request' },
  forbidden: { ja: 'この操作の権限がありません', en: 'Not allowed' },
  cannotDoNow: { ja: 'この操作はできません', en: 'This cannot be done now' },
  invalidInput: { ja: '入力内容を確認してください', en: 'Please check your input' },
  unavailable: { ja: 'ただいま利用できません', en: 'Temporarily unavailable' },
} as const;

export type MessageKey = keyof typeof messages;

export const t = defineMessages(messages);
