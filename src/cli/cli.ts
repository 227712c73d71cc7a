/**
 * The hyoka command line. Every command opens the store the same way:
 * DATABASE_URL when set, else embedded PGlite in --data-dir (default ./data).
 * Errors go to stderr with a non-zero exit code. What a command needs (the web server,
 * the readers, exceljs …) is imported when that command runs, so `hyoka --help` and a
 * small command do not pay for loading the rest; a command line that names one command
 * registers only that one (./program.ts has them all, for help and anything else).
 */
import { CommanderError, type Command } from 'commander';
import { reportCliError } from './exit-codes.js';
import { localizeCli } from './help-ja.js';
import {
  registerImportCommand,
  registerMigrateCommand,
  registerServeCommands,
  registerSummaryCommand,
  rootCommand,
  withDb,
  withDbForReading,
} from './own-commands.js';

/**
 * What registers each command word. Loading every domain's command module is about a
 * tenth of a second of a command's start (lineage and the demos import their domains), so
 * a command line that names one of these registers only it (with its sibling, for serve and
 * start, backup and restore); its options, help and errors are the ones it has among all the
 * others (program.test.ts compares them).
 */
export const COMMAND_REGISTRARS: Readonly<Record<string, (program: Command) => Promise<void>>> = {
  migrate: async (program) => registerMigrateCommand(program),
  import: async (program) => registerImportCommand(program),
  summary: async (program) => registerSummaryCommand(program),
  serve: async (program) => registerServeCommands(program),
  start: async (program) => registerServeCommands(program),
  report: async (program) => (await import('../reports/report-command.js')).registerReportCommand(program, withDbForReading),
  export: async (program) => (await import('../imports/export-command.js')).registerExportCommand(program, withDbForReading),
  users: async (program) => (await import('../users/users-command.js')).registerUsersCommand(program),
  'export-site': async (program) => (await import('../portal/export-command.js')).registerPortalCommand(program),
  lineage: async (program) => (await import('../lineage/lineage-command.js')).registerLineageCommand(program, withDb),
  demo: async (program) => (await import('../indicators/demo-command.js')).registerDemoCommand(program, withDb),
  backup: async (program) => (await import('../ops/backup-command.js')).registerBackupCommands(program),
  restore: async (program) => (await import('../ops/backup-command.js')).registerBackupCommands(program),
};

/**
 * The command word when the command line is nothing but `[--data-dir DIR] WORD …`; undefined
 * for anything before the word that is not --data-dir (help, a version, a mistyped option),
 * whose answer may list every command.
 */
export function namedCommand(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--data-dir') i++;
    else if (arg.startsWith('--data-dir=')) continue;
    else return arg.startsWith('-') ? undefined : arg;
  }
  return undefined;
}

/** The command tree that parses `argv`: only the command it names, when that is one of COMMAND_REGISTRARS, else all. */
export async function cliFor(argv: readonly string[]): Promise<Command> {
  const word = namedCommand(argv);
  const register = word !== undefined && Object.hasOwn(COMMAND_REGISTRARS, word) ? COMMAND_REGISTRARS[word] : undefined;
  if (!register) return (await import('./program.js')).buildCli();
  const program = rootCommand();
  await register(program);
  return localizeCli(program);
}

export async function runCli(argv: string[]): Promise<number> {
  // A command says "finished, but not cleanly" through process.exitCode; read only what this
  // run set (in a test process the runner keeps its own failure flag there), then put it back.
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    const program = await cliFor(argv);
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    // --help and --version end here with code 0; usage errors were already printed.
    if (error instanceof CommanderError) return error.exitCode;
    return reportCliError(error);
  } finally {
    process.exitCode = before;
  }
}
