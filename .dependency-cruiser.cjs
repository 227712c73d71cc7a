/**
 * Import boundaries of hyoka, checked on the compiled output (dist/src mirrors src/
 * file for file; TypeScript 7 has no compiler API for the checker to parse .ts).
 * The rules are the ones CONTRIBUTING.md states; a wrong-way import fails `npm test`.
 */
const DOMAINS = '(plans|evaluations|reports|portal|api|imports|auth|audit|analysis|users|departments|insights|indicators|lineage|ops)';
const SHARED = '^dist/src/(web/(?!server)|fiscal/|db/|errors|config/)';

module.exports = {
  forbidden: [
    {
      name: 'shared-imports-no-domain',
      comment: 'Shared UI, web helpers, fiscal years, db, errors and config know no domain.',
      severity: 'error',
      from: { path: SHARED, pathNot: '\\.test\\.js$' },
      to: { path: `^dist/src/${DOMAINS}/` },
    },
    {
      name: 'no-other-domains-pages-or-routes',
      comment: 'A domain uses another domain’s queries, store and logic, never its routes or pages.',
      severity: 'error',
      from: { path: `^dist/src/${DOMAINS}/` },
      to: { path: `^dist/src/${DOMAINS}/(pages/|[^/]*-(routes|pages|page|command)\\.js$)`, pathNot: '^dist/src/$1/' },
    },
    {
      name: 'logic-imports-no-http-or-cli',
      comment: 'Queries, stores, schemas and logic are plain functions: no routes, pages, server or CLI.',
      severity: 'error',
      from: { path: `^dist/src/${DOMAINS}/`, pathNot: '(/pages/|-(routes|pages|page|command)\\.js$|/register\\.js$|\\.test\\.js$)' },
      to: { path: '(/pages/|-(routes|pages|page|command)\\.js$|^dist/src/web/server|^dist/src/cli/)' },
    },
    {
      name: 'no-test-support-in-production',
      comment: 'Test helpers are for tests only.',
      severity: 'error',
      from: { path: '^dist/src/', pathNot: '(\\.test\\.js$|^dist/src/test-support/)' },
      to: { path: '(^dist/src/test-support/|\\.test\\.js$)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^dist/src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^node_modules|\\.map$)' },
    moduleSystems: ['es6'],
  },
};
