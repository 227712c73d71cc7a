/**
 * Response bytes, ETags and memoisation shared by the API and the portal (HTTP
 * plumbing, no domain).
 * A response is computed once per (dataset snapshot, request key) and then served
 * from memory with a strong ETag; If-None-Match gives 304.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface CachedBody {
  body: string | Buffer;
  etag: string;
  contentType: string;
}

export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

const MAX_ENTRIES_PER_SNAPSHOT = 2000;
const memo = new WeakMap<object, Map<string, CachedBody>>();

/** Computes `build` once per snapshot object and key; the snapshot's lifetime bounds the memo's. */
export async function memoised(snapshot: object, key: string, build: () => Promise<Omit<CachedBody, 'etag'>> | Omit<CachedBody, 'etag'>): Promise<CachedBody> {
  let entries = memo.get(snapshot);
  if (!entries) {
    entries = new Map();
    memo.set(snapshot, entries);
  }
  const hit = entries.get(key);
  if (hit) return hit;
  const built = await build();
  const value = { ...built, etag: etagOf(built.body) };
  if (entries.size >= MAX_ENTRIES_PER_SNAPSHOT) entries.clear();
  entries.set(key, value);
  return value;
}

export function matchesIfNoneMatch(req: FastifyRequest, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (typeof header !== 'string') return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}

export function sendCached(req: FastifyRequest, reply: FastifyReply, cached: CachedBody, cacheControl: string): FastifyReply {
  reply.header('etag', cached.etag).header('cache-control', cacheControl);
  if (matchesIfNoneMatch(req, cached.etag)) return reply.code(304).send();
  return reply.type(cached.contentType).send(cached.body);
}
