/**
 * A command line that names one command registers only that one (cli.ts); what it can
 * parse and print must be what the whole tree (program.ts) gives for the same words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Command } from 'commander';
import { COMMAND_REGISTRARS, cliFor, namedCommand } from './cli.js';
import { buildCli } from './program.js';

/** Every help text of a command and its subcommands, by path. */
function helpTexts(command: Command, path: string[] = []): Map<string, string> {
  const texts = new Map([[path.join(' '), command.helpInformation()]]);
  for (const sub of command.commands) for (const [k, v] of helpTexts(sub, [...path, sub.name()])) texts.set(k, v);
  return texts;
}

test('every command of the whole tree has a registrar, and nothing else does', () => {
  assert.deepEqual(
    buildCli()
      .commands.map((c) => c.name())
      .sort(),
    Object.keys(COMMAND_REGISTRARS).sort(),
  );
});

test('a command registered alone has the options, arguments and help it has among all the others', async () => {
  const all = buildCli();
  for (const word of Object.keys(COMMAND_REGISTRARS)) {
    const alone = await cliFor([word]);
    assert.ok(alone.commands.length <= 2 && alone.commands.some((c) => c.name() === word), `${word}: ${alone.commands.map((c) => c.name())}`);
    const expected = helpTexts(all.commands.find((c) => c.name() === word)!, [word]);
    assert.deepEqual(helpTexts(alone.commands.find((c) => c.name() === word)!, [word]), expected, word);
  }
});

test('the command word is read only from `[--data-dir DIR] WORD`', () => {
  assert.equal(namedCommand(['report', '--year', '2022']), 'report');
  assert.equal(namedCommand(['--data-dir', 'report', 'import', 'x.txt']), 'import');
  assert.equal(namedCommand(['--data-dir=./d', 'summary']), 'summary');
  assert.equal(namedCommand(['--help']), undefined);
  assert.equal(namedCommand(['--verbose', 'report']), undefined);
  assert.equal(namedCommand(['--data-dir']), undefined);
  assert.equal(namedCommand([]), undefined);
});

test('help, a mistyped command or an option before the command gets the whole tree', async () => {
  const everything = buildCli().commands.length;
  for (const argv of [[], ['--help'], ['help', 'report'], ['reprt'], ['--verbose', 'report'], ['toString'], ['__proto__']]) {
    assert.equal((await cliFor(argv)).commands.length, everything, argv.join(' '));
  }
});
