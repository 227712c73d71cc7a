/**
 * Import benchmarks: a 事務事業評価 workbook (one row per 事務事業, 4 tiers, five years of
 * ratings, 今後の方向性, issues and results) of 400 and 20,000 rows, read with its column
 * mapping and stored into a fresh store; and the sample report's text through the
 * published-text reader into a fresh store. Each figure is the whole import (bytes →
 * ImportedPlan → one transaction); creating the empty store is not timed.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { readImportFile } from '../src/imports/readers/index.js';
import { tableMappingSchema, type TableMapping } from '../src/imports/readers/table/mapping-schema.js';
import { storeImportedPlan } from '../src/imports/store-plan.js';
import { SAMPLE_REPORT } from '../src/imports/sample.js';
import type { Db, Queryable } from '../src/db/db.js';
import type { ImportedNode } from '../src/imports/imported-plan.js';
import type { BenchEngine } from './foundation.js';
import { syntheticReportText } from './synthetic-report-text.js';
import { formatMs, heading, report, timeEach, timeRuns, type Timing } from './measure.js';
import { seededRandom } from './seeded-random.js';

const YEARS = [2019, 2020, 2021, 2022, 2023];
const DEPARTMENTS = ['企画課', '総務課', '財政課', '防災対策課', '子育て支援課', '高齢福祉課', '環境政策課', '道路管理課', '学校教育課', '産業振興課'];
const DIRECTION_LABELS = ['拡充', '継続', '改善', '縮小', '廃止・休止'];
/** As cities type them: a full-width number, a full-width space, the label. */
const DIRECTIONS = DIRECTION_LABELS.map((label, i) => `${String.fromCharCode(0xff11 + i)}\u3000${label}`);
const CODES = ['A', 'B', 'C', 'D'];

/** The workbook's tiers, each in two columns (code, name) from A on; the department, ratings and texts follow. */
const TIERS = ['政策', '施策', '基本事業', '事務事業'];
const column = (index: number) => String.fromCharCode(65 + index);

export const BENCH_MAPPING: TableMapping = tableMappingSchema.parse({
  plan: { name: '総合計画 事務事業評価（ベンチマーク）', slug: 'bench-jigyo', startFiscalYear: 2019, endFiscalYear: 2028 },
  tiers: TIERS.map((name, i) => ({ name, codeColumn: column(2 * i), nameColumn: column(2 * i + 1) })),
  departmentColumn: column(2 * TIERS.length),
  scales: [
    {
      name: '達成度',
      codes: [
        { code: 'A', label: '目標を上回った', countsAsAchieved: true },
        { code: 'B', label: '目標どおり', countsAsAchieved: true },
        { code: 'C', label: '目標を下回った' },
        { code: 'D', label: '評価できない', isNotEvaluated: true },
      ],
    },
  ],
  annotations: [{ mark: '※', meaning: '災害対応の影響' }],
  ratings: YEARS.map((fy, i) => ({ column: column(2 * TIERS.length + 1 + i), fiscalYear: fy })),
  narratives: [
    { column: 'P', kind: 'issues', fiscalYear: 2023 },
    { column: 'Q', kind: 'progress', fiscalYear: 2023 },
  ],
  direction: { column: 'O', fiscalYear: 2023, values: DIRECTION_LABELS.map((label, i) => ({ code: String(i + 1), label })) },
});

