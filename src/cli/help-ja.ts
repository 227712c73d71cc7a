/**
 * commander speaks English of its own (Usage, display help for command, error: required
 * option …). `localizeCli` puts every such word of the command tree into Japanese in one
 * place, and makes every command's help list the global options (`--data-dir`) too.
 * Call it once, after every command is registered.
 */
import { type Command, Help } from 'commander';

const TITLES: Readonly<Record<string, string>> = {
  'Usage:': '使い方:',
  'Options:': 'オプション:',
  'Commands:': 'コマンド:',
  'Arguments:': '引数:',
  'Global Options:': '共通オプション:',
};

/** Words commander writes inside the help text: usage placeholders and option annotations. */
function localizeHelpText(text: string): string {
  return text
    .replace(/\[options\]/g, '[オプション]')
    .replace(/\[command\]/g, '[コマンド]')
    .replace(/\bdefault: /g, '既定: ')
    .replace(/\bchoices: /g, '選択肢: ')
    .replace(/\benv: /g, '環境変数: ')
    .replace(/\bpreset: /g, '省略時: ');
}

/** East Asian wide characters take two columns in a terminal; commander counts one. */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;

type Rule = [RegExp, (...groups: string[]) => string];

/** commander's error messages (lib/command.js), each with its Japanese wording. */
const ERROR_RULES: readonly Rule[] = [
  [/^error: missing required argument '(.+)'$/, (name) => `エラー: 必須の引数 '${name}' が指定されていません。`],
  [/^error: option '(.+)' argument missing$/, (flags) => `エラー: オプション '${flags}' の値が指定されていません。`],
  [/^error: required option '(.+)' not specified$/, (flags) => `エラー: 必須のオプション '${flags}' が指定されていません。`],
  [/^error: unknown option '([^']+)'$/, (flag) => `エラー: 不明なオプション '${flag}' です。`],
  [/^error: unknown command '([^']+)'$/, (name) => `エラー: 不明なコマンド '${name}' です。`],
  [
    /^error: too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (command, expected, got) => `エラー: ${command ? `'${command}' の` : ''}引数が多すぎます（指定できるのは ${expected} 個、指定されたのは ${got} 個）。`,
  ],
  [/^error: option '(.+)' argument '(.+)' is invalid\.$/, (flags, value) => `エラー: オプション '${flags}' の値 '${value}' は正しくありません。`],
  [/^error: command-argument value '(.+)' is invalid for argument '(.+)'\.$/, (value, name) => `エラー: 引数 '${name}' の値 '${value}' は正しくありません。`],
  [/^error: (.+) cannot be used with (.+)$/, (a, b) => `エラー: ${a} と ${b} は同時に指定できません。`],
  [/^\(Did you mean (.+)\?\)$/, (suggestion) => `（もしかして ${suggestion} ですか？）`],
  [/^\(add --help for additional information\)$/, () => '（詳しくは --help を付けて実行してください）'],
  [/^error: (.*)$/, (rest) => `エラー: ${rest}`],
];

/** Translates commander's error output line by line; lines it does not know stay as they are. */
export function localizeErrorText(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      for (const [pattern, wording] of ERROR_RULES) {
        const m = pattern.exec(line);
        if (m) return wording(...m.slice(1).map((g) => g ?? ''));
      }
      return line;
    })
    .join('\n');
}

function localizeCommand(command: Command): void {
  command.helpOption('-h, --help', 'このコマンドのヘルプを表示');
  if (command.commands.length > 0) command.helpCommand('help [コマンド]', '指定したコマンドのヘルプを表示');
  // Each hook localizes its own piece before commander measures it, so the columns stay aligned.
  const base = Help.prototype;
  command.configureHelp({
    showGlobalOptions: true,
    styleTitle: (title: string) => TITLES[title] ?? title,
    commandUsage: (cmd: Command) => localizeHelpText(base.commandUsage.call(new Help(), cmd)),
    subcommandTerm: (cmd: Command) => localizeHelpText(base.subcommandTerm.call(new Help(), cmd)),
    optionDescription: (option) => localizeHelpText(base.optionDescription.call(new Help(), option)),
    argumentDescription: (argument) => localizeHelpText(base.argumentDescription.call(new Help(), argument)),
    displayWidth: (text: string) => base.displayWidth.call(new Help(), text) + (text.match(WIDE)?.length ?? 0),
  });
  command.configureOutput({ outputError: (text, write) => write(localizeErrorText(text)) });
  for (const sub of command.commands) localizeCommand(sub);
}

/** Japanese help, usage and errors for `program` and every command below it. */
export function localizeCli(program: Command): Command {
  localizeCommand(program);
  return program;
}
