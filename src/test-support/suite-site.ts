/**
 * The seeded workflow server of a suite and a signed-in session on it: started before the
 * suite's first test, closed after its last. Read its fields inside the tests (they exist
 * once the suite's `before` has run).
 */
import { after, before } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/db.js';
import { type Browserish, sessionAs, startWorkflowServer, type WorkflowServer } from './server.js';

export interface SuiteSite {
  readonly server: WorkflowServer;
  readonly app: FastifyInstance;
  readonly db: Db;
  /** The session of the login the suite was opened for. */
  readonly session: Browserish;
}

export function suiteSite(login: string): SuiteSite {
  let opened: { server: WorkflowServer; session: Browserish } | undefined;
  before(async () => {
    const server = await startWorkflowServer();
    opened = { server, session: await sessionAs(server.db, login) };
  });
  after(async () => opened?.server.close());
  const current = () => {
    if (!opened) throw new Error('the suite’s server starts before its first test');
    return opened;
  };
  return {
    get server() {
      return current().server;
    },
    get app() {
      return current().server.app;
    },
    get db() {
      return current().server.db;
    },
    get session() {
      return current().session;
    },
  };
}
