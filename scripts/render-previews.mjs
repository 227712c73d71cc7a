#!/usr/bin/env node
/**
 * Renders the first pages of every viewable report format to PNG for review:
 * imports a report file (the sample by default) into a scratch data directory, writes
 * the HTML, PDF, Word and Excel files with the CLI, prints Word and Excel to PDF with
 * LibreOffice, rasterises the first pages of each with pdftoppm, and takes a
 * screenshot of the HTML file's first screen with Chromium (CHROMIUM_PATH).
 * CSV and JSON are data, not pages: they have no preview.
 *
 *   npm run build && node scripts/render-previews.mjs [--out DIR] [--pages N] [--year R4] [report.txt]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string', default: 'previews' }, pages: { type: 'string', default: '4' }, year: { type: 'string', default: 'R4' } },
});
const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist/src/cli/main.js');
if (!existsSync(cli)) throw new Error('dist がありません。先に npm run build を実行してください。');
const source = resolve(positionals[0] ?? join(root, 'samples/chigasaki-r4-final-evaluation.txt'));
const out = resolve(values.out);
mkdirSync(out, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'hyoka-previews-'));
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] }).toString();

try {
  const data = join(scratch, 'data');
  run('node', [cli, '--data-dir', data, 'import', source]);
  const office = ['/usr/bin/libreoffice', '/usr/bin/soffice'].find((p) => existsSync(p));
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const html = join(scratch, 'report.html');
  run('node', [cli, '--data-dir', data, 'report', '--year', values.year, '--format', 'html', '--out', html]);
  if (existsSync(chromium)) {
    // Chromium talks a lot on stderr (no D-Bus in containers); only its exit status matters here.
    execFileSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--hide-scrollbars',
        `--screenshot=${join(out, 'html-1.png')}`,
        '--window-size=1000,1400',
        pathToFileURL(html).href,
      ],
      { stdio: 'ignore' },
    );
    console.log(`html: ${join(out, 'html-1.png')}`);
  } else console.warn(`Chromium がないため html は省略します（${chromium}）`);
  for (const format of ['pdf', 'docx', 'xlsx']) {
    const file = join(scratch, `report-${format}.${format}`);
    run('node', [cli, '--data-dir', data, 'report', '--year', values.year, '--format', format, '--out', file]);
    let pdf = file;
    if (format !== 'pdf') {
      if (!office) {
        console.warn(`LibreOffice がないため ${format} は省略します`);
        continue;
      }
      const profile = pathToFileURL(join(scratch, 'lo-profile')).href;
      run(office, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', scratch, file]);
      pdf = file.replace(/\.\w+$/, '.pdf');
    }
    run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', values.pages, pdf, join(out, format)]);
    console.log(`${format}: ${join(out, format)}-*.png`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
