/**
 * What a domain's `hyoka` command is given to reach the database, and the subcommand the
 * demos are: one write, then the lines that say what it did. main.ts passes its withDb;
 * this module imports nothing of main.ts, so a domain's command may use it.
 */
import type { Command } from 'commander';
import type { Db } from '../db/db.js';

/** main.ts's withDb: runs `fn` over the store (or the running server's), for reading or writing. */
export type WithDb = <T>(program: Command, fn: (db: Db) => Promise<T>, access?: 'read' | 'write') => Promise<T>;

export interface WriteSubcommand {
  name: string;
  description: string;
  /** The write; returns the lines to print. */
  run: (db: Db) => Promise<string[]>;
}

/** Adds `<parent> <name>`: runs the write over the database and prints its lines. */
export function addWriteSubcommand(program: Command, withDb: WithDb, parent: Command, sub: WriteSubcommand): void {
  parent
    .command(sub.name)
    .description(sub.description)
    .action(async () => {
      const lines = await withDb(program, sub.run);
      for (const line of lines) console.log(line);
    });
}
