/**
 * Machine-readable downloads of the public dataset: each table as CSV (UTF-8 with
 * BOM so Excel opens it, one header row, no merged cells, 西暦 fiscal year plus the
 * 和暦 label, dates YYYY-MM-DD) and as JSON, and everything in one zip.
 * Each table is declared as its columns over its source rows (download-table.ts); the
 * writers are shared once.
 */
import { stringify } from 'csv-stringify/sync';
import { longWareki } from '../fiscal/fiscal-year.js';
import { findStagnantItems } from '../analysis/stagnation.js';
import { roundKindLabel } from '../evaluations/round-kinds.js';
import { ROLE_LABELS } from '../auth/roles.js';
import { SPREADSHEET_SAFE_CSV } from '../web/spreadsheet-safe.js';
import { changesTable } from './changes-table.js';
import { type Cell, type Table, tableOf, yearColumns } from './download-table.js';
import { outputTables } from './indicator-downloads.js';
import { stagnantCodesText } from './portal-stats.js';
import { DEFAULT_STAGNANT_YEARS } from '../analysis/stagnation.js';
import { allRatedItems, primaryTierName, ratedItems, scaleOfLevel, type PublicDataset, type PublicItem } from './public-data.js';

export const LICENSE = {
  id: 'CC-BY-4.0',
  name: 'クリエイティブ・コモンズ 表示 4.0 国際 (CC BY 4.0)',
  url: 'https://creativecommons.org/licenses/by/4.0/deed.ja',
  compatibility: '公共データ利用規約（第1.0版）（PDL1.0）と互換',
} as const;

/** Text a reuser puts next to the data (出典の記載例). */
export function attributionText(data: Pick<PublicDataset, 'plan'>): string {
  return `出典：「${data.plan.name} 進捗評価結果」（hyoka で公開されたデータ）、クリエイティブ・コモンズ 表示 4.0 国際ライセンス（CC BY 4.0）により利用許諾。加工した場合はその旨を記載してください。`;
}

export function licenseText(data: Pick<PublicDataset, 'plan'>): string {
  return [
    `${data.plan.name} — 公開データの利用条件`,
    '',
    `ライセンス: ${LICENSE.name}`,
    LICENSE.url,
    `${LICENSE.compatibility}。営利・非営利を問わず、複製・加工・再配布できます。`,
    '',
    '出典の記載例:',
    attributionText(data),
    '',
    'CSV は UTF-8（BOM 付き）、1 行目が見出し、年度は西暦の列と和暦の列、日付は YYYY-MM-DD です。',
  ].join('\n');
}

export type { Table } from './download-table.js';

/** Names of the item's ancestors and itself, one cell per tier (`tier1`, …), blank below the item's tier. */
function tierCells(data: PublicDataset, item: PublicItem): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const code of [...item.ancestorCodes, item.code]) {
    const node = data.itemsByCode.get(code);
    if (node) cells[`tier${node.level}`] = node.name;
  }
  for (let level = 1; level <= data.plan.tiers.length; level++) cells[`tier${level}`] ??= '';
  return cells;
}

export function summaryTable(data: PublicDataset): Table {
  const codes = data.scale.map((c) => c.code);
  const head = { name: 'summary', titleJa: '年度別の評価件数と達成率', titleEn: 'Ratings and achievement rate per fiscal year' };
  return tableOf(head, data.summary, (column) => [
    ...yearColumns(column, (y) => y.fiscalYear),
    ...codes.map((c) => column(`count_${c}`, `${c}（件）`, (y) => y.counts[c] ?? 0)),
    column('total', '合計（件）', (y) => y.total),
    column('achievement_rate', '達成率', (y) => y.achievementRate),
    column('source', '出所', (y) => (y.source === 'computed' ? '個別評価から集計' : '報告書の公表値')),
  ]);
}

export function itemsTable(data: PublicDataset): Table {
  return tableOf({ name: 'items', titleJa: '計画の体系（全項目）', titleEn: 'Plan structure (all items)' }, data.items, (column) => [
    column('item_id', 'ID', (i) => i.id),
    column('code', '番号', (i) => i.code),
    column('level', '階層', (i) => i.level),
    column('tier_name', '階層名', (i) => i.tierName),
    column('name', '名称', (i) => i.name),
    column('parent_code', '上位の番号', (i) => i.parentCode ?? ''),
    column('department', '担当課', (i) => i.departmentName ?? ''),
    column('ended_from_fiscal_year', '事業終了年度（西暦）', (i) => i.endedFromFiscalYear),
  ]);
}

