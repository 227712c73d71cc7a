/**
 * Kept so evaluations/register.ts compiles until its merge; the audit screens now live in
 * ./audit-routes.tsx, ./pages/audit-page.tsx and ./audit-csv.ts. Remove once nothing imports it.
 */
export { registerAuditRoutes } from './audit-routes.js';
export { auditCsv } from './audit-csv.js';
