/**
 * What the commands over one stored plan share: the `--plan` option, optional while the
 * store holds one plan (resolvePlan picks it), and, for those that write one file, the
 * action that writes it in the store and says where.
 */
import type { Command } from 'commander';
import type { Db } from '../db/db.js';
import type { WithDb } from './database-subcommand.js';

/** The subcommand `name` of `program`, described, with `--plan` as its first option. */
export function planCommand(program: Command, name: string, description: string): Command {
  return program.command(name).description(description).option('--plan <slug>', '計画の識別子 (計画が1つなら省略可)');
}

/** A command's action that writes one file: `write` returns the path it wrote, `written` is the line printed then. */
export function writeFileAction<Options>(
  program: Command,
  withDb: WithDb,
  write: (db: Db, opts: Options) => Promise<string>,
  written: (path: string) => string,
): (opts: Options) => Promise<void> {
  return async (opts) => {
    await withDb(program, async (db) => {
      const out = await write(db, opts);
      console.log(written(out));
    });
  };
}
