/** The path of a request without its query string, as links and switches need it. */
import type { FastifyRequest } from 'fastify';

export function pathOf(req: Pick<FastifyRequest, 'url'>): string {
  const end = req.url.indexOf('?');
  return end === -1 ? req.url : req.url.slice(0, end);
}
