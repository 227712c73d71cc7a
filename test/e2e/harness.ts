/**
 * Browser test harness: Debian's Chromium driven by playwright-core (never a
 * downloaded browser), a hyoka server on a free loopback port over a fresh test
 * database, and axe-core injected from node_modules (no network).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/db.js';
import { CLOSED_NETWORK_ARGS } from '../../src/reports/report-pdf.js';
import { openTestServer } from '../../src/test-support/server.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** True when the browser exists; e2e tests skip with a clear reason otherwise (CI installs it). */
export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Console reports of blocked content, per page: a CSP that breaks a page fails its axe check. */
const cspReports = new WeakMap<Page, string[]>();

function watchCsp(page: Page): void {
  const reports: string[] = [];
  cspReports.set(page, reports);
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|apply|execute|frame)/i.test(message.text())) reports.push(message.text());
  });
}

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // The report printer's closed network: no background traffic, no component updates.
    args: [...CLOSED_NETWORK_ARGS],
  });
  // Every page the tests open, through browser.newPage or a context, is watched.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
    const context = await newContext(...args);
    context.on('page', watchCsp);
    return context;
  };
  return browser;
}

export interface TestServer {
  url: string;
  db: Db;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** A server over a fresh database with the sample report imported. */
export async function startTestServer(options: { withSample?: boolean } = {}): Promise<TestServer> {
  const server = await openTestServer({ seed: options.withSample !== false });
  try {
    await server.app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await server.close();
    throw error;
  }
  const { port } = server.app.server.address() as AddressInfo;
  return { ...server, url: `http://127.0.0.1:${port}` };
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
  // Evaluated through the DevTools protocol, which the pages' CSP (no inline script) does not block.
  await page.evaluate(axeSource);
  const blocked = (cspReports.get(page) ?? []).map((text) => ({
    id: 'content-security-policy',
    impact: 'critical',
    help: text,
    nodes: [{ target: [page.url()], html: '' }],
  }));
  const found = await page.evaluate(async () => {
    // axe is injected above as a global script.
    const axe = (globalThis as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })) }));
  });
  return [...blocked, ...found];
}

/** Readable failure text for assert messages. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html}`).join('\n  ')}`).join('\n');
}

/** The skip reason of a browser test where Chromium is missing (false: run). */
export const skipWithoutChromium: string | false = chromiumAvailable()
  ? false
  : `Chromium is not installed at ${CHROMIUM_PATH} (CI installs it: apt-get install -y chromium)`;

/** Signs in through the real sign-in form on this page and waits for the work page. */
export async function signInOn(page: Page, serverUrl: string, login: string, password: string): Promise<void> {
  await page.goto(`${serverUrl}/login`);
  await page.fill('#login', login);
  await page.fill('#password', password);
  await page.click('main button[type=submit]');
  await page.waitForURL(`${serverUrl}/work`);
}

/** Signs in on a new page of `context` and waits for the work page. */
export async function signInPage(context: BrowserContext, serverUrl: string, login: string, password: string): Promise<Page> {
  const page = await context.newPage();
  await signInOn(page, serverUrl, login, password);
  return page;
}

interface OutlineItem {
  title: string;
  items: OutlineItem[];
}

/** A PDF's bookmarks in document order with their depth (0: top level), titles NFKC-normalised. */
export async function flatOutline(pdf: { getOutline(): Promise<OutlineItem[] | null> }): Promise<{ title: string; depth: number }[]> {
  const flat: { title: string; depth: number }[] = [];
  const walk = (items: readonly OutlineItem[], depth: number) => {
    for (const o of items) {
      flat.push({ title: o.title.normalize('NFKC'), depth });
      walk(o.items, depth + 1);
    }
  };
  walk((await pdf.getOutline()) ?? [], 0);
  return flat;
}

/** Fails, naming the page and listing what axe-core found, unless the page is axe-clean. */
export async function assertAccessible(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${label}:\n${describeViolations(violations)}`);
}

/**
 * A server and a browser for the tests of one file or describe block: `browserSession()`
 * registers the hooks that start both before the tests (a test's own `before`, registered
 * after it, runs once they are up) and close them after, with every context opened here.
 * The fields are set by the `before` hook, so they are read inside tests and hooks only.
 */
export class BrowserSession {
  server!: TestServer;
  browser!: Browser;
  private readonly contexts: BrowserContext[] = [];

  /** A page in a context of its own, closed with the session. */
  async newPage(options?: BrowserContextOptions): Promise<Page> {
    const context = await this.browser.newContext(options);
    this.contexts.push(context);
    return context.newPage();
  }

  /** A signed-in page in a context of its own (its own session cookie). */
  async signIn(login: string, password: string, options?: BrowserContextOptions): Promise<Page> {
    const page = await this.newPage(options);
    await signInOn(page, this.server.url, login, password);
    return page;
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close();
    await this.browser?.close();
    await this.server?.close();
  }
}

/**
 * `setup` runs in the same hook once both are up. At a file's top level a file's own `before`
 * hook may run before this one has finished (node 20's runner), so such a file prepares the
 * data its tests need in `setup`.
 */
export function browserSession(options: { withSample?: boolean; setup?: (session: BrowserSession) => Promise<void> } = {}): BrowserSession {
  const session = new BrowserSession();
  before(async () => {
    if (skipWithoutChromium) return;
    session.server = await startTestServer(options);
    session.browser = await launchBrowser();
    await options.setup?.(session);
  });
  after(() => session.close());
  return session;
}
