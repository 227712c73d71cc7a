/**
 * The commands defined in the CLI itself (migrate, import, summary, serve and start) and
 * what every command is given to reach the store: withDb, withDbForReading. ./cli.ts runs
 * the command line; ./program.ts is the whole tree.
 */
import { Command } from 'commander';
import { openDbFromEnv, type Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { env } from '../config/env.js';
import { AppError } from '../errors.js';
import { openStoreForReading } from '../ops/control-socket.js';

/** An error whose message is for the user: printed without a stack trace. */
export class UserError extends AppError {
  override name = 'UserError';
  constructor(message: string) {
    super(422, 'invalid-input', message);
  }
}

interface GlobalOptions {
  dataDir?: string;
}

/**
 * Opens the store for one command. 'write' (the default) opens it directly, so on an embedded
 * store a running server's lock refuses the command. 'read' falls back to a consistent snapshot
 * from the running server, noted on stderr so that stdout stays the command's own output.
 */
export async function withDb<T>(program: Command, fn: (db: Db) => Promise<T>, access: 'read' | 'write' = 'write'): Promise<T> {
  const { dataDir } = program.opts<GlobalOptions>();
  let db: Db;
  if (access === 'read') {
    const store = await openStoreForReading(dataDir);
    db = store.db;
    if (store.snapshotOf) console.error(`注: サーバーが稼働中のため、サーバーから取得した ${store.snapshotOf} 時点のスナップショットを読み取りました。`);
  } else {
    db = await openDbFromEnv(dataDir);
  }
  try {
    if (access === 'write') await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** withDb for commands that only read (summary, report, users list, export-site). */
export const withDbForReading = <T>(program: Command, fn: (db: Db) => Promise<T>): Promise<T> => withDb(program, fn, 'read');

/** The root command, before any command is registered. */
export function rootCommand(): Command {
  return new Command()
    .name('hyoka')
    .description('評価 — 計画の進捗評価: 報告書の取り込み、集計、公開')
    .option('--data-dir <dir>', '組み込みデータベースの保存先 (DATABASE_URL 未設定時)', env().HYOKA_DATA_DIR)
    .showHelpAfterError()
    .exitOverride();
}

/** The commands defined here, in the order `hyoka --help` lists them (./program.ts puts the domains' after). */
export function registerOwnCommands(program: Command): void {
  registerMigrateCommand(program);
  registerImportCommand(program);
  registerSummaryCommand(program);
  registerServeCommands(program);
}

// Alike in shape to the domains' commands (commander's register, describe, act): each has its own options and output.
export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('データベースのマイグレーションを適用する')
    .action(async () => {
      await withDb(program, async (db) => {
        const r = await migrate(db);
        console.log(r.applied.length ? `適用しました: ${r.applied.join(', ')}` : 'マイグレーションは最新です');
      });
    });
}

interface ImportOptions {
  slug?: string;
  mapping?: string;
  suggestMapping?: boolean;
  output?: string;
  sheet?: string;
  encoding?: string;
  dryRun?: boolean;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('計画の評価データを取り込む（公表済み報告書のテキスト、またはマッピング付きの CSV / xlsx）。全件成功か、何も変更しないかのどちらか')
    .argument('<file>', '報告書のテキスト、CSV、xlsx')
    .option('--slug <slug>', '計画の識別子 (英小文字・数字・ハイフン)')
    .option('--mapping <map.json>', 'CSV / xlsx の列の対応 (docs/imports.md)')
    .option('--suggest-mapping', '見出しからマッピングの下書きを作る（--output に書き出す。取り込みはしない）')
    .option('--output <path>', '--suggest-mapping の書き出し先（既定: FILE.mapping.json、- で標準出力）')
    .option('--sheet <name>', '--suggest-mapping で読むシート（xlsx。既定: 最初のシート）')
    .option('--encoding <name>', '文字コード: utf-8 | shift_jis | cp932 | utf-16le | utf-16be（既定: 自動判別）')
    .option('--dry-run', '何が取り込まれるかを表示するだけで、データベースは変更しない')
    .action((file: string, opts: ImportOptions) => runImport(program, file, opts));
}

async function runImport(program: Command, file: string, opts: ImportOptions): Promise<void> {
  const fileOptions = {
    ...(opts.mapping ? { mappingPath: opts.mapping } : {}),
    ...(opts.encoding ? { encoding: opts.encoding } : {}),
    ...(opts.slug ? { slug: opts.slug } : {}),
  };
  if (opts.suggestMapping) {
    const [{ suggestMappingForFile }, { writeFile }] = await Promise.all([import('../imports/import-plan.js'), import('node:fs/promises')]);
    const json = `${JSON.stringify(await suggestMappingForFile(file, { ...(opts.encoding ? { encoding: opts.encoding } : {}), ...(opts.sheet ? { sheet: opts.sheet } : {}) }), null, 2)}\n`;
    if (opts.output === '-') process.stdout.write(json);
    else {
      const out = opts.output ?? `${file}.mapping.json`;
      await writeFile(out, json, { flag: 'wx' });
      console.log(`マッピングの下書きを書き出しました: ${out}（内容を確かめて直してから --mapping で指定してください）`);
    }
    return;
  }
  if (opts.dryRun) {
    const { dryRunPlanFile } = await import('../imports/import-plan.js');
    for (const line of await dryRunPlanFile(file, fileOptions)) console.log(line);
    return;
  }
  // The published report's text needs only its own reader: the table readers (exceljs, csv) stay unloaded.
  const { readerFor } = await import('../imports/readers/index.js');
  if (!opts.mapping && readerFor(file, false) === 'published-text' && !opts.encoding) return importPublishedReport(program, file, opts.slug);
  const [{ importPlanFile }, { describeImportedPlan }] = await Promise.all([import('../imports/import-plan.js'), import('../imports/dry-run.js')]);
  await withDb(program, async (db) => {
    const r = await importPlanFile(db, file, fileOptions);
    console.log(`取り込みました: ${r.slug}${r.unchanged ? ' — 同じファイルを取り込み済みのため内容は変わりません' : ''}`);
    for (const line of describeImportedPlan(r.plan)) console.log(`  ${line}`);
  });
}

async function importPublishedReport(program: Command, file: string, slug: string | undefined): Promise<void> {
  const { importReportFile } = await import('../imports/import-report.js');
  await withDb(program, async (db) => {
    const r = await importReportFile(db, file, slug ? { slug } : {});
    const c = r.counts;
    console.log(
      `取り込みました: ${r.slug}（${c.tiers.map((t) => `${t.name} ${t.count}`).join('、')}、評価 ${c.ratings}、記述 ${c.narratives}）${r.unchanged ? ' — 同じファイルを取り込み済みのため内容は変わりません' : ''}`,
    );
    if (r.mismatches.length) {
      console.error('警告: 報告書の集計表と明細の件数が一致しません:');
      for (const m of r.mismatches) console.error(`  ${m.fiscalYear}年度 ${m.code}: 集計表 ${m.reported} / 明細 ${m.computed}`);
      process.exitCode = 3;
    } else {
      console.log('集計表と明細の件数は一致しています。');
    }
  });
}

export function registerSummaryCommand(program: Command): void {
  program
    .command('summary')
    .description('年度別の評価件数と達成率を表示する')
    .option('--plan <slug>', '計画の識別子 (計画が1つなら省略可)')
    .option('--json', 'JSON で出力する')
    .option('--era <style>', '年度表記: wareki | seireki', 'wareki')
    .action(async (opts: { plan?: string; json?: boolean; era: string }) => {
      const { runSummary } = await import('./summary-command.js');
      await withDbForReading(program, async (db) => {
        process.stdout.write(await runSummary(db, { plan: opts.plan, json: Boolean(opts.json), era: opts.era === 'seireki' ? 'seireki' : 'wareki' }));
      });
    });
}

/** `serve` and `start`: the same server; `start` loads the sample into an empty store first. */
export function registerServeCommands(program: Command): void {
  const serveCommands = [
    { name: 'serve', loadSample: false, description: 'Web アプリを起動する (既定ポート 3000、環境変数 PORT)' },
    { name: 'start', loadSample: true, description: '初回はサンプルの報告書を取り込み、Web アプリを起動する (npm start)' },
  ];
  for (const { name, loadSample, description } of serveCommands) {
    program
      .command(name)
      .description(description)
      .option('--port <port>', 'ポート番号', String(env().PORT))
      .option('--host <host>', '待ち受けるアドレス', env().HOST)
      .option('--workers <n>', '同じポートで動かすアプリのプロセス数 (PostgreSQL のみ。環境変数 HYOKA_WORKERS)', String(env().HYOKA_WORKERS))
      .action(async (opts: { port: string; host: string; workers: string }) => {
        const { startServer } = await import('./serve-command.js');
        const dataDir = program.opts<GlobalOptions>().dataDir;
        await startServer({ dataDir, port: Number(opts.port), host: opts.host, loadSample, workers: Number(opts.workers) });
      });
  }
}
