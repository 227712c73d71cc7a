/**
 * Words of the reports domain. `t` translates the app's page chrome around a report
 * (index, downloads, errors) in the reader's language. The generated report itself
 * is a Japanese document: its fixed words are read with `t('ja', …)`, and the labels
 * that come with its data (default headings, narrative kinds, formats) are plain maps.
 */
import { defineMessages } from '../web/messages.js';

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

export const t = defineMessages({
  reports: { ja: '評価結果報告書', en: 'Evaluation reports' },
  reportsOf: { ja: '{plan} の評価結果報告書', en: 'Evaluation reports of {plan}' },
  reportsLink: {
    ja: '評価結果報告書の表示とダウンロード（HTML・PDF・Word・Excel・CSV・JSON）',
    en: 'View and download the evaluation reports (HTML, PDF, Word, Excel, CSV, JSON)',
  },
  downloads: { ja: 'ダウンロード', en: 'Downloads' },
  noRounds: { ja: '評価の回がまだありません。', en: 'No evaluation rounds yet.' },
  noRatings: {
    ja: 'この回の対象年度には個別の評価（評点）が保存されていないため、報告書は作成できません（公表済みの集計値のみがあります）。',
    en: 'No individual ratings are stored for the years this round covers, so no report can be generated (only published totals exist).',
  },
  openReport: { ja: '報告書を表示', en: 'View report' },
  chromiumMissing: {
    ja: 'PDF を作成できません: Chromium が見つかりません。apt-get install chromium でインストールするか、環境変数 CHROMIUM_PATH で場所を指定してください。（探した場所: {path}）',
    en: 'Cannot create the PDF: Chromium was not found. Install it (apt-get install chromium) or set CHROMIUM_PATH. (Looked at: {path})',
  },
  chromiumFailed: {
    ja: 'PDF を作成できません: Chromium を起動できませんでした（{path}）: {reason}',
    en: 'Cannot create the PDF: Chromium did not start ({path}): {reason}',
  },
  // Errors of a request or a command: the reader sees these messages as they are.
  badYear: { ja: '年度として読めません: {year}（例: 2022, R4, 令和4年度）', en: 'Not a fiscal year: {year} (e.g. 2022, R4, 令和4年度)' },
  badFormat: { ja: '報告書の形式が不正です: {format}（{formats}）', en: 'Unknown report format: {format} ({formats})' },
  badKind: { ja: '評価の種類が不正です: {kind}（final, midterm, yearly のいずれか）', en: 'Unknown round kind: {kind} (final, midterm or yearly)' },
  badKindOption: { ja: '--kind が不正です: {kind}（final, midterm, yearly のいずれか）', en: '--kind is invalid: {kind} (final, midterm or yearly)' },
  badFormatOption: { ja: '--format が不正です: {format}（{formats} のいずれか）', en: '--format is invalid: {format} (one of {formats})' },
  badEraOption: { ja: '--era が不正です: {era}（wareki または seireki）', en: '--era is invalid: {era} (wareki or seireki)' },
  roundMissing: { ja: '{plan} に {wanted} の評価の回がありません。{existing}', en: '{plan} has no {wanted} evaluation round. {existing}' },
  roundsExisting: { ja: '登録されている回: {rounds}', en: 'Rounds on record: {rounds}' },
  noRoundsYet: { ja: '評価の回がまだ登録されていません。', en: 'No evaluation round is on record yet.' },
  roundWithoutRatings: {
    ja: '{plan} の {round}には評価（評点）が1件もありません。{until}までの評価を入力または取り込んでから報告書を作成してください。',
    en: '{round} of {plan} has no ratings. Enter or import the ratings up to {until} before generating the report.',
  },
  cannotWrite: { ja: '出力先に書き込めません: {path}（{reason}）', en: 'Cannot write the output: {path} ({reason})' },
  noDirectory: { ja: 'ディレクトリがありません', en: 'no such directory' },
  noPermission: { ja: '書き込み権限がありません', en: 'permission denied' },
  isDirectory: { ja: 'ディレクトリです', en: 'is a directory' },
  created: { ja: '作成しました: {path}', en: 'Written: {path}' },
  // Fixed words of the generated (Japanese) document.
  criteriaCaption: { ja: '評点式評価の評価基準', en: 'Rating criteria' },
  ratingHead: { ja: '評点', en: 'Rating' },
  criteriaHead: { ja: '評価基準', en: 'Criteria' },
  ratingRowHead: { ja: '評価', en: 'Rating' },
  total: { ja: '合計', en: 'Total' },
  achievementRate: { ja: '達成率', en: 'Achievement rate' },
  // Words hyoka adds to the city's document say so: （参考） marks every generated addition.
  achievementRateAddition: { ja: '達成率（参考）', en: 'Achievement rate (reference)' },
  yearHead: { ja: '年度', en: 'Fiscal year' },
  toc: { ja: '目次', en: 'Contents' },
  tiers: { ja: '階層構造: {tiers}', en: 'Structure: {tiers}' },
  annotationLegend: { ja: '注釈の記号', en: 'Annotation marks' },
  reportedNote: {
    ja: '（参考）＊ 公表済みの報告値（個別の評価は保存されていない年度）。その他の年度は個別の評価から集計した値です。',
    en: '* Published figures (years without stored individual ratings). Other years are counted from the individual ratings.',
  },
  mismatchNote: {
    ja: '（参考）{year}: 公表済みの報告値（{counts}）と集計値が一致しません。',
    en: '{year}: the published figures ({counts}) differ from the counted ones.',
  },
  measureTableCaption: { ja: '{measureTier}「{name}」の{subTier}ごとの評価', en: 'Ratings per {subTier} of {measureTier} “{name}”' },
  nameHead: { ja: '{tier}名', en: '{tier}' },
  departmentHead: { ja: '担当課', en: 'Department' },
  pillarChartTitle: { ja: '（参考）{tier}「{name}」の評価別件数と達成率の推移', en: 'Ratings and achievement rate of {tier} “{name}” by year' },
  pillarCountsCaption: { ja: '（参考）{tier}「{name}」の年度別評価件数（グラフのデータ）', en: 'Ratings of {tier} “{name}” by year (the chart’s data)' },
  planChartTitle: { ja: '（参考）{plan}全体の評価別件数と達成率の推移', en: 'Ratings and achievement rate of {plan} by year' },
});
