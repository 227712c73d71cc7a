/**
 * The whole command tree, every command registered, as `hyoka --help` lists them. A command
 * line that names one command loads only that one (./cli.ts); this is for the rest.
 */
import type { Command } from 'commander';
import { registerUsersCommand } from '../users/users-command.js';
import { registerPortalCommand } from '../portal/export-command.js';
import { registerLineageCommand } from '../lineage/lineage-command.js';
import { registerDemoCommand } from '../indicators/demo-command.js';
import { registerReportCommand } from '../reports/report-command.js';
import { registerExportCommand } from '../imports/export-command.js';
import { registerBackupCommands } from '../ops/backup-command.js';
import { localizeCli } from './help-ja.js';
import { registerOwnCommands, rootCommand, withDb, withDbForReading } from './own-commands.js';

export function buildCli(): Command {
  const program = rootCommand();
  registerOwnCommands(program);
  registerReportCommand(program, withDbForReading);
  registerExportCommand(program, withDbForReading);
  registerUsersCommand(program);
  registerPortalCommand(program);
  registerLineageCommand(program, withDb);
  registerDemoCommand(program, withDb);
  registerBackupCommands(program);
  return localizeCli(program);
}