/** One row per rated item and fiscal year, every rated tier (its name in the last column). */
export function ratingsTable(data: PublicDataset, items: readonly PublicItem[] = allRatedItems(data)): Table {
  const labels = new Map(data.tierSummaries.map((t) => [t.level, new Map(scaleOfLevel(data, t.level).map((c) => [c.code, c.label]))]));
  const head = { name: 'ratings', titleJa: `${data.tierSummaries.map((t) => t.tierName).join('・')}ごとの評価`, titleEn: 'Ratings of every rated item' };
  const rated = items.flatMap((item) => {
    const tiers = tierCells(data, item);
    return item.ratings.map((r) => ({ item, r, tiers }));
  });
  return tableOf(head, rated, (column) => [
    column('item_id', 'ID', ({ item }) => item.id),
    column('code', '番号', ({ item }) => item.code),
    ...data.plan.tiers.map((name, i) => column(`tier${i + 1}`, name, ({ tiers }) => tiers[`tier${i + 1}`]!)),
    column('department', '担当課', ({ item }) => item.departmentName ?? ''),
    ...yearColumns(column, ({ r }) => r.fiscalYear),
    column('rating', '評価', ({ r }) => r.code),
    column('rating_label', '評価の意味', ({ item, r }) => labels.get(item.level)?.get(r.code) ?? ''),
    column('annotations', '注釈', ({ r }) => r.marks.join('')),
    column('reason', '評価の理由', ({ r }) => r.reason ?? ''),
    column('tier_name', '評価した階層', ({ item }) => item.tierName),
  ]);
}

/**
 * The ratings table of one page: the rated items under an item (`item-2.1`), or a
 * department's (`department-5`). Undefined when the subset names nothing.
 */
export function ratingsSubsetTable(data: PublicDataset, subset: string): Table | undefined {
  const leaves = allRatedItems(data);
  const tier = data.tierSummaries.map((t) => t.tierName).join('・');
  let items: PublicItem[] | undefined;
  let titleJa = '';
  let titleEn = '';
  const item = /^item-([0-9.]+)$/.exec(subset);
  const department = /^department-(\d{1,9})$/.exec(subset);
  if (item) {
    const node = data.itemsByCode.get(item[1]!);
    if (node) {
      items = leaves.filter((l) => l.code === node.code || l.ancestorCodes.includes(node.code));
      titleJa = `${node.name} の${tier}の評価`;
      titleEn = `Ratings under ${node.name}`;
    }
  } else if (department) {
    const d = data.departments.find((x) => x.id === Number(department[1]));
    if (d) {
      items = leaves.filter((l) => l.departmentId === d.id);
      titleJa = `${d.name} が担当する${tier}の評価`;
      titleEn = `Ratings of ${d.name}`;
    }
  }
  if (!items) return undefined;
  return { ...ratingsTable(data, items), name: `ratings/${subset}`, titleJa, titleEn };
}

/** Every subset table the portal's pages show: one per item and one per department. */
export function ratingsSubsets(data: PublicDataset): string[] {
  return [...data.items.map((i) => `item-${i.code}`), ...data.departments.map((d) => `department-${d.id}`)];
}

export function narrativesTable(data: PublicDataset): Table {
  return tableOf({ name: 'narratives', titleJa: '進捗の記述と意見', titleEn: 'Progress narratives and opinions' }, data.narratives, (column) => [
    column('narrative_id', 'ID', (n) => n.id),
    ...yearColumns(column, (n) => n.fiscalYear),
    column('author_role', '記述者', (n) => data.roleNames[n.authorRole] ?? ROLE_LABELS[n.authorRole].ja),
    column('item_code', '対象の番号', (n) => n.itemCode ?? ''),
    column('item_name', '対象', (n) => (n.itemCode ? (data.itemsByCode.get(n.itemCode)?.name ?? '') : '計画全体')),
    column('mentions', '関連する番号', (n) => n.mentionCodes.join(' ')),
    column('body', '本文', (n) => n.body),
  ]);
}

export function roundsTable(data: PublicDataset): Table {
  return tableOf({ name: 'rounds', titleJa: '公表済みの評価', titleEn: 'Published evaluation rounds' }, data.rounds, (column) => [
    column('round_id', 'ID', (r) => r.id),
    ...yearColumns(column, (r) => r.fiscalYear),
    column('kind', '種類', (r) => roundKindLabel(r.kind)),
    column('covers_until_fiscal_year', '対象の最終年度（西暦）', (r) => r.coversUntilFiscalYear),
    column('published_on', '公表日', (r) => r.publishedOn),
  ]);
}

