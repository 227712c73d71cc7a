/** Figures as the published reports print them, for every screen and export. */

/** 87.95% — two decimals, as the published reports print rates. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(2)}%`;
}
