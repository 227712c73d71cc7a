/**
 * The systemd unit hyoka ships (deploy/hyoka.service), read the way systemd reads the settings
 * hyoka cares about. Its test holds it to the code (variables, command, exit codes, stop time),
 * and the benchmark starts `serve` with the environment it sets, so the figures the README
 * gives for a service are those of this file.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SERVICE_UNIT_PATH = fileURLToPath(new URL('../../../deploy/hyoka.service', import.meta.url));

export interface ServiceUnit {
  /** Every value of each `Section.Key`, in file order (a key may be given more than once). */
  settings: ReadonlyMap<string, readonly string[]>;
  /** The `Environment=` assignments of [Service], later ones winning, as systemd applies them. */
  environment: Readonly<Record<string, string>>;
}

/** Splits a line of systemd words: blanks separate them, double quotes keep blanks inside one. */
function words(value: string): string[] {
  return [...value.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!));
}

export function parseServiceUnit(text: string): ServiceUnit {
  const settings = new Map<string, string[]>();
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1]!;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`not a setting in ${section || 'no section'}: ${line}`);
    const key = `${section}.${line.slice(0, eq).trim()}`;
    settings.set(key, [...(settings.get(key) ?? []), line.slice(eq + 1).trim()]);
  }
  const environment: Record<string, string> = {};
  for (const value of settings.get('Service.Environment') ?? []) {
    for (const assignment of words(value)) {
      const eq = assignment.indexOf('=');
      if (eq <= 0) throw new Error(`not an assignment in Environment=: ${assignment}`);
      environment[assignment.slice(0, eq)] = assignment.slice(eq + 1);
    }
  }
  return { settings, environment };
}

export function readServiceUnit(path: string = SERVICE_UNIT_PATH): ServiceUnit {
  return parseServiceUnit(readFileSync(path, 'utf8'));
}

/** The words of one setting's single value (ExecStart, ...). */
export function settingWords(unit: ServiceUnit, key: string): string[] {
  const values = unit.settings.get(key) ?? [];
  if (values.length !== 1) throw new Error(`${key}: expected once, found ${values.length} times`);
  return words(values[0]!);
}
