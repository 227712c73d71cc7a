/**
 * `hyoka export-site`: the whole public portal as static files a city can put on
 * its existing web server (or open from a disk via file://).
 *
 * Pages are rendered by the same components as the live portal, with the live
 * URLs; every root-relative link is then rewritten to a relative path of the file
 * that holds the target. Each page exists in four variants (日本語/English ×
 * 和暦/西暦) under '', 'en/', 'seireki/' and 'en/seireki/', so the switches work
 * without a server. Links always name a file (`items/2.1.4.3.html`, never a
 * directory), since file:// does not resolve directories; one file per page, not
 * a directory per page, also keeps an export of thousands of pages quick to write.
 */
import { notFound } from '../errors.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import type { Queryable } from '../db/db.js';
import { renderPage } from '../web/layout.js';
import type { Preferences } from '../web/preferences.js';
import { buildOpenApiDocument } from '../api/openapi.js';
import { asset } from '../web/assets.js';
import { allTables, bulkZip, ratingsSubsetTable, ratingsSubsets, toCsv, toJson } from './downloads.js';
import { outputsWorkbook } from './indicator-downloads.js';
import { listPublicPlans, loadPublicDataset, type PublicDataset, type PublicPlanRef } from './public-data.js';
import { PORTAL } from './urls.js';

export const VARIANTS: { prefs: Preferences; prefix: string }[] = [
  { prefs: { lang: 'ja', era: 'wareki' }, prefix: '' },
  { prefs: { lang: 'en', era: 'wareki' }, prefix: 'en/' },
  { prefs: { lang: 'ja', era: 'seireki' }, prefix: 'seireki/' },
  { prefs: { lang: 'en', era: 'seireki' }, prefix: 'en/seireki/' },
];

function variantPrefix(query: URLSearchParams): string {
  const lang = query.get('lang') === 'en' ? 'en' : 'ja';
  const era = query.get('era') === 'seireki' ? 'seireki' : 'wareki';
  return VARIANTS.find((v) => v.prefs.lang === lang && v.prefs.era === era)!.prefix;
}

/**
 * The file (relative to the export root) that holds a live URL, or undefined when the
 * URL has no static counterpart (it is then left as it is).
 */
/** The stylesheets public pages link; the staff screens' sheets are never exported. */
const EXPORTED_STYLESHEETS: readonly string[] = ['tokens.css', 'app.css', 'portal.css'];

export function staticFileFor(url: string): string | undefined {
  const [path = '', query = ''] = url.split('?');
  const params = new URLSearchParams(query);
  // Every stylesheet is one of the app's assets, copied beside the pages.
  const asset = /^\/assets\/([a-z-]+\.css)$/.exec(path);
  if (asset && EXPORTED_STYLESHEETS.includes(asset[1]!)) return `assets/${asset[1]}`;
  if (path === '/api/v1/openapi.json') return 'api/v1/openapi.json';
  const data = /^\/portal\/plans\/([^/]+)\/data\/((?:ratings\/)?[^/]+)$/.exec(path);
  if (data) return `plans/${decodeURIComponent(data[1]!)}/data/${decodeURIComponent(data[2]!)}`;
  const prefix = variantPrefix(params);
  if (path === '/' || path === PORTAL || path === `${PORTAL}/`) return `${prefix}index.html`;
  if (path === '/api') return `${prefix}api.html`;
  if (path.startsWith(`${PORTAL}/`)) {
    const rest = path
      .slice(PORTAL.length + 1)
      .split('/')
      .map(decodeURIComponent);
    if (rest.some((s) => s === '' || s === '.' || s === '..')) return undefined;
    return `${prefix}${rest.join('/')}.html`;
  }
  return undefined;
}

