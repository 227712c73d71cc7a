/**
 * Plans of 2, 3, 5 and 6 tiers on scales other than the sample's, rendered in every format:
 * headings for the tiers above the tables, one table per node two tiers above the rated
 * one with the tier between as row groups, counts that add up, CSV level columns and a
 * JSON that validates. Expectations are counted from the ImportedPlan, not the model.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { walkNodes, type ImportedNode, type ImportedPlan } from '../imports/imported-plan.js';
import { fiveTierSpec, reportPlanModel, sixTierSpec, threeTierSpec, twoTierSpec, type ReportPlanSpec } from '../test-support/report-plans.js';
import { csvColumns, renderCsv } from './report-csv.js';
import { renderDocx } from './report-docx.js';
import { REPORT_JSON_SCHEMA, renderJson } from './report-json-schema.js';
import { reportNarratives, reportRows, type ReportModel } from './report-model.js';
import { renderStandaloneHtml } from './render/html/standalone.js';
import { renderXlsx, SHEET_NAMES } from './report-xlsx.js';

interface Expected {
  /** Per table node (tier two above the rated one; the top with 2 or 3 tiers): its name and row groups (one unnamed group with 2 tiers). */
  tables: { name: string; groups: { name: string | null; rows: ImportedNode[] }[] }[];
  rows: ImportedNode[];
  /** Names of the nodes of each heading tier above the tables. */
  headings: string[][];
  counts: Map<number, Map<string, number>>;
  narratives: number;
}

/** What the report must show, read from the ImportedPlan by tier index. */
function expectedOf(plan: ImportedPlan): Expected {
  const rated = plan.tiers.length - 1;
  const grouped = rated >= 2;
  const tableTier = grouped ? rated - 2 : 0;
  const all = [...walkNodes(plan.nodes)].map((w) => w.node);
  const isRow = (n: ImportedNode) => n.tierIndex === rated || (n.tierIndex > tableTier && n.children.length === 0);
  const rowsUnder = (n: ImportedNode): ImportedNode[] => (isRow(n) ? [n] : n.children.flatMap(rowsUnder));
  const groupsOf = (t: ImportedNode) => (grouped ? t.children.map((g) => ({ name: g.name, rows: rowsUnder(g) })) : [{ name: null, rows: rowsUnder(t) }]);
  const tables = all.filter((n) => n.tierIndex === tableTier).map((t) => ({ name: t.name, groups: groupsOf(t) }));
  const rows = all.filter(isRow);
  const counts = new Map<number, Map<string, number>>();
  for (const r of rows.filter((n) => n.tierIndex === rated)) {
    for (const x of r.ratings) {
      const year = counts.get(x.fiscalYear) ?? new Map<string, number>();
      year.set(x.code, (year.get(x.code) ?? 0) + 1);
      counts.set(x.fiscalYear, year);
    }
  }
  const headings = Array.from({ length: tableTier }, (_, i) => all.filter((n) => n.tierIndex === i).map((n) => n.name));
  const narratives = plan.planNarratives.length + all.reduce((n, x) => n + x.narratives.length, 0);
  return { tables, rows, headings, counts, narratives };
}

const SPECS: [string, () => ReportPlanSpec][] = [
  ['2 tiers (施策 → KPI, 5 to 1)', twoTierSpec],
  ['3 tiers (基本目標 → 施策 → KPI, ◎○△×)', threeTierSpec],
  ['5 tiers (基本目標 → 政策 → 基本施策 → 施策 → 事務事業, S–C and −)', fiveTierSpec],
  ['6 tiers (基本目標 → … → 細事業, 順調 to 遅れ)', sixTierSpec],
];

