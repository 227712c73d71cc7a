/** The `hyoka export-site` command: writes the public portal as static files. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { openStoreForReading } from '../ops/control-socket.js';

export function registerPortalCommand(program: Command): void {
  program
    .command('export-site')
    .description('公開ポータルを静的な HTML と CSV/JSON として書き出す（公表済みの評価のみ。任意のサブパスや file:// で動作）')
    .requiredOption('--out <dir>', '書き出し先のディレクトリ')
    .option('--plan <slug>', 'この計画だけを書き出す')
    .action(async (opts: { out: string; plan?: string }) => {
      // The whole portal is loaded only when it is exported, not by every other command.
      const [{ sitePages }, { exportSite }] = await Promise.all([import('./pages/site-pages.js'), import('./static-export.js')]);
      // Reads only: while a server holds an embedded store, the server's consistent snapshot is exported.
      const { db } = await openStoreForReading(program.opts<{ dataDir?: string }>().dataDir);
      try {
        const started = performance.now();
        const r = await exportSite(db, resolve(opts.out), sitePages, opts.plan ? { plan: opts.plan } : {});
        const ms = performance.now() - started;
        console.log(
          `書き出しました: ${resolve(opts.out)}（計画 ${r.plans.length}、ページ ${r.pages}、ファイル ${r.files}、${(r.bytes / 1024 / 1024).toFixed(1)} MB、${(ms / 1000).toFixed(2)} 秒）`,
        );
        if (r.plans.length === 0) console.log('公表済みの計画がありません。index.html のみ書き出しました。');
      } finally {
        await db.close();
      }
    });
}
