import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pagesOf, readOutline } from './pdf-outline.js';

/** UTF-16BE hex of a PDF text string, as Chromium writes bookmark titles. */
const hex = (s: string) => `<FEFF${Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase()}>`;

/** A PDF skeleton the way Chromium lays one out: a two-level page tree, bookmarks with /XYZ destinations. */
function pdf(): Buffer {
  const objects = [
    '1 0 obj\n<</Type /Catalog /Pages 10 0 R /Outlines 20 0 R>>\nendobj',
    '10 0 obj\n<</Type /Pages /Count 3 /Kids [11 0 R 14 0 R]>>\nendobj',
    '11 0 obj\n<</Type /Pages /Count 2 /Kids [12 0 R 13 0 R] /Parent 10 0 R>>\nendobj',
    '12 0 obj\n<</Type /Page /Parent 11 0 R>>\nendobj',
    '13 0 obj\n<</Type /Page /Parent 11 0 R /Contents 30 0 R>>\nendobj',
    '14 0 obj\n<</Type /Page /Parent 10 0 R>>\nendobj',
    `21 0 obj\n<</Title ${hex('評価要領')}\n/Dest [13 0 R /XYZ 46 700 0]\n/Parent 20 0 R>>\nendobj`,
    `22 0 obj\n<</Title ${hex('意見')}\n/Dest [13 0 R /XYZ 46 300 0]\n/Parent 20 0 R>>\nendobj`,
    `23 0 obj\n<</Title ${hex('意見')}\n/Dest [14 0 R /XYZ 46 750 0]\n/Parent 20 0 R>>\nendobj`,
    '24 0 obj\n<</Title (Closing \\(end\\))\n/Dest [14 0 R /XYZ 46 100 0]\n/Parent 20 0 R>>\nendobj',
    '30 0 obj\n<</Length 12>>\nstream\n/Title (x) endobj\nendstream\nendobj',
  ];
  return Buffer.from(`%PDF-1.4\n${objects.join('\n')}\n%%EOF\n`, 'latin1');
}

test('bookmarks are read with their page (through a nested page tree) in reading order', () => {
  assert.deepEqual(readOutline(pdf()), [
    { title: '評価要領', page: 2, y: 700 },
    { title: '意見', page: 2, y: 300 },
    { title: '意見', page: 3, y: 750 },
    { title: 'Closing (end)', page: 3, y: 100 },
  ]);
});

test('entries take the next bookmark of their title, so repeated headings land on their own pages; unknown ones get none', () => {
  const pages = pagesOf(
    [
      { id: 'guide', label: '評価要領' },
      { id: 'first', label: '意見' },
      { id: 'second', label: '意 見' },
      { id: 'missing', label: 'ない見出し' },
      { id: 'closing', label: 'Closing (end)' },
    ],
    readOutline(pdf()),
  );
  assert.deepEqual(
    [...pages],
    [
      ['guide', 2],
      ['first', 2],
      ['second', 3],
      ['closing', 3],
    ],
  );
  assert.deepEqual(readOutline(Buffer.from('not a pdf')), []);
});
