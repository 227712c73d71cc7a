/**
 * `npm run bench`: prints figures and their ratio to each target. Never a pass/fail
 * test: speed is measured here, not asserted in the test suite.
 */
import { benchEngines, runFoundationBench } from './foundation.js';

const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);

console.log(`hyoka bench — node ${process.version}, ${new Date().toISOString()}`);
const engines = await benchEngines();
if (wanted('foundation')) await runFoundationBench(engines);
// bench: reports (issue 3)
// bench: workflow (issue 4)
// bench: portal (issue 5)
process.exit(0);
