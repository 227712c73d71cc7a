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
  reports: { ja: '評価結果報告書', en: 'Evaluation reports' },
  reportsLink: {
    ja: '評価結果報告書の表示とダウンロード（HTML・PDF・Word・Excel・CSV・JSON）',
    en: 'View and download the evaluation reports (HTML, PDF, Word, Excel, CSV, JSON)',
  },
} as const;

export const plt = defineMessages(planMessages);
