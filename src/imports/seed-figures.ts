/**
 * Test support: the sample report's own published summary table, H29–R4.
 * Every test that checks an import, a report or an export against the seed
 * compares with these figures, written down once.
 */
export const SEED_SUMMARY: Readonly<Record<number, Readonly<Record<string, number>>>> = {
  2017: { A: 59, B: 19, C: 4, '—': 1 },
  2018: { A: 56, B: 23, C: 1, '—': 3 },
  2019: { A: 65, B: 14, C: 0, '—': 4 },
  2020: { A: 68, B: 11, C: 0, '—': 4 },
  2021: { A: 72, B: 6, C: 0, '—': 5 },
  2022: { A: 73, B: 5, C: 0, '—': 5 },
};
