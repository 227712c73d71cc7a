/**
 * The admin screens now belong to the users and departments domains, which web/server.tsx
 * registers. This no-op stays only so evaluations/register.ts, which still calls it, compiles
 * until that wiring drops the call; then delete this file (and the admin/ folder).
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../web/context.js';

/** @deprecated registered by web/server.tsx: registerUserRoutes and registerDepartmentRoutes. */
export function registerAdminRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
