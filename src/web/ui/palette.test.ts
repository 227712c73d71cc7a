import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RATING_PALETTE, colorVar, seriesStyle, tokensCss } from './palette.js';

const TOKENS_FILE = fileURLToPath(new URL('../../../../src/web/assets/tokens.css', import.meta.url));

test('tokens.css is the palette: the file and palette.ts cannot drift apart', () => {
  assert.equal(readFileSync(TOKENS_FILE, 'utf8'), tokensCss(), `src/web/assets/tokens.css must read:\n${tokensCss()}`);
  for (const s of RATING_PALETTE) assert.ok(tokensCss().includes(`--${s.token}: ${s.color};`), s.token);
});

/** Contrast ratio of a colour against white (WCAG 2 relative luminance). */
function contrastWithWhite(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return 1.05 / (l + 0.05);
}

test('every series fill has 3:1 against white and a pattern of its own', () => {
  for (const s of RATING_PALETTE) assert.ok(contrastWithWhite(s.color) >= 3, `${s.token} ${s.color}: ${contrastWithWhite(s.color).toFixed(2)}`);
  assert.equal(new Set(RATING_PALETTE.map((s) => s.pattern)).size, RATING_PALETTE.length);
  assert.equal(contrastWithWhite('#ffffff'), 1);
  assert.equal(seriesStyle(RATING_PALETTE.length), RATING_PALETTE[0]);
  assert.equal(colorVar(RATING_PALETTE[0]!), 'var(--rating-1, #0d6b2f)');
});
