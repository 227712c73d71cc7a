/**
 * The colours of rating charts, defined once. `tokensCss()` is the content of
 * src/web/assets/tokens.css (a test keeps the file equal to it) and is inlined in
 * the standalone report, whose HTML and PDF load no stylesheet. The chart refers to
 * the colours as CSS variables with these values as fallbacks, so it draws the same
 * with or without the stylesheet.
 *
 * Each series also has a pattern, so ratings stay apart without colour (WCAG 1.4.1);
 * every fill is at least 3:1 against white (WCAG 1.4.11).
 */

export type SeriesPattern = 'solid' | 'diagonal' | 'crosshatch' | 'dots' | 'horizontal' | 'vertical';

export interface SeriesStyle {
  /** CSS variable name, without the leading dashes. */
  token: string;
  color: string;
  pattern: SeriesPattern;
}

/** Series styles by scale position (A, B, C, —, …); a longer scale wraps around. */
export const RATING_PALETTE: readonly SeriesStyle[] = [
  { token: 'rating-1', color: '#0d6b2f', pattern: 'solid' },
  { token: 'rating-2', color: '#a86b00', pattern: 'diagonal' },
  { token: 'rating-3', color: '#a1261d', pattern: 'crosshatch' },
  { token: 'rating-4', color: '#5c5c5c', pattern: 'dots' },
  { token: 'rating-5', color: '#1f4e8c', pattern: 'horizontal' },
  { token: 'rating-6', color: '#6b3fa0', pattern: 'vertical' },
];

/** The chart's other colours: text and lines, the paper behind the patterns, grid lines. */
export const CHART_COLORS = {
  ink: { token: 'chart-ink', color: '#111111' },
  muted: { token: 'chart-muted', color: '#333333' },
  paper: { token: 'chart-paper', color: '#ffffff' },
  grid: { token: 'chart-grid', color: '#c4c4c4' },
} as const;

export function seriesStyle(index: number): SeriesStyle {
  return RATING_PALETTE[((index % RATING_PALETTE.length) + RATING_PALETTE.length) % RATING_PALETTE.length]!;
}

/** `var(--rating-1, #0d6b2f)`: the token, resolvable without any stylesheet. */
export function colorVar(style: { token: string; color: string }): string {
  return `var(--${style.token}, ${style.color})`;
}

/** The :root block of every chart colour. */
export function tokensCss(): string {
  const lines = [...RATING_PALETTE, ...Object.values(CHART_COLORS)].map((s) => `  --${s.token}: ${s.color};`);
  return `/* Chart colours, generated from src/web/ui/palette.ts (tokensCss): edit them there. */\n:root {\n${lines.join('\n')}\n}\n`;
}