export function departmentsTable(data: PublicDataset): Table {
  return tableOf({ name: 'departments', titleJa: '担当課', titleEn: 'Departments' }, data.departments, (column) => [
    column('department_id', 'ID', (d) => d.id),
    column('name', '担当課', (d) => d.name),
    column('sub_items', `担当する${primaryTierName(data)}の数`, (d) => d.subItemCount),
  ]);
}

export function stagnationTable(data: PublicDataset, minYears = DEFAULT_STAGNANT_YEARS): Table {
  const stagnant = findStagnantItems(
    ratedItems(data).map((i) => ({ id: i.id, code: i.code, name: i.name, ratings: new Map(i.ratings.map((r) => [r.fiscalYear, r])) })),
    data.scale,
    minYears,
  );
  const head = {
    name: 'stagnation',
    titleJa: `${minYears}年度以上続けて未達成（${stagnantCodesText(data)}）の${primaryTierName(data)}`,
    titleEn: `${primaryTierName(data)} not achieved (${stagnantCodesText(data, ' or ')}) for ${minYears} or more consecutive years`,
  };
  return tableOf(head, stagnant, (column) => [
    column('item_id', 'ID', (s) => s.itemId),
    column('code', '番号', (s) => s.itemCode),
    column('name', '名称', (s) => s.name),
    column('from_fiscal_year', '開始年度（西暦）', (s) => s.longest.fromFiscalYear),
    column('from_fiscal_year_label', '開始年度（和暦）', (s) => longWareki(s.longest.fromFiscalYear)),
    column('to_fiscal_year', '終了年度（西暦）', (s) => s.longest.toFiscalYear),
    column('to_fiscal_year_label', '終了年度（和暦）', (s) => longWareki(s.longest.toFiscalYear)),
    column('years', '年数', (s) => s.longest.years),
    column('ratings', '評価の推移', (s) => s.longest.codes.join(' ')),
    column('ongoing', '継続中', (s) => s.ongoing),
  ]);
}

export function allTables(data: PublicDataset): Table[] {
  return [
    summaryTable(data),
    itemsTable(data),
    ratingsTable(data),
    narrativesTable(data),
    roundsTable(data),
    departmentsTable(data),
    stagnationTable(data),
    changesTable(data),
    ...outputTables(data),
  ];
}

export const TABLE_NAMES = ['summary', 'items', 'ratings', 'narratives', 'rounds', 'departments', 'stagnation', 'changes'] as const;

/** Numbers stay numbers so that only text goes through the formula guard. */
function csvCell(value: Cell): string | number {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  return value;
}

/** UTF-8 CSV with BOM; CRLF line ends, which Excel and every CSV reader accept. */
export function toCsv(table: Table): string {
  const body = stringify([table.columns.map((c) => c.ja), ...table.rows.map((row) => table.columns.map((c) => csvCell(row[c.key] ?? null)))], {
    record_delimiter: '\r\n',
    ...SPREADSHEET_SAFE_CSV,
  });
  return `\uFEFF${body}`;
}

export function toJson(data: PublicDataset, table: Table): string {
  return JSON.stringify(
    {
      plan: data.plan.slug,
      title: table.titleJa,
      license: LICENSE.id,
      licenseUrl: LICENSE.url,
      attribution: attributionText(data),
      columns: table.columns,
      rows: table.rows,
    },
    null,
    1,
  );
}

/** Everything public about the plan in one zip: every table as CSV and JSON, the licence. */
export async function bulkZip(data: PublicDataset): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  // Fixed dates and no implicit folder entries (those would carry the current time) keep
  // the archive byte-identical for identical data: stable ETag, reproducible export.
  const options = { date: new Date(Date.UTC(2000, 0, 1)), createFolders: false };
  const dir = data.plan.slug;
  zip.file(`${dir}/`, null, { ...options, dir: true });
  for (const table of allTables(data)) {
    zip.file(`${dir}/${table.name}.csv`, toCsv(table), options);
    zip.file(`${dir}/${table.name}.json`, toJson(data, table), options);
  }
  zip.file(`${dir}/LICENSE.txt`, licenseText(data), options);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
