/**
 * Words of the generated report that do not come from the plan's data: section
 * labels, the default title, kind names. Japanese is the report's language; the
 * app page chrome around it follows the reader's language choice.
 */
import type { Lang } from '../web/preferences.js';

/** Used when the round has no stored section of that key (see loadReportModel). */
export const DEFAULT_HEADINGS = {
  title: '事務事業進捗状況評価結果報告書',
  guide: '評価要領',
  expertOpinion: '進捗に係る学識経験者意見',
  /** {tier} = name of the tier under the measure, {year} = short 和暦 of the round. */
  departmentNarratives: '{tier}の{year}年度進捗（各課回答まとめ）',
  divisionOpinion: '進捗に関する意見（所管課）',
  planWide: '{plan}全体',
  summaryTableCaption: '表：{from}～{to}の各事業の評価',
  footnoteSuffix: '・・・',
  criteriaHead: ['評点', '評価基準'] as const,
  annotationLegend: '注釈',
} as const;

export const NARRATIVE_KIND_LABELS: Record<string, string> = {
  progress: '',
  issues: '課題',
  direction: '今後の方向性',
  opinion: '意見',
};

export const ROLE_LABELS: Record<string, string> = {
  department: '担当課',
  division: '所管課',
  expert: '学識経験者',
};

const pageMessages = {
  reports: { ja: '評価結果報告書', en: 'Evaluation reports' },
  reportsOf: { ja: '{plan} の評価結果報告書', en: 'Evaluation reports of {plan}' },
  downloads: { ja: 'ダウンロード', en: 'Downloads' },
  noRounds: { ja: '評価の回がまだありません。', en: 'No evaluation rounds yet.' },
  noRatings: {
    ja: 'この回の対象年度には個別の評価（評点）が保存されていないため、報告書は作成できません（公表済みの集計値のみがあります）。',
    en: 'No individual ratings are stored for the years this round covers, so no report can be generated (only published totals exist).',
  },
  openReport: { ja: '報告書を表示', en: 'View report' },
  round: { ja: '評価の回', en: 'Round' },
  formats: { ja: '形式', en: 'Formats' },
  chromiumMissing: {
    ja: 'PDF を作成できません: Chromium が見つかりません。apt-get install chromium でインストールするか、環境変数 CHROMIUM_PATH で場所を指定してください。',
    en: 'Cannot create the PDF: Chromium was not found. Install it (apt-get install chromium) or set CHROMIUM_PATH.',
  },
  unavailable: { ja: 'この形式は現在作成できません', en: 'This format is not available right now' },
} as const;

export type ReportPageMessage = keyof typeof pageMessages;

export function rt(lang: Lang, key: ReportPageMessage, vars: Record<string, string> = {}): string {
  return fill(pageMessages[key][lang], vars);
}

/** Replaces {name} placeholders. */
export function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

export const FORMAT_LABELS = {
  html: 'HTML',
  pdf: 'PDF',
  docx: 'Word (.docx)',
  xlsx: 'Excel (.xlsx)',
  csv: 'CSV',
  json: 'JSON',
} as const;
