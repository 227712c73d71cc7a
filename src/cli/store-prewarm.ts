/**
 * Called by ./main.ts before the rest of the CLI is even loaded: when
 * the command line names a command that opens the embedded store, the store's thread starts
 * loading PostgreSQL's WebAssembly now, while this thread loads the command's modules.
 * Only a guess from the words on the command line, and a safe one: the thread touches no
 * store until a command opens one, so a wrong guess costs a little CPU and nothing else.
 */
import { setFlagsFromString } from 'node:v8';
import { env } from '../config/env.js';
import { prewarmPgliteThread } from '../db/pglite-thread.js';

/** Commands that open the store as soon as their options are read (`import --dry-run` does not, see below). */
const STORE_COMMANDS = new Set(['import', 'report', 'summary', 'migrate', 'export', 'serve', 'start']);

/** The command word: the first argument that is neither an option nor the value of the global --data-dir. */
export function commandWord(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--data-dir') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

export function opensEmbeddedStore(argv: readonly string[], databaseUrl: string | undefined): boolean {
  if (databaseUrl) return false;
  if (argv.some((a) => a === '-h' || a === '--help' || a === '--dry-run' || a === '--suggest-mapping')) return false;
  const word = commandWord(argv);
  return word !== undefined && STORE_COMMANDS.has(word);
}

/** The configured PostgreSQL URL, or undefined when the configuration is invalid: the CLI reports that itself, in its own words, once it runs. */
function configuredDatabaseUrl(): string | undefined | 'invalid' {
  try {
    return env().DATABASE_URL;
  } catch {
    return 'invalid';
  }
}

/**
 * Commands whose process ends once a few dozen statements are answered. V8 runs PostgreSQL's
 * WebAssembly first as baseline code, compiled function by function as first called, and
 * recompiles its hot functions with its optimizing compiler on a background thread; while
 * that runs, the store's thread waited on it (a futex, seen with strace) before answering
 * the command's first statements: 100–250 ms of `hyoka report` with both threads idle, and
 * the recompilation's CPU besides, for code the process ends before it pays back. With
 * baseline code only, a report's start measured: store open 375–400 ms against 450–620,
 * the migrations check 22–26 ms against 80–250, the first report's queries 93–103 ms
 * against 175–250. A server (and an import, whose statements run thousands of times) keeps
 * the optimizing compiler.
 */
const SHORT_COMMANDS = new Set(['report', 'summary']);

export function ranBriefly(argv: readonly string[]): boolean {
  const word = commandWord(argv);
  return word !== undefined && SHORT_COMMANDS.has(word);
}

/** Starts the store's thread when `argv` (the command's own arguments) names a command that opens the embedded store. */
export function startStoreThreadEarly(argv: readonly string[]): void {
  const databaseUrl = configuredDatabaseUrl();
  if (databaseUrl === 'invalid' || !opensEmbeddedStore(argv, databaseUrl)) return;
  // Process-wide and read when the thread compiles PostgreSQL's WebAssembly, so set before it starts.
  if (ranBriefly(argv)) setFlagsFromString('--liftoff-only');
  prewarmPgliteThread();
}