/** A seeded workbook of `rows` 事務事業: 10 per 基本事業, 5 基本事業 per 施策, 8 施策 per 政策; full-width codes as cities type them. */
export async function programWorkbookBytes(rows: number, seed = 4242): Promise<Uint8Array> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const full = (n: number) => String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('事務事業評価');
  sheet.addRow([
    '政策',
    '政策名',
    '施策',
    '施策名',
    '基本事業',
    '基本事業名',
    '事務事業コード',
    '事務事業名',
    '担当課',
    ...YEARS.map((y) => `${y}評価`),
    '今後の方向性',
    '課題',
    '取組実績',
  ]);
  for (let i = 0; i < rows; i++) {
    const basic = Math.floor(i / 10);
    const measure = Math.floor(basic / 5);
    const policy = Math.floor(measure / 8);
    sheet.addRow([
      full(policy + 1),
      `政策${policy + 1}`,
      `${full(policy + 1)}－${full((measure % 8) + 1)}`,
      `施策${policy + 1}-${(measure % 8) + 1}`,
      `${policy + 1}-${(measure % 8) + 1}-${(basic % 5) + 1}`,
      `基本事業${basic + 1}`,
      String(100000 + i),
      `事務事業${i + 1}（${pick(['窓口', '啓発', '補助', '施設', '電子化'])}）`,
      pick(DEPARTMENTS),
      ...YEARS.map(() => `${pick(CODES)}${random() < 0.02 ? '※' : ''}`),
      pick(DIRECTIONS),
      random() < 0.6 ? `課題: ${'利用者の声を踏まえた見直しが必要。'.repeat(1 + Math.floor(random() * 3))}` : null,
      `取組実績: 延べ${Math.floor(random() * 5000)}人が利用した。`,
    ]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * timeEach, and the median CPU time of this process per run beside the wall clock: on a
 * shared machine the wall clock also counts other processes. PGlite runs in this process,
 * so its CPU is all of the import; a PostgreSQL server's own CPU is not counted.
 */
async function timeImport<T>(
  runs: number,
  setup: () => Promise<T>,
  fn: (subject: T) => Promise<unknown>,
  teardown: (subject: T) => Promise<unknown>,
): Promise<Timing & { cpu: number }> {
  const cpu: number[] = [];
  const timing = await timeEach(
    runs,
    setup,
    async (subject) => {
      const before = process.cpuUsage();
      await fn(subject);
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1000);
    },
    teardown,
  );
  cpu.sort((a, b) => a - b);
  return { ...timing, cpu: cpu[Math.floor(cpu.length / 2)]! };
}

function reportImport(label: string, t: Timing & { cpu: number }, targetMs: number): void {
  report(label, t, targetMs);
  console.log(`${''.padEnd(58)} cpu (this process) median ${formatMs(t.cpu)}  ratio ${(t.cpu / targetMs).toFixed(2)}`);
}

export async function runImportsBench(engines: BenchEngine[]): Promise<void> {
  heading('Imports: table workbooks and the published text');
  await benchTargetWorkbooks(engines);
  await benchSampleText(engines);
  await benchGeneratedFiles(engines);
}

type ImportFile = { bytes: Uint8Array; name: string; options?: { mapping: TableMapping } };

/** The whole import of one file into a store: read with the real reader, stored in one transaction. */
function importInto(file: ImportFile) {
  return async (store: { db: Db }) => {
    const { plan, reader } = await readImportFile(file.bytes, file.name, file.options);
    await storeImportedPlan(store.db, plan, { reader });
  };
}

/** The column-mapping workbook at the sizes with a target: 400 rows in 1 s, 20,000 in 15 s. */
async function benchTargetWorkbooks(engines: BenchEngine[]): Promise<void> {
  const targets: [number, number, number][] = [
    [400, 1000, 7],
    [20_000, 15_000, 3],
  ];
  for (const [rows, target, runs] of targets) {
    const file: ImportFile = { bytes: await programWorkbookBytes(rows), name: 'jigyo.xlsx', options: { mapping: BENCH_MAPPING } };
    report(
      `read xlsx ${rows.toLocaleString('en')} rows (no store)`,
      await timeRuns(runs, () => readImportFile(file.bytes, file.name, file.options), { warmup: 1 }),
    );
    for (const engine of engines) {
      const t = await timeImport(
        runs,
        () => engine.fresh(),
        importInto(file),
        (store) => store.dispose(),
      );
      reportImport(`[${engine.name}] import xlsx ${rows.toLocaleString('en')} rows into a fresh store`, t, target);
    }
  }
}

/** The sample report's text, whose import has a target of 300 ms. */
async function benchSampleText(engines: BenchEngine[]): Promise<void> {
  const file: ImportFile = { bytes: readFileSync(SAMPLE_REPORT), name: 'sample.txt' };
  for (const engine of engines) {
    const t = await timeImport(
      7,
      () => engine.fresh(),
      importInto(file),
      (store) => store.dispose(),
    );
    reportImport(`[${engine.name}] import published text (sample) into a fresh store`, t, 300);
  }
}

/**
 * At plan sizes without a target of their own: the column-mapping xlsx at 2,000 rows, and a
 * generated published report (synthetic-report-text.ts) through the same reader as the sample.
 * Every generated sub-item must be read back and stored, or the bench stops.
 */
async function benchGeneratedFiles(engines: BenchEngine[]): Promise<void> {
  const inputs: { label: string; subItems: number; runs: number; file: () => Promise<ImportFile> }[] = [
    {
      label: 'xlsx 2,000 rows',
      subItems: 2_000,
      runs: 5,
      file: async () => ({ bytes: await programWorkbookBytes(2_000), name: 'jigyo.xlsx', options: { mapping: BENCH_MAPPING } }),
    },
    { label: 'published text, 2,000 sub-items', subItems: 2_000, runs: 5, file: async () => syntheticReportFile(2_000) },
    { label: 'published text, 20,000 sub-items', subItems: 20_000, runs: 3, file: async () => syntheticReportFile(20_000) },
  ];
  for (const input of inputs) {
    const file = await input.file();
    const read = await readImportFile(file.bytes, file.name, file.options);
    const leaves = countLeaves(read.plan.nodes);
    if (leaves !== input.subItems) throw new Error(`${input.label}: read ${leaves} sub-items, generated ${input.subItems}`);
    console.log(`${input.label}: ${(file.bytes.length / 1024).toFixed(0)} KB, read back ${leaves.toLocaleString('en')} sub-items (${read.reader})`);
    for (const engine of engines) {
      const t = await timeImport(
        input.runs,
        () => engine.fresh(),
        importInto(file),
        async (store) => {
          const stored = await storedLeaves(store.db);
          if (stored !== input.subItems) throw new Error(`${input.label}: stored ${stored} sub-items, generated ${input.subItems}`);
          await store.dispose();
        },
      );
      report(`[${engine.name}] import ${input.label} into a fresh store`, t);
      console.log(`${''.padEnd(58)} cpu (this process) median ${formatMs(t.cpu)}`);
    }
  }
}

function syntheticReportFile(subItems: number): { bytes: Uint8Array; name: string } {
  return { bytes: new TextEncoder().encode(syntheticReportText(subItems).text), name: 'synthetic-report.txt' };
}

function countLeaves(nodes: readonly ImportedNode[]): number {
  return nodes.reduce((sum, n) => sum + (n.children.length === 0 ? 1 : countLeaves(n.children)), 0);
}

async function storedLeaves(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>('select count(*)::int as n from plan_items i where not exists (select 1 from plan_items c where c.parent_id = i.id)');
  return r.rows[0]!.n;
}
