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

/**
 * Values kept per dataset snapshot and key: the snapshot object's lifetime bounds the memo's
 * (a new snapshot starts empty), and one snapshot keeps at most `maxPerSnapshot` values, so a
 * crawler over every path cannot grow it without bound.
 */
export class SnapshotMemo<V> {
  private readonly bySnapshot = new WeakMap<object, Map<string, V>>();

  constructor(private readonly maxPerSnapshot = 2000) {}

  get(snapshot: object, key: string): V | undefined {
    return this.bySnapshot.get(snapshot)?.get(key);
  }

  set(snapshot: object, key: string, value: V): V {
    let entries = this.bySnapshot.get(snapshot);
    if (!entries) {
      entries = new Map();
      this.bySnapshot.set(snapshot, entries);
    }
    if (entries.size >= this.maxPerSnapshot) entries.clear();
    entries.set(key, value);
    return value;
  }
}

const bodies = new SnapshotMemo<CachedBody>();

/** What `memoised` keeps for this snapshot and key, if anything: a hit then needs no promise. */
export function memoisedBody(snapshot: object, key: string): CachedBody | undefined {
  return bodies.get(snapshot, key);
}

/**
 * Computes `build` once per snapshot object and key. The body is kept as bytes: a string would
 * be measured (Content-Length) and encoded to UTF-8 again on every answer.
 */
export async function memoised(snapshot: object, key: string, build: () => Promise<Omit<CachedBody, 'etag'>> | Omit<CachedBody, 'etag'>): Promise<CachedBody> {
  const hit = bodies.get(snapshot, key);
  if (hit) return hit;
  const built = await build();
  const body = typeof built.body === 'string' ? Buffer.from(built.body) : built.body;
  return bodies.set(snapshot, key, { body, etag: etagOf(body), contentType: built.contentType });
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
