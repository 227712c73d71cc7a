import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EXIT_STORE_LOCKED } from '../cli/exit-codes.js';
import { buildCli } from '../cli/program.js';
import { SHUTDOWN_TIMEOUT_MS } from '../cli/serve-command.js';
import { ENV_NAMES, parseEnv } from './env.js';
import { parseServiceUnit, readServiceUnit, settingWords } from './service-unit.js';

const ROOT = new URL('../../../', import.meta.url);
/** What glibc reads from the environment at the start of a process (the only settings the unit may add). */
const ALLOCATOR_SETTING = /^MALLOC_[A-Z_]+_$/;

test('the unit sets only what hyoka reads, with values it accepts, and the allocator setting the README gives', () => {
  const { environment } = readServiceUnit();
  const foreign = Object.keys(environment).filter((name) => !ENV_NAMES.includes(name) && !ALLOCATOR_SETTING.test(name));
  assert.deepEqual(foreign, []);
  assert.doesNotThrow(() => parseEnv(environment));
  const allocator = Object.entries(environment).filter(([name]) => ALLOCATOR_SETTING.test(name));
  assert.ok(allocator.length > 0, 'the unit gives the allocator setting');
  const readme = readFileSync(new URL('README.md', ROOT), 'utf8');
  for (const [name, value] of allocator) assert.ok(readme.includes(`${name}=${value}`), `README names ${name}=${value}`);
});

test('it starts the built `hyoka serve` from its working directory, with options serve has', () => {
  const unit = readServiceUnit();
  const [node, script, command, ...options] = settingWords(unit, 'Service.ExecStart');
  assert.match(node!, /\/node$/);
  const bin = (JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { bin: { hyoka: string } }).bin.hyoka;
  assert.equal(script, `${settingWords(unit, 'Service.WorkingDirectory')[0]}/${bin}`);
  assert.equal(command, 'serve');
  const serve = buildCli().commands.find((c) => c.name() === command);
  assert.ok(serve);
  const known = new Set(serve.options.map((o) => o.long));
  for (const option of options.filter((o) => o.startsWith('--'))) assert.ok(known.has(option.split('=')[0]), option);
});

test('its store is its own state directory, and stopping and restarting fit the server', () => {
  const unit = readServiceUnit();
  const store = `/var/lib/${settingWords(unit, 'Service.StateDirectory')[0]}`;
  assert.equal(parseEnv(unit.environment).HYOKA_DATA_DIR, store);
  assert.ok(settingWords(unit, 'Service.ReadWritePaths').includes(store));
  // systemd kills what is still running at TimeoutStopSec: after the server's own drain, never before.
  assert.ok(Number(settingWords(unit, 'Service.TimeoutStopSec')[0]) * 1000 > SHUTDOWN_TIMEOUT_MS);
  assert.deepEqual(settingWords(unit, 'Service.RestartPreventExitStatus'), [String(EXIT_STORE_LOCKED)]);
  assert.deepEqual(settingWords(unit, 'Service.KillSignal'), ['SIGTERM']);
});

test('settings are read as systemd reads them: quoted words, several assignments, later ones win', () => {
  const unit = parseServiceUnit(
    [
      '# comment',
      '[Unit]',
      'Description=x',
      '',
      '[Service]',
      'Environment="A=one two" B=2',
      '; other comment',
      'Environment=B=3',
      'ExecStart=/usr/bin/node "/srv/a b/main.js" serve',
    ].join('\n'),
  );
  assert.deepEqual(unit.environment, { A: 'one two', B: '3' });
  assert.deepEqual(settingWords(unit, 'Service.ExecStart'), ['/usr/bin/node', '/srv/a b/main.js', 'serve']);
  assert.deepEqual(unit.settings.get('Unit.Description'), ['x']);
  assert.throws(() => settingWords(unit, 'Service.Environment'), /expected once, found 2/);
  assert.throws(() => parseServiceUnit('[Service]\nnot a setting'), /not a setting in Service/);
});
