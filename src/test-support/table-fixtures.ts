/**
 * Factories for table imports: CSV text, Shift_JIS bytes, xlsx workbooks, and three
 * plans the way other municipalities publish them (a 3-tier KPI sheet in Shift_JIS, a
 * 4-tier program workbook, a 5-tier comprehensive plan), each with its mapping. Built
 * in code, so a test shows every cell it relies on. Over 400 lines because each plan is
 * written out cell by cell; splitting them would scatter one plan's rows from its mapping.
 */
import ExcelJS from 'exceljs';
import type { TableMapping, TableMappingInput } from '../imports/readers/table/mapping-schema.js';
import { tableMappingSchema } from '../imports/readers/table/mapping-schema.js';

let shiftJisTable: Map<string, number[]> | undefined;

/**
 * Encodes text as Shift_JIS (CP932) by inverting Node's own decoder over every
 * double-byte code, so the test bytes are exactly what the reader's decoder reads.
 */
export function encodeShiftJis(text: string): Uint8Array {
  if (!shiftJisTable) {
    const table = new Map<string, number[]>();
    const decoder = new TextDecoder('shift_jis', { fatal: true });
    for (let lead = 0x81; lead <= 0xfc; lead++) {
      if (lead > 0x9f && lead < 0xe0) continue;
      for (let trail = 0x40; trail <= 0xfc; trail++) {
        if (trail === 0x7f) continue;
        try {
          const ch = decoder.decode(new Uint8Array([lead, trail]));
          if (!table.has(ch)) table.set(ch, [lead, trail]);
        } catch {
          // not a character in CP932
        }
      }
    }
    for (let kana = 0xa1; kana <= 0xdf; kana++) table.set(decoder.decode(new Uint8Array([kana])), [kana]);
    shiftJisTable = table;
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = shiftJisTable.get(ch);
      if (!bytes) throw new Error(`not in Shift_JIS: ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

/** CSV as Excel writes it: CRLF, fields quoted when they need it. */
export function csvText(rows: readonly (readonly string[])[]): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

export async function xlsxBytes(sheets: Record<string, readonly (readonly (string | number | null)[])[]>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow([...row]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export function mapping(input: TableMappingInput): TableMapping {
  return tableMappingSchema.parse(input);
}

/** 基本目標 → 施策 → KPI; ◎○△× and 評価なし; full-width codes; continuation rows leave upper tiers blank. */
export function kpiPlan(): { rows: string[][]; mapping: TableMappingInput; expected: { nodesPerTier: number[]; ratings: number; narratives: number } } {
  const rows = [
    ['基本目標番号', '基本目標', '施策番号', '施策', 'KPI', '担当課', 'R3評価', 'R4評価', '課題'],
    ['１', 'しごとをつくる', '１－１', '地域産業の振興', '新規創業件数', '産業振興課', '○', '◎', '支援窓口の周知'],
    ['', '', '', '', '観光入込客数', '観光課', '△', '○', ''],
    ['', '', '１－２', '雇用の創出', '市内就業者数', '産業振興課', '×', '△', '求人と求職の差'],
    ['', '', '', '', '就労支援の利用者数', '福祉課', '○', '－', ''],
    ['２', 'ひとの流れをつくる', '２－１', '移住の促進', '転入者数', '企画課', '△', '△', '住まいの情報'],
    ['', '', '', '', '移住相談件数', '企画課', '◎', '◎', ''],
    ['', '', '２－２', '子育て支援', '待機児童数', '保育課', '○', '○', ''],
    ['', '', '', '', '出生数', '保育課', '×', '△', '若い世代の転出'],
  ];
  return {
    rows,
    mapping: {
      plan: { name: '第2期まち・ひと・しごと創生総合戦略', startFiscalYear: 2020, endFiscalYear: 2024 },
      headerRow: 1,
      tiers: [
        { name: '基本目標', codeColumn: 'A', nameColumn: 'B' },
        { name: '施策', codeColumn: 'C', nameColumn: 'D' },
        { name: 'KPI', nameColumn: 'E' },
      ],
      departmentColumn: 'F',
      scales: [
        {
          key: 'kpi',
          name: 'KPI達成度',
          codes: [
            { code: '◎', label: '目標以上', countsAsAchieved: true },
            { code: '○', label: '同等', countsAsAchieved: true },
            { code: '△', label: '未達' },
            { code: '×', label: '進捗なし' },
            { code: '—', label: '評価なし', isNotEvaluated: true },
          ],
        },
      ],
      ratings: [
        { column: 'G', fiscalYear: 'R3' },
        { column: 'H', fiscalYear: 'R4' },
      ],
      narratives: [{ column: 'I', kind: 'issues', role: 'department', fiscalYear: 'R4' }],
      round: { fiscalYear: 'R4', kind: 'yearly' },
    },
    expected: { nodesPerTier: [2, 4, 8], ratings: 16, narratives: 4 },
  };
}

type Cells = (string | number | null)[];

const PROGRAM_HEADER: Cells = [
  '政策コード',
  '政策名',
  '施策コード',
  '施策名',
  '基本事業コード',
  '基本事業名',
  '事務事業コード',
  '事務事業名',
  '担当課',
  'R3評価',
  'R4評価',
  '施策評価R4',
  '今後の方向性',
  '課題',
  '取組実績',
];

/** The program rows: [policy, measure, basic program, number of programs] gives the tree; the serial number the cells. */
function programRows(): Cells[] {
  const shape: [number, number, number, number][] = [
    [1, 1, 1, 3],
    [1, 1, 2, 2],
    [1, 2, 1, 2],
    [2, 1, 1, 3],
    [2, 1, 2, 1],
    [2, 2, 1, 2],
    [2, 2, 2, 2],
  ];
  const full = (n: number) => String.fromCharCode(0xff10 + n);
  const directions = ['１　現状維持', '２　拡充', '３　縮小', '４　廃止'];
  const codes = ['A', 'B', 'C', 'D'];
  const rows: Cells[] = [];
  let serial = 0;
  const measureSeen = new Set<string>();
  for (const [p, m, b, count] of shape) {
    for (let i = 1; i <= count; i++) {
      serial++;
      const measureKey = `${p}-${m}`;
      const firstOfMeasure = !measureSeen.has(measureKey);
      measureSeen.add(measureKey);
      rows.push([
        full(p),
        `政策${p}`,
        `${full(p)}－${full(m)}`,
        `施策${p}-${m}`,
        `${p}-${m}-${b}`,
        `基本事業${p}-${m}-${b}`,
        `${p}${m}${b}${String(i).padStart(2, '0')}`,
        `事務事業${serial}`,
        serial % 3 === 0 ? '総務課' : '企画課',
        codes[serial % 4]!,
        serial === 5 ? 'B※' : codes[(serial + 1) % 4]!,
        firstOfMeasure ? '◎' : null,
        directions[serial % 4]!,
        serial % 2 === 0 ? `課題${serial}` : null,
        serial === 7 ? 55.794947994056464 : serial === 8 ? '55.794947994056464' : null,
      ]);
    }
  }
  return rows;
}

const PROGRAM_MAPPING: TableMappingInput = {
  sheet: '評価',
  plan: { name: '行政評価 事務事業評価', slug: 'jimu-jigyo', startFiscalYear: 2021, endFiscalYear: 2025 },
  tiers: [
    { name: '政策', codeColumn: 'A', nameColumn: 'B' },
    { name: '施策', codeColumn: 'C', nameColumn: 'D' },
    { name: '基本事業', codeColumn: 'E', nameColumn: 'F' },
    { name: '事務事業', codeColumn: 'G', nameColumn: 'H' },
  ],
  departmentColumn: 'I',
  fiscalYear: 2022,
  scales: [
    {
      key: 'program',
      name: '事務事業評価',
      codes: [
        { code: 'A', label: '100%以上', countsAsAchieved: true },
        { code: 'B', label: '80%以上' },
        { code: 'C', label: '50%以上' },
        { code: 'D', label: '評価できない', isNotEvaluated: true },
      ],
    },
    { key: 'measure', name: '施策評価', tier: '施策', codes: [{ code: '◎' }, { code: '○' }, { code: '△' }] },
  ],
  annotations: [{ mark: '※', meaning: '新型コロナウイルス感染症の影響' }],
  ratings: [
    { column: 'J', fiscalYear: 2021, scale: 'program' },
    { column: 'K', scale: 'program' },
    { column: 'L', scale: 'measure' },
  ],
  narratives: [
    { column: 'N', kind: 'issues' },
    { column: 'O', kind: 'progress' },
  ],
  direction: {
    column: 'M',
    values: ['現状維持', '拡充', '縮小', '廃止'].map((label, i) => ({ code: String(i + 1), label })),
  },
};

/** One 事務事業 per row: 政策 → 施策 → 基本事業 → 事務事業, A–D per year, 施策 rated on its own scale. */
export function programWorkbook(): {
  rows: Cells[];
  mapping: TableMappingInput;
  expected: { nodesPerTier: number[]; ratings: number; narratives: number };
} {
  return {
    rows: [[...PROGRAM_HEADER], ...programRows()],
    mapping: structuredClone(PROGRAM_MAPPING),
    // 15 programs × 2 years + 4 measures; 15 directions + 7 issues + 2 progress texts.
    expected: { nodesPerTier: [2, 4, 7, 15], ratings: 34, narratives: 24 },
  };
}

/** 基本目標 → 政策 → 基本施策 → 施策 → 事務事業; codes and names in one cell ("1 安全なまち"); 順調 … 遅れ. */
export function comprehensivePlan(): {
  rows: string[][];
  mapping: TableMappingInput;
  expected: { nodesPerTier: number[]; ratings: number; narratives: number };
} {
  const tiers = ['基本目標', '政策', '基本施策', '施策', '事務事業'];
  const rows = [[...tiers, '所管課', '令和3年度進捗', '令和4年度進捗']];
  const levels = ['順調', '概ね順調', 'やや遅れ', '遅れ'];
  let n = 0;
  for (const g of [1, 2]) {
    for (const p of [1, 2]) {
      for (const b of [1]) {
        for (const s of [1, 2]) {
          for (const j of [1, 2]) {
            n++;
            const first = (depth: number) => [j, s, b, p].slice(0, 4 - depth).every((x) => x === 1);
            rows.push([
              first(0) ? `${g} 基本目標${g}` : '',
              first(1) ? `${g}.${p} 政策${g}${p}` : '',
              first(2) ? `${g}.${p}.${b}　基本施策${g}${p}${b}` : '',
              j === 1 ? `${g}.${p}.${b}.${s} 施策${g}${p}${b}${s}` : '',
              `事務事業${n}`,
              n % 2 ? '総務課' : '企画課',
              levels[n % 4]!,
              levels[(n + 1) % 4]!,
            ]);
          }
        }
      }
    }
  }
  return {
    rows,
    mapping: {
      plan: { name: '第6次総合計画', startFiscalYear: 'R3', endFiscalYear: 'R12' },
      // A column a tier, from A: code and name in one cell, but the 事務事業 by name alone.
      tiers: tiers.map((name, i) => {
        const column = String.fromCharCode(65 + i);
        return i < tiers.length - 1 ? { name, codeColumn: column } : { name, nameColumn: column };
      }),
      departmentColumn: { header: '所管課' },
      scales: [
        {
          name: '進捗',
          codes: [{ code: '順調', countsAsAchieved: true }, { code: '概ね順調', countsAsAchieved: true }, { code: 'やや遅れ' }, { code: '遅れ' }],
        },
      ],
      ratings: [
        { column: { header: '令和3年度進捗' }, fiscalYear: '令和3年度' },
        { column: { header: '令和4年度進捗' }, fiscalYear: '令和4年度' },
      ],
    },
    expected: { nodesPerTier: [2, 4, 4, 8, 16], ratings: 32, narratives: 0 },
  };
}

const INDICATOR_HEADER: string[] = [
  '施策',
  '事務事業',
  '担当課',
  '指標名',
  '単位',
  '指標の種類',
  '方向',
  '累計',
  '基準年度',
  '基準値',
  '最終目標年度',
  '最終目標値',
  'R4目標',
  'R3実績',
  'R4実績',
  '今後の方向性',
  '方向性の説明',
  '事業費',
  '人件費',
  'トータルコスト',
  '一般財源',
];

const INDICATOR_MAPPING: TableMappingInput = {
  plan: { name: '子育て支援の事務事業評価', slug: 'kosodate', startFiscalYear: 2021, endFiscalYear: 2025 },
  fiscalYear: 'R4',
  tiers: [
    { name: '施策', nameColumn: 'A' },
    { name: '事務事業', nameColumn: 'B' },
  ],
  departmentColumn: 'C',
  scales: [{ name: '評価', codes: [{ code: 'A' }, { code: 'B' }, { code: 'C' }] }],
  indicators: [
    {
      nameColumn: { header: '指標名' },
      unitColumn: 'E',
      kindColumn: 'F',
      directionColumn: 'G',
      cumulativeColumn: 'H',
      baseline: { fiscalYearColumn: 'I', valueColumn: 'J' },
      finalTarget: { fiscalYearColumn: 'K', valueColumn: 'L' },
      yearlyTargets: [{ fiscalYear: 'R4', column: 'M' }],
      actuals: [
        { fiscalYear: 'R3', column: 'N' },
        { fiscalYear: 'R4', column: 'O' },
      ],
    },
  ],
  directionChoices: [
    {
      column: 'P',
      noteColumn: 'Q',
      values: [{ code: '1', label: '継続' }, { code: '2', label: '拡充' }, { code: '3', label: '縮小' }, '廃止'],
    },
  ],
  costs: [{ unit: '千円', projectCost: 'R', personnelCost: 'S', totalCost: 'T', generalFunds: 'U' }],
};

/**
 * 施策 → 事務事業 with one indicator per row (wide: one column per year), the way a
 * 事務事業評価シート is often exported: 活動/成果 and 高いほど良い/低いほど良い as words,
 * full-width figures with commas, 測定不能, 今後の方向性 as "2 拡充" with its note, and costs
 * in 千円. 事業A has two indicators (two rows).
 */
export function indicatorSheet(): { rows: string[][]; mapping: TableMappingInput } {
  const rows = [
    [...INDICATOR_HEADER],
    [
      '子育て支援',
      '事業A',
      '保育課',
      '相談件数',
      '件',
      '活動指標',
      '高いほど良い',
      '累計',
      'R2',
      '１，２３４．５',
      'R7',
      '２，０００',
      '1,500',
      '1300',
      '測定不能',
      '2 拡充',
      '窓口を増やす',
      '１２，３４５',
      '800',
      '13,145',
      '12,345',
    ],
    [
      '',
      '事業A',
      '保育課',
      '待機児童数',
      '人',
      '成果',
      '低いほど良い',
      '',
      '2020',
      '25',
      '2025',
      '0',
      '10',
      '18',
      '12.0',
      '2 拡充',
      '窓口を増やす',
      '',
      '',
      '',
      '',
    ],
    ['', '事業B', '保育課', '利用者満足度', '%', '成果指標', '高いほど良い', '', '', '', '', '', '', '80.5', '81.25', '継続', '', '500', '', '', ''],
  ];
  return {
    rows,
    mapping: structuredClone(INDICATOR_MAPPING),
  };
}
