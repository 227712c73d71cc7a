/**
 * Words of the reports domain. `t` translates the app's page chrome around a report
 * (index, downloads, errors) in the reader's language. The generated report itself
 * is a Japanese document: its fixed words are read with `t('ja', …)`, and the labels
 * that come with its data (default headings, narrative kinds, formats) are plain maps.
 * In messages.json, the errors of a request or a command are shown to the reader as
 * they are, and the fixed words hyoka adds to the city's document say so: （参考）
 * marks every generated addition.
 */
import { defineMessages } from '../web/messages.js';
import catalog from './messages.json' with { type: 'json' };

/** Used when the round has no stored section of that key (see assembleReportModel). */
export const DEFAULT_HEADINGS = {
  title: '事務事業進捗状況評価結果報告書',
  guide: '評価要領',
  expertOpinion: '進捗に係る学識経験者意見',
  /** {tier} = name of the tier under the measure, {year} = short 和暦 of the round. */
  departmentNarratives: '{tier}の{year}年度進捗（各課回答まとめ）',
  /** {division} = the plan's reviewing division (plan settings), else 所管課. */
  divisionOpinion: '進捗に関する意見（{division}）',
  division: '所管課',
  planWide: '{plan}全体',
  summaryTableCaption: '表：{from}～{to}の各事業の評価',
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

export const FORMAT_LABELS = {
  html: 'HTML',
  pdf: 'PDF',
  docx: 'Word (.docx)',
  xlsx: 'Excel (.xlsx)',
  csv: 'CSV',
  json: 'JSON',
} as const;

export const t = defineMessages(catalog);
