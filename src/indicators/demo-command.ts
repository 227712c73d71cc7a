/** `hyoka demo indicators`: the demo plan with indicators (indicator-demo.ts), made once; running it again changes nothing. */
import type { Command } from 'commander';
import { addWriteSubcommand, type WithDb } from '../cli/database-subcommand.js';
import { describeIndicatorDemo, ensureIndicatorDemo } from './indicator-demo.js';

export function registerDemoCommand(program: Command, withDb: WithDb): void {
  const demo = program.command('demo').description('デモ用のデータ（架空のデータ。実運用では使わないでください）');
  addWriteSubcommand(program, withDb, demo, {
    name: 'indicators',
    description: '指標・目標値・評価の規則・今後の方向性・事業費を備えたデモの計画を作る（既にあれば何もしない）',
    run: async (db) => {
      const r = await ensureIndicatorDemo(db);
      return [r.created ? 'デモの指標つき計画を作りました。' : 'デモの指標つき計画は既にあります（変更していません）。', describeIndicatorDemo(r)];
    },
  });
}