for (const [label, specOf] of SPECS) {
  describe(label, () => {
    const spec = specOf();
    let model: ReportModel;
    let expected: Expected;
    let cleanup: () => Promise<void>;
    before(async () => {
      const made = await reportPlanModel(spec);
      ({ model, cleanup } = made);
      expected = expectedOf(made.plan);
    });
    after(() => cleanup());

    test('the model: the rated tier is the one bound to the scale, tables two tiers above it, counts per node add up', () => {
      const depth = spec.tiers.length;
      const grouped = depth >= 3;
      assert.deepEqual(model.structure, {
        depth,
        rowLevel: depth,
        tableLevel: grouped ? depth - 2 : 1,
        groupLevel: grouped ? depth - 1 : null,
        headingLevels: Array.from({ length: Math.max(0, depth - 3) }, (_, i) => i + 1),
      });
      assert.deepEqual(model.plan.tiers, spec.tiers);
      assert.deepEqual(model.fiscalYears, spec.fiscalYears);
      assert.equal(model.rowCount, expected.rows.length);
      assert.deepEqual(
        reportRows(model).map((r) => r.name),
        expected.rows.map((r) => r.name),
      );
      assert.equal(reportNarratives(model).length, expected.narratives);
      for (const [i, fy] of model.fiscalYears.entries()) {
        const plan = model.summary.years.find((y) => y.fiscalYear === fy)!;
        assert.deepEqual(Object.fromEntries(Object.entries(plan.counts).filter(([, n]) => n > 0)), Object.fromEntries(expected.counts.get(fy)!), String(fy));
        for (const c of model.scale)
          assert.equal(
            model.nodes.reduce((n, top) => n + (top.summary[i]!.counts[c.code] ?? 0), 0),
            plan.counts[c.code] ?? 0,
            `${fy} ${c.code}`,
          );
      }
    });

    test('HTML: a heading per tier above the tables, a table per node of the table tier, rows grouped by the tier above the rated one', () => {
      const { document } = parseHTML(renderStandaloneHtml(model, { era: 'wareki' }));
      const tiers = spec.tiers;
      expected.headings.forEach((names, i) => {
        const found = [...document.querySelectorAll(`section[data-level="${i + 1}"] > h${i + 2}`)].map((h) => h.textContent);
        assert.deepEqual(
          found,
          names.map((n) => `${tiers[i]}　${n}`),
          `tier ${i + 1}`,
        );
      });
      const tables = [...document.querySelectorAll('table.ratings')];
      assert.equal(tables.length, expected.tables.length);
      const tableLevel = model.structure.tableLevel;
      assert.deepEqual(
        [...document.querySelectorAll(`section.measure > h${tableLevel + 1}`)].map((h) => h.textContent),
        expected.tables.map((t) => `${tiers[tableLevel - 1]}　${t.name}`),
      );
      tables.forEach((table, i) => {
        const want = expected.tables[i]!;
        const grouped = tiers.length >= 3;
        assert.deepEqual(
          [...table.querySelectorAll('thead th')].map((th) => th.textContent),
          [...(grouped ? [`${tiers.at(-2)}名`] : []), `${tiers.at(-1)}名`, '担当課', 'R2', 'R3', 'R4'],
        );
        const named = want.groups.filter((g) => g.name !== null);
        assert.deepEqual(
          [...table.querySelectorAll('th.program')].map((th) => [th.textContent, Number(th.getAttribute('rowspan'))]),
          named.map((g) => [g.name, g.rows.length]),
        );
        const rows = [...table.querySelectorAll('tbody tr')];
        const wantRows = want.groups.flatMap((g) => g.rows);
        assert.deepEqual(
          rows.map((r) => r.querySelector('th.sub-item')!.textContent),
          wantRows.map((r) => r.name),
        );
        rows.forEach((r, j) => {
          assert.deepEqual(
            [...r.querySelectorAll('td.rating')].map((td) => td.textContent),
            cellsOf(spec, wantRows[j]!, true),
          );
        });
      });
      // One chart per top node, and the ※ footnote under the first table.
      assert.equal(document.querySelectorAll('svg.chart').length, 1 + model.nodes.length);
      assert.deepEqual(
        [...document.querySelectorAll('.footnote li')].map((li) => li.textContent),
        [`「${expected.rows[0]!.name}」`],
      );
      assert.equal(document.querySelectorAll('.narratives p:not(.kind)').length, expected.narratives);
    });

    test('Word: a heading style per tier, one table per table node with merged group cells, every row name', async () => {
      const zip = await JSZip.loadAsync(await renderDocx(model, { era: 'wareki' }));
      const xml = await zip.file('word/document.xml')!.async('string');
      const texts = (style: string) =>
        [...xml.matchAll(new RegExp(`<w:pStyle w:val="${style}"/>[\\s\\S]*?</w:p>`, 'g'))].map((m) =>
          [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
        );
      const tiers = spec.tiers;
      expected.headings.forEach((names, i) => {
        for (const n of names) assert.ok(texts(`Heading${i + 1}`).includes(`${tiers[i]}　${n}`), n);
      });
      const tableLevel = model.structure.tableLevel;
      for (const t of expected.tables) assert.ok(texts(`Heading${tableLevel}`).includes(`${tiers[tableLevel - 1]}　${t.name}`), t.name);
      // criteria + plan summary + one count table per top node + one per table node
      assert.equal((xml.match(/<w:tbl>/g) ?? []).length, 2 + model.nodes.length + expected.tables.length);
      const groups = expected.tables.flatMap((t) => t.groups).filter((g) => g.name !== null);
      // Merged group cells, plus the plan summary's 「評価」 over its two header rows.
      assert.equal((xml.match(/<w:vMerge w:val="restart"\/>/g) ?? []).length, groups.filter((g) => g.rows.length > 1).length + 1);
      for (const r of expected.rows) assert.ok(xml.includes(`>${r.name}</w:t>`), r.name);
    });

    test('Excel: a column per tier down to the rated one, a row per rated item', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await renderXlsx(model, { era: 'wareki' })) as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet(SHEET_NAMES.ratings)!;
      assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), ['ID', ...spec.tiers, '担当課', 'R2', 'R3', 'R4', '注釈']);
      assert.equal(sheet.rowCount, 1 + expected.rows.length);
      const depth = spec.tiers.length;
      expected.rows.forEach((r, i) => {
        const row = (sheet.getRow(i + 2).values as unknown[]).slice(1);
        assert.equal(row[depth], r.name);
        assert.deepEqual(
          row.slice(depth + 2, depth + 5).map((v) => v ?? ''),
          cellsOf(spec, r, false),
        );
      });
      const summaryScopes: string[] = [];
      wb.getWorksheet(SHEET_NAMES.summary)!.eachRow((row, n) => n > 1 && summaryScopes.push(String(row.getCell(1).value)));
      assert.equal(summaryScopes.length, spec.fiscalYears.length * (1 + model.nodes.length));
    });

    test('CSV: level_1 … level_{n-1} then the item, a record per rated item and year', () => {
      const depth = spec.tiers.length;
      const levels = Array.from({ length: depth - 1 }, (_, i) => `level_${i + 1}`);
      assert.deepEqual(csvColumns(model).slice(3, 3 + depth + 1), [...levels, 'item_tier', 'item_name']);
      const records = parseCsv(renderCsv(model), { columns: true }) as Record<string, string>[];
      assert.deepEqual(Object.keys(records[0]!), csvColumns(model));
      assert.equal(records.length, expected.rows.length * spec.fiscalYears.length);
      assert.equal(new Set(records.map((r) => r.record_id)).size, records.length);
      for (const [fy, codes] of expected.counts) {
        for (const [code, n] of codes) assert.equal(records.filter((r) => r.fiscal_year === String(fy) && r.rating === code).length, n, `${fy} ${code}`);
      }
      // Every record names its path: the first row's is the first node of each tier.
      const first = records[0]!;
      assert.deepEqual(
        levels.map((l) => first[l]),
        firstPath(spec),
      );
      assert.equal(first.item_name, expected.rows[0]!.name);
    });

    test('JSON: valid against the published schema; nodes nest to the plan’s depth', () => {
      const json = JSON.parse(renderJson(model)) as ReportModel;
      const validate = new Ajv2020({ allErrors: true, strict: true }).compile(REPORT_JSON_SCHEMA);
      assert.ok(validate(json), JSON.stringify(validate.errors?.slice(0, 5)));
      let depth = 0;
      for (let n = json.nodes[0]; n; n = n.children[0]) depth = n.level;
      assert.equal(depth, spec.tiers.length);
      assert.equal(json.rowCount, expected.rows.length);
    });
  });
}

/** The printed rating cells of a row, one per fiscal year (empty where it has none). */
function cellsOf(spec: ReportPlanSpec, row: ImportedNode, withMarks: boolean): string[] {
  return spec.fiscalYears.map((fy) => {
    const r = row.ratings.find((x) => x.fiscalYear === fy);
    return r ? r.code + (withMarks ? r.marks.join('') : '') : '';
  });
}

/** Names of the first node of each tier above the rated one. */
function firstPath(spec: ReportPlanSpec): string[] {
  const out: string[] = [];
  for (let n = spec.nodes[0]; n?.children?.length; n = n.children[0]) out.push(n.name);
  return out;
}
