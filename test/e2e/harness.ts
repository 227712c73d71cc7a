/**
 * Browser test harness: Debian's Chromium driven by playwright-core (never a
 * downloaded browser), a hyoka server on a free loopback port over a fresh test
 * database, and axe-core injected from node_modules (no network).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/db.js';
import { createTestDb } from '../../src/db/test-db.js';
import { importReportFile } from '../../src/imports/import-report.js';
import { SAMPLE_PLAN_SLUG, SAMPLE_REPORT } from '../../src/imports/sample.js';
import { buildServer } from '../../src/web/server.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** True when the browser exists; e2e tests skip with a clear reason otherwise (CI installs it). */
export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Closed network: no background traffic, no component updates.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface TestServer {
  url: string;
  db: Db;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** A server over a fresh database with the sample report imported. */
export async function startTestServer(options: { withSample?: boolean } = {}): Promise<TestServer> {
  const { db, cleanup } = await createTestDb('pglite');
  if (options.withSample !== false) await importReportFile(db, SAMPLE_REPORT, { slug: SAMPLE_PLAN_SLUG });
  const app = await buildServer({ db, config: { secureCookies: false } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    app,
    async close() {
      await app.close();
      await cleanup();
    },
  };
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    // axe is injected above as a global script.
    const axe = (globalThis as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })) }));
  });
}

/** Readable failure text for assert messages. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html}`).join('\n  ')}`).join('\n');
}
