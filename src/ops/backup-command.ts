/** `hyoka backup --out FILE` and `hyoka restore FILE [--force]`, for both stores. */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { openDbFromEnv } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { StoreLockedError } from '../db/store-lock.js';
import { env } from '../config/env.js';
import { BackupError, createBackup, decodeBackup, encodeBackup, restoreBackup, type Backup } from './backup.js';
import { fetchBackupFromServer } from './control-socket.js';

/** The backup bytes and where they came from: straight from the store, or from the server holding it. */
async function takeBackup(dataDir: string | undefined): Promise<{ data: Buffer; backup: Backup; viaServer: boolean }> {
  try {
    const db = await openDbFromEnv(dataDir);
    try {
      await migrate(db);
      const backup = await createBackup(db);
      return { data: encodeBackup(backup), backup, viaServer: false };
    } finally {
      await db.close();
    }
  } catch (error) {
    if (!(error instanceof StoreLockedError)) throw error;
    const data = await fetchBackupFromServer(error.dataDir, error);
    return { data, backup: decodeBackup(data), viaServer: true };
  }
}

const totalRows = (backup: Backup): number => backup.tables.reduce((n, t) => n + t.digest.rows, 0);

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('全テーブルの一貫したバックアップを1つのファイルに書き出す（サーバー稼働中も可）')
    .requiredOption('--out <file>', '書き出すファイル（.jsonl.gz。パスワードのハッシュやセッションを含むため権限 0600 で作成）')
    .action(async (opts: { out: string }) => {
      const out = resolve(opts.out);
      const { data, backup, viaServer } = await takeBackup(program.opts<{ dataDir?: string }>().dataDir);
      // Temp file + rename: a cron job never leaves a half-written backup under the real name.
      const temp = `${out}.${process.pid}.tmp`;
      try {
        writeFileSync(temp, data, { mode: 0o600 });
        renameSync(temp, out);
      } catch (error) {
        rmSync(temp, { force: true });
        throw error;
      }
      const version = backup.header.migrations.at(-1)?.version ?? 'なし';
      console.log(
        `バックアップしました: ${out}（テーブル ${backup.tables.length}、行 ${totalRows(backup)}、マイグレーション ${version}、${(data.length / 1024).toFixed(0)} KB${viaServer ? '、稼働中のサーバーから取得' : ''}）`,
      );
    });

  program
    .command('restore')
    .description('バックアップファイルからデータベースを復元する（空のデータベースへ。--force で既存の内容を置き換え）')
    .argument('<file>', 'hyoka backup で作ったファイル')
    .option('--force', '空でないデータベースの内容をすべて置き換える（置き換えは監査ログに記録）')
    .action(async (file: string, opts: { force?: boolean }) => {
      let backup: Backup;
      try {
        backup = decodeBackup(readFileSync(file));
      } catch (error) {
        if (!(error instanceof BackupError)) throw error;
        console.error(`エラー: ${error.message}`);
        process.exitCode = 1;
        return;
      }
      const db = await openDbFromEnv(program.opts<{ dataDir?: string }>().dataDir);
      try {
        const r = await restoreBackup(db, backup, { force: Boolean(opts.force), actor: `cli:${env().USER}` });
        console.log(
          `復元しました: ${resolve(file)}（${backup.header.createdAt} のバックアップ、テーブル ${r.tables}、行 ${r.rows}。件数とチェックサムを確認済み）`,
        );
        if (r.replaced) console.log('既存の内容を置き換えました。置き換えたことは監査ログに記録しました。');
      } catch (error) {
        if (!(error instanceof BackupError)) throw error;
        console.error(`エラー: ${error.message}`);
        console.error('データベースは変更されていません。');
        process.exitCode = 1;
      } finally {
        await db.close();
      }
    });
}