/** Rewrites every root-relative href/src/action in `html` to a path relative to `file`. */
export function relativiseLinks(html: string, file: string): string {
  const from = posix.dirname(file);
  return html.replace(/\b(href|src|action)="(\/[^"]*)"/g, (whole, attr: string, value: string) => {
    if (value.startsWith('//')) return whole;
    const decoded = value.replace(/&amp;/g, '&');
    const [target, hash] = decoded.split('#');
    const mapped = staticFileFor(target!);
    if (mapped === undefined) return whole;
    const rel = posix.relative(from, mapped) || posix.basename(mapped);
    return `${attr}="${rel}${hash !== undefined ? `#${hash}` : ''}"`;
  });
}

export interface ExportResult {
  files: number;
  pages: number;
  bytes: number;
  plans: string[];
}

export interface PageSpec {
  /** Live URL path of the page (no query). */
  path: string;
  render: (prefs: Preferences) => preact.VNode;
}

/** Every page of the site for these plans; the portal's pages module provides it (`sitePages`). */
export type SitePages = (plans: PublicPlanRef[], datasets: PublicDataset[]) => PageSpec[];

/** Writes the static site into `outDir`. Only published data is read (see public-data.ts). */
export async function exportSite(db: Queryable, outDir: string, pages: SitePages, options: { plan?: string } = {}): Promise<ExportResult> {
  const refs = (await listPublicPlans(db)).filter((p) => options.plan === undefined || p.slug === options.plan);
  if (options.plan !== undefined && refs.length === 0) throw notFound(`公開されている計画が見つかりません: ${options.plan}`);
  const datasets = await Promise.all(refs.map((r) => loadPublicDataset(db, r)));
  const result: ExportResult = { files: 0, pages: 0, bytes: 0, plans: refs.map((r) => r.slug) };
  // Writes run concurrently (bounded): an export is thousands of small files, and
  // waiting for each one in turn leaves the CPU idle most of the time.
  const dirs = new Map<string, Promise<unknown>>();
  const pending = new Set<Promise<void>>();
  const write = async (rel: string, content: string | Buffer) => {
    const target = join(outDir, ...rel.split('/'));
    const dir = dirname(target);
    let made = dirs.get(dir);
    if (!made) {
      made = mkdir(dir, { recursive: true });
      dirs.set(dir, made);
    }
    const job: Promise<void> = made
      .then(() => writeFile(target, content))
      .then(() => {
        pending.delete(job);
      });
    pending.add(job);
    result.files++;
    result.bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    if (pending.size >= 64) await Promise.race(pending);
  };
  const writePage = async (spec: PageSpec) => {
    for (const v of VARIANTS) {
      const file = staticFileFor(
        `${spec.path}${v.prefix ? `?${new URLSearchParams({ ...(v.prefs.lang !== 'ja' ? { lang: v.prefs.lang } : {}), ...(v.prefs.era !== 'wareki' ? { era: v.prefs.era } : {}) })}` : ''}`,
      )!;
      await write(file, relativiseLinks(renderPage(spec.render(v.prefs)), file));
      result.pages++;
    }
  };

  for (const name of EXPORTED_STYLESHEETS) await write(`assets/${name}`, asset(name));
  await write('api/v1/openapi.json', JSON.stringify(buildOpenApiDocument(), null, 1));
  for (const spec of pages(refs, datasets)) await writePage(spec);
  for (const data of datasets) {
    for (const table of allTables(data)) {
      await write(`plans/${data.plan.slug}/data/${table.name}.csv`, toCsv(table));
      await write(`plans/${data.plan.slug}/data/${table.name}.json`, toJson(data, table));
    }
    for (const subset of ratingsSubsets(data)) {
      const table = ratingsSubsetTable(data, subset)!;
      await write(`plans/${data.plan.slug}/data/ratings/${subset}.csv`, toCsv(table));
      await write(`plans/${data.plan.slug}/data/ratings/${subset}.json`, toJson(data, table));
    }
    await write(`plans/${data.plan.slug}/data/all.zip`, await bulkZip(data));
    const outputs = await outputsWorkbook(data);
    if (outputs) await write(`plans/${data.plan.slug}/data/outputs.xlsx`, outputs);
  }
  await Promise.all(pending);
  return result;
}
