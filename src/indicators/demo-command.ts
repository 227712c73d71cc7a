/** `hyoka demo indicators`: the demo plan with indicators (indicator-demo.ts), made once; running it again changes nothing. */
import type { Command } from 'commander';
import type { Db } from '../db/db.js';
import { describeIndicatorDemo, ensureIndicatorDemo } from './indicator-demo.js';

// Also in lineage-command.ts: a command may import neither the CLI nor another domain's command, so each states the withDb it is given.
type WithDb = <T>(program: Command, fn: (db: Db) => Promise<T>, access?: 'read' | 'write') => Promise<T>;

export function registerDemoCommand(program: Command, withDb: WithDb): void {
  const demo = program.command('demo').description('デモ用のデータ（架空のデータ。実運用では使わないでください）');
  demo
    .command('indicators')
    .description('指標・目標値・評価の規則・今後の方向性・事業費を備えたデモの計画を作る（既にあれば何もしない）')
    .action(async () => {
      await withDb(program, async (db) => {
        const r = await ensureIndicatorDemo(db);
        console.log(r.created ? 'デモの指標つき計画を作りました。' : 'デモの指標つき計画は既にあります（変更していません）。');
        console.log(describeIndicatorDemo(r));
      });
    });
}
