/** What every workflow route shares: the request type, page sending, lenient input and the round a route names. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { z } from 'zod';
import { invalidInput, notFound } from '../errors.js';
import type { AppContext } from '../web/context.js';
import { parseInput } from '../web/forms.js';
import { renderPage } from '../web/layout.js';
import { pathOf } from '../web/request-path.js';
import { sendPage } from '../auth/guard.js';
import type { PlanVocabulary } from './plan-settings-queries.js';
import { getRound, type Round } from './round-queries.js';
import * as schema from './workflow-schema.js';

export type Req = FastifyRequest<{ Params: Record<string, string>; Body: Record<string, unknown>; Querystring: Record<string, string | undefined> }>;

export const PAGE_MISSING = '指定されたページは存在しないか、閲覧できません。';

export function page(reply: FastifyReply, node: VNode, status = 200): FastifyReply {
  return sendPage(reply, renderPage(node), status);
}

/** What every page gets from the request. */
export function base(req: Req) {
  return { prefs: req.prefs, auth: req.auth!, path: pathOf(req) };
}

/** What every page of a round gets: the request's share, the round and the plan's words. */
export function roundBase(req: Req, round: Round, vocabulary: PlanVocabulary) {
  return { ...base(req), round, vocabulary };
}

/** Input that a schema reads leniently: a failure means a request no page of ours sends. */
export function readLeniently<S extends z.ZodType>(s: S, input: unknown): z.output<S> {
  const r = parseInput(s, input);
  if (!r.ok) throw invalidInput(Object.values(r.errors).join(' '));
  return r.value;
}

/** Route parameters that are not ids name no page. */
export function paramsOf<S extends z.ZodType>(s: S, req: Req): z.output<S> {
  const r = parseInput(s, req.params);
  if (!r.ok) throw notFound(PAGE_MISSING);
  return r.value;
}

export const roundOf = (ctx: AppContext, req: Req): Promise<Round> => getRound(ctx.db, paramsOf(schema.roundParams, req).roundId);
