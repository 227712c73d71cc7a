/** The lineage admin form: the two plans and the mapping as CSV text. */
import { z } from 'zod';

const slug = z.string().trim().min(1, '計画を選んでください。');

export const lineageForm = z.object({
  successor: slug,
  predecessor: slug,
  csv: z.string().trim().min(1, '対応づけを入力してください。').max(1_000_000, '対応づけが長すぎます（1 MB まで）。'),
});
