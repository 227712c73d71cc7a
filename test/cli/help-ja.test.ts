import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { localizeErrorText } from '../../src/cli/help-ja.js';
import { buildCli } from '../../src/cli/main.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const ENGLISH = /Usage|Options:|Commands:|Arguments:|display help|error:|default:|\[options\]|\[command\]/;

function hyoka(...args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'hyoka-help-'));
  try {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const r = spawnSync(process.execPath, [CLI, '--data-dir', join(dir, 'data'), ...args], { encoding: 'utf8', env });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('hyoka --help is Japanese throughout', () => {
  const r = hyoka('--help');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^使い方: hyoka \[オプション\] \[コマンド\]/);
  assert.match(r.stdout, /オプション:\n/);
  assert.match(r.stdout, /コマンド:\n/);
  assert.match(r.stdout, /-h, --help +このコマンドのヘルプを表示/);
  assert.match(r.stdout, /help \[コマンド\] +指定したコマンドのヘルプを表示/);
  assert.doesNotMatch(r.stdout, ENGLISH);
});

test('every command’s help lists the global options, in Japanese', () => {
  // In process: the same command tree the binary builds, without a process per command.
  const walk = (command: Command, path: string[]): void => {
    for (const sub of command.commands) {
      const name = [...path, sub.name()];
      const help = sub.helpInformation();
      assert.match(help, /^使い方: hyoka /, name.join(' '));
      if (sub.name() !== 'help') assert.match(help, /共通オプション:\n {2}--data-dir <dir>/, `${name.join(' ')} lists --data-dir`);
      assert.doesNotMatch(help, ENGLISH, name.join(' '));
      walk(sub, name);
    }
  };
  walk(buildCli(), []);
  assert.match(
    buildCli()
      .commands.find((c) => c.name() === 'import')!
      .helpInformation(),
    /引数:\n {2}file/,
  );
});

test('a missing required argument and an unknown option are told in Japanese', () => {
  const missing = hyoka('import');
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /エラー: 必須の引数 'file' が指定されていません。/);
  assert.doesNotMatch(missing.stderr, ENGLISH);
  const unknown = hyoka('summary', '--nope');
  assert.notEqual(unknown.code, 0);
  assert.match(unknown.stderr, /エラー: 不明なオプション '--nope' です。/);
});

test('commander’s error wordings map to Japanese; unknown lines stay as they are', () => {
  assert.equal(localizeErrorText("error: required option '--out <file>' not specified"), "エラー: 必須のオプション '--out <file>' が指定されていません。");
  assert.equal(
    localizeErrorText("error: too many arguments for 'import'. Expected 1 argument but got 2."),
    "エラー: 'import' の引数が多すぎます（指定できるのは 1 個、指定されたのは 2 個）。",
  );
  assert.equal(
    localizeErrorText("error: unknown command 'imprt'\n(Did you mean import?)"),
    "エラー: 不明なコマンド 'imprt' です。\n（もしかして import ですか？）",
  );
  assert.equal(localizeErrorText('何か別の行'), '何か別の行');
});
