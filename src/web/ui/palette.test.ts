import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RATING_PALETTE, colorVar, hexOf, seriesStyle, styleOfCode, tokensCss } from './palette.js';

const TOKENS_FILE = fileURLToPath(new URL('../../../../src/web/assets/tokens.css', import.meta.url));

test('tokens.css is the palette: the file and palette.ts cannot drift apart', () => {
  assert.equal(readFileSync(TOKENS_FILE, 'utf8'), tokensCss(), `src/web/assets/tokens.css must read:\n${tokensCss()}`);
  for (const s of RATING_PALETTE) assert.ok(tokensCss().includes(`--${s.token}: ${s.color};`), s.token);
});

/** WCAG 2 relative luminance. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** Contrast ratio of a colour against white. */
function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

test('every rating colour reads as text on white and on its own tint (4.5:1), and the tints differ', () => {
  for (const s of RATING_PALETTE) {
    assert.ok(contrastWithWhite(s.color) >= 4.5, `${s.token} ${s.color}`);
    const onTint = (luminance(s.tint) + 0.05) / (luminance(s.color) + 0.05);
    assert.ok(onTint >= 4.5, `${s.token} on ${s.tint}: ${onTint.toFixed(2)}`);
  }
  assert.equal(new Set(RATING_PALETTE.map((s) => s.tint)).size, RATING_PALETTE.length);
  assert.equal(styleOfCode([{ code: 'A' }, { code: 'B' }], 'B'), RATING_PALETTE[1]);
  assert.equal(styleOfCode([{ code: 'A' }], 'Z'), undefined);
  assert.equal(hexOf('#0d6b2f'), '0D6B2F');
});

test('the portal’s rating colours are the palette’s (app.css reads the tokens)', () => {
  const app = readFileSync(fileURLToPath(new URL('../../../../src/web/assets/app.css', import.meta.url)), 'utf8');
  ['a', 'b', 'c', 'na'].forEach((name, i) => {
    assert.ok(app.includes(`--${name}: var(--rating-${i + 1}, ${RATING_PALETTE[i]!.color})`), name);
  });
});

test('every series fill has 3:1 against white and a pattern of its own', () => {
  for (const s of RATING_PALETTE) assert.ok(contrastWithWhite(s.color) >= 3, `${s.token} ${s.color}: ${contrastWithWhite(s.color).toFixed(2)}`);
  assert.equal(new Set(RATING_PALETTE.map((s) => s.pattern)).size, RATING_PALETTE.length);
  assert.equal(contrastWithWhite('#ffffff'), 1);
  assert.equal(seriesStyle(RATING_PALETTE.length), RATING_PALETTE[0]);
  assert.equal(colorVar(RATING_PALETTE[0]!), 'var(--rating-1, #0d6b2f)');
});
