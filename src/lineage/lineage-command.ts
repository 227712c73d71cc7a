/** `hyoka lineage import|show|demo`: a successor plan's item mapping from the command line. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { addWriteSubcommand, type WithDb } from '../cli/database-subcommand.js';
import { env } from '../config/env.js';
import { resolvePlan } from '../plans/plan-queries.js';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { LINEAGE_KIND_WORDS } from './lineage-mapping.js';
import { ensureLineageDemo } from './lineage-demo.js';
import { lineagesOf } from './lineage-queries.js';
import { importLineageCsv } from './lineage-store.js';

export function registerLineageCommand(program: Command, withDb: WithDb): void {
  const lineage = program.command('lineage').description('後継計画と前計画の項目の対応づけ（引き継ぎ・統合・分割・終了・新規）');
  lineage
    .command('import <csv>')
    .description('対応づけを CSV（種別,前計画の番号,後継計画の番号）から取り込む。問題が1つでもあれば何も変更しない')
    .requiredOption('--successor <slug>', '後継計画の識別子')
    .requiredOption('--predecessor <slug>', '前計画の識別子')
    .action(async (file: string, opts: { successor: string; predecessor: string }) => {
      const csv = await readFile(file, 'utf8');
      await withDb(program, async (db) => {
        const r = await importLineageCsv(db, opts.successor, opts.predecessor, csv, `cli:${env().USER}`);
        console.log(`対応づけを保存しました: ${opts.predecessor} → ${opts.successor}（${r.rows} 行）`);
      });
    });
  lineage
    .command('show')
    .description('計画の対応づけを表示する')
    .requiredOption('--plan <slug>', '計画の識別子')
    .action(async (opts: { plan: string }) => {
      await withDb(
        program,
        async (db) => {
          const plan = await resolvePlan(db, opts.plan);
          const all = await lineagesOf(db, plan.id);
          if (all.length === 0) console.log('対応づけはありません。');
          for (const l of all) {
            console.log(`${l.predecessor.name} (${l.predecessor.slug}) → ${l.successor.name} (${l.successor.slug})`);
            for (const r of l.rows)
              console.log(
                `  ${LINEAGE_KIND_WORDS[r.kind].ja}\t${r.predecessor ? `${r.predecessor.code} ${r.predecessor.name}` : '—'}\t→\t${r.successor ? `${r.successor.code} ${r.successor.name}` : '—'}`,
              );
          }
        },
        'read',
      );
    });
  addWriteSubcommand(program, withDb, lineage, {
    name: 'demo',
    description: 'サンプルの計画の後継計画（デモ）と対応づけを作る',
    run: async (db) => {
      const slug = await ensureLineageDemo(db, SAMPLE_PLAN_SLUG);
      return [slug ? `デモの後継計画: ${slug}` : 'サンプルの計画がありません。先に取り込んでください。'];
    },
  });
}
