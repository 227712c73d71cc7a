/**
 * The public portal's UI words (portal pages, the static search page and the Web
 * API documentation page), Japanese first. Plan words — tier names, item names,
 * scale codes, narratives — are data and never appear here: they come in as {tier},
 * {tiers} and {codes}.
 */
import { defineMessages } from '../web/messages.js';

export const portalMessages = {
  // Chrome and navigation
  portal: { ja: '公開ポータル', en: 'Portal' },
  planHome: { ja: '計画のトップ', en: 'Plan home' },
  downloads: { ja: 'データのダウンロード', en: 'Downloads' },
  search: { ja: '検索', en: 'Search' },
  breadcrumbs: { ja: '現在位置', en: 'Breadcrumbs' },
  licenseNoteBefore: { ja: 'このページのデータは ', en: 'Data on this page: ' },
  licenseNoteAfter: {
    ja: '（公共データ利用規約（第1.0版）互換）で利用できます。公表済みの評価結果のみを掲載しています。',
    en: ' (compatible with the Public Data License 1.0). Only published evaluation results are shown.',
  },
  downloadThisTable: { ja: 'この表をダウンロード: ', en: 'Download this table: ' },
  allSubItemsOpen: { ja: '（全{tier}の評価: ', en: ' (all {tier}: ' },
  allSubItemsClose: { ja: '）', en: ')' },
  // Authors of narratives
  roleDepartment: { ja: '{name}', en: '{name}' },
  roleDivision: { ja: '{name}の意見', en: 'Opinion of {name}' },
  roleExpert: { ja: '{name}の意見', en: 'Opinion of {name}' },
  wholePlan: { ja: '計画全体', en: 'Whole plan' },
  // Home
  homeTitle: { ja: '公開ポータル', en: 'Public portal' },
  homeHeading: { ja: '計画の進捗評価 公開ポータル', en: 'Plan progress evaluation — public portal' },
  homeIntro: {
    ja: '公表済みの進捗評価の結果を、どなたでも閲覧・検索・ダウンロードできます。',
    en: 'Anyone can browse, search and download the published results of the progress evaluations.',
  },
  publishedPlans: { ja: '公開中の計画', en: 'Published plans' },
  noPublishedPlans: { ja: '公表済みの計画はまだありません。', en: 'No plan has been published yet.' },
  publishedUntil: { ja: '（{year}まで公表）', en: ' (published to {year})' },
  // Search form and page
  searchLabel: { ja: '事業名・記述を検索', en: 'Search items and narratives' },
  searchHeading: { ja: '事業名・記述の検索', en: 'Search' },
  searchTitleWithQuery: { ja: '検索: {query}', en: 'Search: {query}' },
  searchResultCount: { ja: '「{query}」の検索結果: {total}件', en: '{total} result(s) for "{query}"' },
  searchTooMany: {
    ja: '{count}件のうち最初の{max}件を表示しています。語を足して絞り込んでください。',
    en: 'Showing the first {max} of {count}. Add words to narrow the search.',
  },
  searchOneTerm: { ja: '検索語は1つだけ指定してください。', en: 'Give one search term.' },
  searchTooLong: { ja: '検索語が長すぎます（{max}文字まで）。', en: 'The search term is too long (max {max}).' },
  staticSearchNote: {
    ja: 'この静的版では、ブラウザ内で下の一覧を絞り込みます（JavaScript が無効な場合は全項目の一覧です）。',
    en: 'In this static copy the list below is filtered in your browser (without JavaScript it is the index of all items).',
  },
  // Plan home
  planPeriod: { ja: '計画期間: ', en: 'Plan period: ' },
  planExtended: { ja: '（当初 {year}まで、延長）', en: ' (originally to {year}, extended)' },
  achievementIn: { ja: '{year}の達成率: ', en: 'Achievement rate in {year}: ' },
  achievementOf: { ja: '（{codes} {achieved}件 ÷ {total}件）', en: ' ({codes} {achieved} of {total})' },
  ratingsByYear: { ja: '評価結果の推移', en: 'Ratings by fiscal year' },
  tierSummaryCaption: { ja: '{tier}の年度別の評価件数と達成率', en: 'Ratings of the {tier} per fiscal year' },
  trendIntro: {
    ja: '{tier}ごとの評価の変化（{span}、最初と最後の評価年度の比較）: ',
    en: 'Change per {tier} ({span}, first vs last evaluated year): ',
  },
  trendCounts: {
    ja: '改善 {improved}件、悪化 {worsened}件、変化なし {unchanged}件、判定不能 {unknown}件',
    en: 'improved {improved}, worsened {worsened}, unchanged {unchanged}, unknown {unknown}',
  },
  structure: { ja: '計画の体系', en: 'Structure of the plan' },
  subItemCount: { ja: '（{tier} {count}件）', en: ' ({tier}: {count})' },
  more: { ja: '見る・使う', en: 'More' },
  stagnationLink: { ja: '{years}年度以上続けて {codes} 評価の{tier}（停滞）', en: '{tier} rated {codes} for {years}+ consecutive years' },
  countInParens: { ja: '（{count}件）', en: ' ({count})' },
  byDepartment: { ja: '担当課別の一覧', en: 'By department' },
  downloadsLink: { ja: 'データのダウンロード（CSV・JSON・一括 ZIP）', en: 'Downloads (CSV, JSON, zip)' },
  // Item page
  code: { ja: '番号', en: 'Code' },
  department: { ja: '担当課', en: 'Department' },
  ended: { ja: '事業終了', en: 'Ended' },
  itemRatingsByYear: { ja: '年度別の評価', en: 'Ratings by fiscal year' },
  itemRatingsCaption: { ja: '{name} の評価の推移', en: 'Ratings of {name}' },
  fiscalYear: { ja: '年度', en: 'Fiscal year' },
  rating: { ja: '評価', en: 'Rating' },
  ratingMeaning: { ja: '評価の意味', en: 'Meaning' },
  annotation: { ja: '注釈', en: 'Annotation' },
  noPublishedRatings: { ja: '公表済みの評価はありません。', en: 'No published ratings.' },
  contents: { ja: 'この{tier}に含まれるもの', en: 'Contents' },
  subItemRatings: { ja: '{tier}ごとの評価', en: 'Ratings per {tier}' },
  subItemsOf: { ja: '{name} の{tier}と評価', en: '{tier} of {name}' },
  timeline: { ja: '年度ごとの進捗と意見', en: 'Progress and opinions year by year' },
  noPublishedNarratives: { ja: '公表済みの記述はありません。', en: 'No published narratives.' },
  ratingPrefix: { ja: '評価 ', en: 'rating ' },
  ratingReason: { ja: '評価の理由', en: 'Reason for the rating' },
  annotationsPrefix: { ja: '注釈: ', en: 'Annotations: ' },
  // Departments
  byDepartmentTitle: { ja: '担当課別', en: 'By department' },
  byDepartmentHeading: { ja: '担当課別の一覧', en: '{tier} by department' },
  departmentsCaption: { ja: '担当課と担当する{tier}の数', en: 'Departments and their number of {tier}' },
  subItems: { ja: '{tier}の数', en: '{tier}' },
  noDepartments: { ja: '担当課の情報はありません。', en: 'No departments recorded.' },
  allDepartments: { ja: '担当課の一覧へ', en: 'All departments' },
  departmentSubItems: { ja: '{name} が担当する{tier}と評価', en: '{tier} of {name}' },
  // Stagnation
  stagnantTitle: { ja: '停滞している{tier}', en: 'Stagnant {tier}' },
  stagnantHeading: { ja: '{years}年度以上続けて {codes} 評価の{tier}', en: '{tier} rated {codes} for {years} or more consecutive years' },
  stagnantIntro: {
    ja: '目標を達成できない年度（{codes}）が{years}年度以上連続した{tier}です。継続中のものを先に、連続年数の長い順に並べています。',
    en: '{tier} that did not reach their target ({codes}) for {years} or more consecutive fiscal years, ongoing ones first, longest first.',
  },
  none: { ja: '該当する{tier}はありません。', en: 'None.' },
  stagnantCaption: { ja: '停滞している{tier}（{count}件）', en: 'Stagnant {tier} ({count})' },
  years: { ja: '期間', en: 'Years' },
  yearCount: { ja: '年数', en: 'Count' },
  ratingsTrend: { ja: '評価の推移', en: 'Ratings' },
  status: { ja: '状況', en: 'Status' },
  ongoing: { ja: '継続中', en: 'ongoing' },
  resolved: { ja: '解消', en: 'resolved' },
  // Downloads
  downloadsIntro: {
    ja: 'CSV は UTF-8（BOM 付き、Excel でそのまま開けます）、1行目が見出し、結合セルなし、年度は西暦と和暦の2列、日付は YYYY-MM-DD です。JSON は同じ内容です。',
    en: 'CSV files are UTF-8 with BOM (Excel opens them), one header row, no merged cells, fiscal year as Gregorian plus Japanese era label, dates YYYY-MM-DD. JSON has the same content.',
  },
  downloadAll: { ja: '全データを一括ダウンロード（ZIP）', en: 'Download everything (zip)' },
  availableTables: { ja: 'ダウンロードできる表', en: 'Available tables' },
  table: { ja: '表', en: 'Table' },
  content: { ja: '内容', en: 'Content' },
  rows: { ja: '行数', en: 'Rows' },
  licence: { ja: '利用条件（ライセンス）', en: 'Licence' },
  licenceBefore: { ja: 'このデータは ', en: 'This data is available under ' },
  licenceAfter: {
    ja: ' で提供します。{compatibility}です。営利・非営利を問わず、複製・加工・再配布できます。',
    en: ', compatible with the Japanese Public Data License 1.0. You may copy, adapt and redistribute it for any purpose.',
  },
  attributionExample: { ja: '出典の記載例:', en: 'Attribution example:' },
  tableSummary: { ja: '年度別の評価件数と達成率', en: 'Counts and achievement rate per year' },
  tableItems: { ja: '{tiers}の全項目（番号・担当課）', en: 'Every item of the plan ({tiers}) with code and department' },
  tableRatings: { ja: '{tier}ごと・年度ごとの評価（1行 = 1項目の1年度）', en: 'One row per rated item ({tier}) and fiscal year' },
  tableNarratives: { ja: '担当課の進捗、評価担当課・学識経験者の意見', en: 'Progress narratives and opinions' },
  tableRounds: { ja: '公表済みの評価（年次・中間・最終）と公表日', en: 'Published evaluation rounds' },
  tableDepartments: { ja: '担当課と担当する{tier}の数', en: 'Departments' },
  tableStagnation: { ja: '{years}年度以上続けて {codes} の{tier}', en: '{tier} rated {codes} for {years}+ consecutive years' },
  // The Web API documentation page
  apiHeading: { ja: 'Web API（オープンデータ）', en: 'Web API (open data)' },
  apiIntro: {
    ja: 'アプリケーション開発者向けに、公表済みの進捗評価結果を JSON で提供します。読み取り専用・認証不要で、CORS はすべてのオリジンに開いています。',
    en: 'Published evaluation results as JSON for application developers: read-only, no sign-in, CORS open to every origin.',
  },
  apiOpenApi: { ja: 'OpenAPI 3.1 の定義: ', en: 'OpenAPI 3.1 document: ' },
  apiStableIds: { ja: 'ID は安定しています: 計画は slug、項目は番号（例: 2.1.4.3）。', en: 'Stable IDs: plans by slug, items by code (e.g. 2.1.4.3).' },
  apiCursors: {
    ja: '一覧はカーソル方式: 応答の links.next を次に取得します（最後のページでは null）。limit は 1〜500。',
    en: 'Lists use cursors: fetch links.next until it is null. limit is 1–500.',
  },
  apiEtag: {
    ja: 'ETag と Cache-Control を返します。If-None-Match を送ると、変更がなければ 304 になります。',
    en: 'Responses carry ETag and Cache-Control; send If-None-Match to get 304 when unchanged.',
  },
  apiErrors: {
    ja: 'エラーは RFC 9457 の application/problem+json です（不正なパラメータは 400）。',
    en: 'Errors are RFC 9457 application/problem+json (400 for malformed parameters).',
  },
  apiLicence: { ja: 'データのライセンス: ', en: 'Data licence: ' },
  apiLicenceCompatibility: { ja: '（{compatibility}）', en: ' (compatible with the Public Data License 1.0)' },
  apiEndpoints: { ja: 'エンドポイント', en: 'Endpoints' },
  apiEndpointsCaption: { ja: 'すべて GET、パスは /api/v1 から', en: 'All GET, paths relative to /api/v1' },
  apiPath: { ja: 'パス', en: 'Path' },
  apiWhat: { ja: '内容', en: 'What' },
  apiQueryParameters: { ja: 'クエリパラメータ', en: 'Query parameters' },
  apiExamples: { ja: '例', en: 'Examples' },
  apiProblemTypes: { ja: 'エラーの種類', en: 'Problem types' },
  apiProblemInvalidParameter: {
    ja: 'パラメータの名前・形式・値の範囲が不正です。parameter に該当する名前が入ります。',
    en: 'A query parameter is unknown, repeated or malformed; `parameter` names it.',
  },
  apiProblemNotFound: { ja: '計画・項目・パスがありません（未公表の計画も含む）。', en: 'No such plan, item or path (unpublished plans included).' },
  apiProblemMethodNotAllowed: { ja: '読み取り専用のため GET 以外は使えません。', en: 'The API is read-only.' },
  apiProblemServerError: { ja: 'サーバー側の問題です。', en: 'A server-side fault.' },
} as const;

export type PortalMessageKey = keyof typeof portalMessages;

export const pt = defineMessages(portalMessages);
