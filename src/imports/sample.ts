/** The sample report shipped with hyoka: Chigasaki City's R4 final evaluation. */
import { fileURLToPath } from 'node:url';

export const SAMPLE_REPORT = fileURLToPath(new URL('../../../samples/chigasaki-r4-final-evaluation.txt', import.meta.url));
export const SAMPLE_PLAN_SLUG = 'chigasaki-chiiki-johoka';
