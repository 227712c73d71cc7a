/**
 * Import boundaries of hyoka, checked on the compiled output (dist-test/src, or dist/src,
 * mirrors src/ file for file; TypeScript 7 has no compiler API for the checker to parse .ts).
 * `npm run lint` checks the test build, which `npm test` then runs, so the sources are
 * compiled once. Test files are exempt from the direction rules, as they were when
 * only dist/src (which has none) was checked.
 * The rules are the ones CONTRIBUTING.md states; a wrong-way import fails `npm test`.
 */
/** Either build's copy of src/ (non-capturing, so `$1` below is still the domain). */
const SRC = '^dist(?:-test)?/src/';
const DOMAINS = '(plans|evaluations|reports|portal|api|imports|auth|audit|analysis|users|departments|insights|indicators|lineage|ops)';
const SHARED = `${SRC}(web/(?!server)|fiscal/|db/|errors|config/)`;

module.exports = {
  forbidden: [
    {
      name: 'shared-imports-no-domain',
      comment: 'Shared UI, web helpers, fiscal years, db, errors and config know no domain.',
      severity: 'error',
      from: { path: SHARED, pathNot: '\\.test\\.js$' },
      to: { path: `${SRC}${DOMAINS}/` },
    },
    {
      name: 'no-other-domains-pages-or-routes',
      comment: 'A domain uses another domain’s queries, store and logic, never its routes or pages.',
      severity: 'error',
      from: { path: `${SRC}${DOMAINS}/`, pathNot: '\\.test\\.js$' },
      to: { path: `${SRC}${DOMAINS}/(pages/|[^/]*-(routes|pages|page|command)\\.js$)`, pathNot: `${SRC}$1/` },
    },
    {
      name: 'logic-imports-no-http-or-cli',
      comment: 'Queries, stores, schemas and logic are plain functions: no routes, pages, server or CLI.',
      severity: 'error',
      from: { path: `${SRC}${DOMAINS}/`, pathNot: '(/pages/|-(routes|pages|page|command)\\.js$|/register\\.js$|\\.test\\.js$)' },
      to: { path: `(/pages/|-(routes|pages|page|command)\\.js$|${SRC}web/server|${SRC}cli/)` },
    },
    {
      name: 'no-test-support-in-production',
      comment: 'Test helpers are for tests only.',
      severity: 'error',
      from: { path: SRC, pathNot: `(\\.test\\.js$|${SRC}test-support/)` },
      to: { path: `(${SRC}test-support/|\\.test\\.js$)` },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: SRC },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^node_modules|\\.map$)' },
    moduleSystems: ['es6'],
  },
};
