/**
 * `hyoka serve` as a child process for the tests under test/cli: started with the given
 * arguments and environment, its output collected, ready once it says where it listens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

export interface Served {
  child: ChildProcess;
  port: number;
  output: { stdout: string; stderr: string };
  /** Resolves once `pattern` appears in stdout or stderr. */
  waitFor(pattern: RegExp): Promise<void>;
  exited: Promise<number | null>;
}

/** Starts `node main.js ...args` (a serve command) and resolves once it listens; `name` words a failure. */
export async function startServe(args: string[], env: NodeJS.ProcessEnv, name = 'server'): Promise<Served> {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      if (w.pattern.test(output.stdout) || w.pattern.test(output.stderr)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout!.on('data', (d: Buffer) => {
    output.stdout += d.toString('utf8');
    check();
  });
  child.stderr!.on('data', (d: Buffer) => {
    output.stderr += d.toString('utf8');
    check();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      waiters.push({ pattern, resolve });
      check();
      void exited.then((code) => reject(new Error(`${name} exited (${code}) before ${pattern}:\n${output.stdout}\n${output.stderr}`)));
    });
  await waitFor(/で待ち受けています/);
  const port = Number(/localhost:(\d+)\//.exec(output.stdout)![1]);
  return { child, port, output, waitFor, exited };
}
