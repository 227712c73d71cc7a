#!/usr/bin/env node
/**
 * The `hyoka` command (the command line itself is ./cli.ts). ESM evaluates no module until
 * every module it imports statically is loaded, and the CLI's are a fifth of a second of
 * CPU: imported statically here, they held back the embedded store's thread, which loads
 * PostgreSQL meanwhile, until all of them were loaded. So this module imports only what
 * starts that thread, and the rest once the thread is on its way.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { startStoreThreadEarly } from './store-prewarm.js';

/** True when this process is the `hyoka` command, not a test importing the CLI. */
function runAsCommand(): boolean {
  try {
    return process.argv[1] !== undefined && fileURLToPath(import.meta.url) === realpathSync(process.argv[1]);
  } catch {
    return false;
  }
}

const asCommand = runAsCommand();
if (asCommand) startStoreThreadEarly(process.argv.slice(2));

export const { runCli } = await import('./cli.js');

/** The whole command tree (tests walk it). Loaded only where this module is imported, not run: a command loads what it names. */
export let buildCli: () => Command = () => {
  throw new Error('buildCli: import ./program.js');
};
if (!asCommand) ({ buildCli } = await import('./program.js'));

if (asCommand) {
  const code = await runCli(process.argv.slice(2));
  // `serve` keeps the process alive through its listener; other commands end here.
  if (code !== 0) process.exit(code);
}
