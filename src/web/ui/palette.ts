/**
 * The colours of rating charts, defined once. `tokensCss()` is the content of
 * src/web/assets/tokens.css (a test keeps the file equal to it) and is inlined in
 * the standalone report, whose HTML and PDF load no stylesheet. The chart refers to
 * the colours as CSS variables with these values as fallbacks, so it draws the same
 * with or without the stylesheet.
 *
 * Each series also has a pattern, so ratings stay apart without colour (WCAG 1.4.1);
 * every colour is at least 4.5:1 against white and against its own tint, so it serves
 * as the text colour of a rating too (the portal's and the report's rating cells, on
 * the tint), and as a fill at least 3:1 (WCAG 1.4.11). The Word and Excel reports
 * take the same colours by scale position (`styleOfCode`): rating A is one colour
 * in every view and file.
 */

export type SeriesPattern = 'solid' | 'diagonal' | 'crosshatch' | 'dots' | 'horizontal' | 'vertical';

export interface SeriesStyle {
  /** CSS variable name, without the leading dashes. */
  token: string;
  color: string;
  /** A light background of the same hue for table cells. */
  tint: string;
  pattern: SeriesPattern;
}

/** Series styles by scale position (A, B, C, —, …); a longer scale wraps around. */
export const RATING_PALETTE: readonly SeriesStyle[] = [
  { token: 'rating-1', color: '#0d6b2f', tint: '#e8f3ec', pattern: 'solid' },
  { token: 'rating-2', color: '#8a5a00', tint: '#fcf1dc', pattern: 'diagonal' },
  { token: 'rating-3', color: '#a1261d', tint: '#fbe7e5', pattern: 'crosshatch' },
  { token: 'rating-4', color: '#5c5c5c', tint: '#efefef', pattern: 'dots' },
  { token: 'rating-5', color: '#1f4e8c', tint: '#e7eef8', pattern: 'horizontal' },
  { token: 'rating-6', color: '#6b3fa0', tint: '#f1eaf8', pattern: 'vertical' },
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

/** The style of a scale code by its position in the scale (A, B, C, — → the 1st to 4th). */
export function styleOfCode(codes: readonly { code: string }[], code: string | null): SeriesStyle | undefined {
  const at = code === null ? -1 : codes.findIndex((c) => c.code === code);
  return at < 0 ? undefined : seriesStyle(at);
}

/** "#0d6b2f" → "0D6B2F", the form Word and Excel files write. */
export function hexOf(color: string): string {
  return color.replace(/^#/, '').toUpperCase();
}

/** `var(--rating-1, #0d6b2f)`: the token, resolvable without any stylesheet. */
export function colorVar(style: { token: string; color: string }): string {
  return `var(--${style.token}, ${style.color})`;
}

/** The :root block of every chart colour. */
export function tokensCss(): string {
  const lines = [
    ...RATING_PALETTE.flatMap((s) => [`  --${s.token}: ${s.color};`, `  --${s.token}-tint: ${s.tint};`]),
    ...Object.values(CHART_COLORS).map((s) => `  --${s.token}: ${s.color};`),
  ];
  return `/* Chart colours, generated from src/web/ui/palette.ts (tokensCss): edit them there. */\n:root {\n${lines.join('\n')}\n}\n`;
}
