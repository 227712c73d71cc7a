/** `/healthz` for load balancers and monitoring: 200 when the database answers, else 503. */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/db.js';

export function registerHealthRoute(app: FastifyInstance, db: Db): void {
  // Probes come every few seconds: only failures are worth a log line.
  app.get('/healthz', { logLevel: 'warn' }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await db.query('select 1');
      return reply.code(200).send({ status: 'ok' });
    } catch (error) {
      req.log.error({ err: error }, 'healthz: データベースに接続できません');
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
}
